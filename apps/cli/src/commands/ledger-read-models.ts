import type { StoredEvent } from '@vinhdanh/event-store';
import type { LedgerEvent, PublishedReadModels, ReadModelRecompute, ReadModelRow, ReadModelSnapshotInfo, RecomputedRows } from '@vinhdanh/ledger';
import {
  activeVersion,
  ALL_PROJECTIONS,
  COUNCIL_TALLY,
  HONOUR_LIST,
  loadModelRows,
  MemoryRows,
  type Projection,
  versionCheckpoint,
} from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';

/**
 * The read models a bundle publishes and a verifier re-runs: what the public sees (the honour
 * list and the council tallies; the fairness report joins this list when its projection lands).
 * Internal models such as the audit trail and dossiers are not published this way; they are
 * rebuilt from the events, which the bundle carries anyway.
 */
export const PUBLISHED_READ_MODELS: readonly string[] = [HONOUR_LIST, COUNCIL_TALLY];

const published = (): Projection[] => ALL_PROJECTIONS.filter((p) => PUBLISHED_READ_MODELS.includes(p.name));

/** Rows and checkpoint of each published projection, read in one transaction so they agree. */
export function publishedReadModels(sql: SqlClient): PublishedReadModels {
  return (campaignId) =>
    sql.transaction(async (tx) => {
      const models: ReadModelSnapshotInfo[] = [];
      const rows: ReadModelRow[] = [];
      for (const projection of published()) {
        const version = await activeVersion(tx, projection.name).catch(() => null);
        if (version === null) continue;
        const upTo = (await versionCheckpoint(tx, projection.name, version)) ?? 0;
        models.push({ name: projection.name, upTo });
        for (const [table, entries] of await loadModelRows(tx, projection, version)) {
          for (const [key, row] of entries) {
            if (campaignId === null || row.campaignId === campaignId) rows.push({ model: projection.name, table, key, row });
          }
        }
      }
      return { models, rows };
    });
}

/** Runs the projections in memory over a bundle's events, each up to the checkpoint it was published at. */
export class ProjectionRecompute implements ReadModelRecompute {
  private runs: Array<{ projection: Projection; upTo: number; rows: MemoryRows }> = [];

  start(models: readonly ReadModelSnapshotInfo[]): void {
    this.runs = models.map(({ name, upTo }) => {
      const projection = ALL_PROJECTIONS.find((p) => p.name === name);
      if (!projection) throw new Error(`the bundle publishes read model "${name}", which this verifier does not know: update vinhdanh`);
      return { projection, upTo, rows: new MemoryRows() };
    });
  }

  async push(events: readonly LedgerEvent[]): Promise<void> {
    for (const run of this.runs) {
      // Bundle events have the stored shape; the verifier checked their hashes before they get here.
      const batch = (events as readonly StoredEvent[]).filter((e) => e.position < run.upTo);
      if (batch.length === 0) continue;
      await run.projection.prepare(batch, run.rows);
      for (const e of batch) run.projection.apply(e, run.rows);
    }
  }

  async finish(): Promise<RecomputedRows> {
    const out: RecomputedRows = new Map();
    for (const { projection, rows } of this.runs) {
      const tables = new Map<string, Map<string, Record<string, unknown>>>();
      for (const [table, entries] of rows.tables) if (entries.size > 0) tables.set(table, entries);
      out.set(projection.name, tables);
    }
    return out;
  }
}
