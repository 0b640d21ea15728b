import type { StoredEvent } from '@vinhdanh/event-store';
import type { ModelRows } from './digest';
import { MemoryRows } from './memory-rows';
import type { Projection } from './projection';

/**
 * Runs projections over events with no database: what the offline verifier uses to recompute
 * honour lists, tallies and fairness reports from an exported bundle. Events must come in
 * position order. Empty tables are left out, as they are when read back from SQL.
 */
export async function projectInMemory(
  events: Iterable<StoredEvent> | AsyncIterable<StoredEvent>,
  projections: readonly Projection[],
  batchSize = 1000,
): Promise<Map<string, ModelRows>> {
  const stores = projections.map((p) => ({ p, rows: new MemoryRows() }));
  let batch: StoredEvent[] = [];
  const flush = async () => {
    for (const { p, rows } of stores) {
      await p.prepare(batch, rows);
      for (const e of batch) p.apply(e, rows);
      p.finish?.(rows);
    }
    batch = [];
  };
  for await (const event of events) {
    batch.push(event);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length) await flush();
  const out = new Map<string, ModelRows>();
  for (const { p, rows } of stores) {
    const model: ModelRows = new Map();
    for (const [table, entries] of rows.tables) if (entries.size > 0) model.set(table, entries);
    out.set(p.name, model);
  }
  return out;
}
