import type { StoredEvent } from '@vinhdanh/event-store';
import type { SqlExecutor } from '@vinhdanh/sql';
import type { SqlRows } from './sql-rows';
import { versionCheckpoint } from './schema';

export class CheckpointMismatch extends Error {
  readonly code = 'PROJECTION_CHECKPOINT_MISMATCH';
  constructor(
    readonly projection: string,
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(`projection ${projection}: batch starts at ${expected}, checkpoint is ${actual}`);
  }
}

/**
 * Applies one batch to one projection version inside the caller's transaction: rows and
 * checkpoint commit together. The checkpoint moves by compare-and-set first, which also locks
 * the version's row, so two writers that somehow overlap serialise and the second one fails
 * here instead of applying events twice. Events below the stored checkpoint are skipped (they
 * are already applied); a batch that starts above it would skip events, and is refused.
 * Returns the number of events applied.
 */
export async function applyBatch(tx: SqlExecutor, rows: SqlRows, events: readonly StoredEvent[]): Promise<number> {
  const name = rows.projection.name;
  const stored = await versionCheckpoint(tx, name, rows.version);
  if (stored === null) throw new CheckpointMismatch(name, events[0]?.position ?? 0, null);
  const todo = events.filter((e) => e.position >= stored);
  if (todo.length === 0) return 0;
  if (todo[0].position !== stored) throw new CheckpointMismatch(name, todo[0].position, stored);
  const next = todo[todo.length - 1].position + 1;
  const moved = await tx.execute('UPDATE projection_versions SET checkpoint = ? WHERE name = ? AND version = ? AND checkpoint = ?', [
    next,
    name,
    rows.version,
    stored,
  ]);
  if (moved.changes !== 1) throw new CheckpointMismatch(name, stored, await versionCheckpoint(tx, name, rows.version));
  rows.begin(tx);
  await applyEvents(rows, todo);
  await rows.flush();
  return todo.length;
}

/** Runs a projection's code over events into the rows' cache; the caller decides when to write. */
export async function applyEvents(rows: SqlRows, events: readonly StoredEvent[]): Promise<void> {
  await rows.projection.prepare(events, rows);
  for (const event of events) rows.projection.apply(event, rows);
  rows.projection.finish?.(rows);
}
