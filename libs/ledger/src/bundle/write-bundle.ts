import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { SqlExecutor } from '@vinhdanh/sql';
import { parseCheckpoint } from '../checkpoint';
import { latestCheckpoint, listCheckpoints, publicKeys } from '../checkpointer/checkpoint-repository';
import { LedgerError } from '../checkpointer/ledger-error';
import { SqlNodeReader } from '../checkpointer/sql-node-store';
import { consistencyProofAsync } from '../merkle';
import { canonicalEventText, type LedgerEvent } from '../verify/event-digests';
import {
  BUNDLE_FORMAT,
  EVENT_LINE_INFIX,
  EVENT_LINE_PREFIX, type BundleCatalog, type BundleEnd, type BundleLine,
  type ReadModelRow,
  type ReadModelSnapshotInfo,
} from './bundle-format';

/** What an export reads the log with (EventStore fits). */
export interface LogReader {
  readAll(options?: { fromPosition?: number; toPosition?: number; batchSize?: number }): AsyncIterable<LedgerEvent>;
}

/** A consistent snapshot of the published read models (rows and each projection's checkpoint). */
export interface ReadModelSnapshot {
  models: ReadModelSnapshotInfo[];
  rows: Iterable<ReadModelRow> | AsyncIterable<ReadModelRow>;
}

/** Takes the snapshot; with a campaign, only that campaign's rows. */
export type PublishedReadModels = (campaignId: string | null) => Promise<ReadModelSnapshot>;

export interface WriteBundleOptions {
  sql: SqlExecutor;
  log: LogReader;
  readModels?: PublishedReadModels;
  campaignId?: string | null;
  now?: () => Date;
  /** Called every few thousand events with (written, total). */
  onProgress?: (written: number, total: number) => void;
}

/** Coalesces lines into ~64 KiB writes and waits for 'drain', so memory stays flat whatever the log's size. */
class LineWriter {
  private chunks: string[] = [];
  private pending = 0;

  constructor(private readonly out: Writable) {}

  line(value: BundleLine): Promise<void> {
    return this.raw(JSON.stringify(value));
  }

  async raw(line: string): Promise<void> {
    const text = `${line}\n`;
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending >= 65_536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.pending = 0;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}

/**
 * Streams an audit bundle (see bundle-format.ts) to `out`: the log up to the latest signed
 * checkpoint, every checkpoint and key, consistency proofs between successive checkpoints
 * (from the node table, not the log), the catalog snapshots and the published read models.
 * Does not end `out`.
 */
export async function writeBundle(out: Writable, options: WriteBundleOptions): Promise<BundleEnd> {
  const { sql, log, readModels } = options;
  const campaignId = options.campaignId ?? null;
  // Read models first: the checkpoint taken next is then at least as recent as the log they saw.
  const snapshot = readModels ? await readModels(campaignId) : undefined;
  const latest = await latestCheckpoint(sql);
  if (!latest) throw new LedgerError('LEDGER_NOT_CHECKPOINTED', 'no checkpoint has been signed yet: nothing to export');
  const treeSize = latest.size;
  const ahead = snapshot?.models.find((m) => m.upTo > treeSize);
  if (ahead) {
    throw new LedgerError(
      'LEDGER_NOT_CHECKPOINTED',
      `read model ${ahead.name} has seen ${ahead.upTo} events but the latest checkpoint covers ${treeSize}: wait for the checkpointer, then export again`,
    );
  }
  const writer = new LineWriter(out);
  const end: BundleEnd = { kind: 'end', keys: 0, checkpoints: 0, consistency: 0, events: 0, catalogs: 0, readModelRows: 0 };

  await writer.line({
    kind: 'header',
    format: BUNDLE_FORMAT,
    origin: parseCheckpoint(latest.note).origin,
    exportedAt: (options.now ?? (() => new Date()))().toISOString(),
    campaignId,
    treeSize,
    readModels: snapshot ? snapshot.models : [],
  });
  for (const k of await publicKeys(sql)) {
    await writer.line({ kind: 'key', ...k });
    end.keys += 1;
  }
  const sizes: number[] = [];
  for await (const c of listCheckpoints(sql, treeSize)) {
    await writer.line({ kind: 'checkpoint', size: c.size, note: c.note });
    sizes.push(c.size);
    end.checkpoints += 1;
  }
  const nodes = new SqlNodeReader(sql);
  for (let i = 1; i < sizes.length; i++) {
    const proof = await consistencyProofAsync(sizes[i - 1], sizes[i], nodes);
    await writer.line({ kind: 'consistency', from: sizes[i - 1], to: sizes[i], proof: proof.map((h) => h.toString('hex')) });
    end.consistency += 1;
  }

  const catalogs: BundleCatalog[] = [];
  for await (const e of log.readAll({ fromPosition: 0, toPosition: treeSize - 1, batchSize: 2_000 })) {
    const { position, type, data } = e;
    await writer.raw(`${EVENT_LINE_PREFIX}${e.hash}${EVENT_LINE_INFIX}${canonicalEventText(e)}}`);
    end.events += 1;
    if (type === 'CampaignOpened') {
      const d = data as { campaignId: string; catalogVersion: string; catalog: unknown };
      if (campaignId === null || d.campaignId === campaignId) {
        catalogs.push({ kind: 'catalog', campaignId: d.campaignId, catalogVersion: d.catalogVersion, catalog: d.catalog, position });
      }
    }
    if (end.events % 10_000 === 0) options.onProgress?.(end.events, treeSize);
  }
  // Fewer events than the checkpoint's size means rows were deleted behind the log's back: the
  // bundle still carries what is there, so the verifier can say where; it is not ours to hide.
  options.onProgress?.(end.events, treeSize);
  for (const c of catalogs) {
    await writer.line(c);
    end.catalogs += 1;
  }
  if (snapshot) {
    for await (const { model, table, key, row } of snapshot.rows) {
      await writer.line({ kind: 'readModel', model, table, key, row });
      end.readModelRows += 1;
    }
  }
  await writer.line(end);
  await writer.flush();
  return end;
}
