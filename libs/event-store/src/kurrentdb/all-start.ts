import { START, type ReadPosition } from '@kurrent/kurrentdb-client';
import type { LogEntry } from './record-codec';

/**
 * Where in `$all` to start reading so that nothing at or after `position` is missed.
 *
 * Our positions are not KurrentDB's: `$all` positions are commit/prepare pairs with gaps, and
 * the order of records inside one multi-stream append is the server's business. What is
 * certain is that appends are serialised by the log stream, so every record of an append comes
 * after every record of the append before it. So: find the append that holds position - 1 (its
 * log entry names its first position), step back to the last entry of the append before that,
 * and start at that entry's `$all` position. The few events read twice are skipped by the
 * PositionSequencer. Two short reads of the log stream; no scan.
 */
export async function allStartFor(
  position: number,
  head: number,
  entryAt: (position: number) => Promise<LogEntry | undefined>,
): Promise<ReadPosition> {
  const target = Math.min(position, head + 1);
  if (target <= 0) return START;
  const entry = await entryAt(target - 1);
  if (!entry || entry.batchFirst === 0) return START;
  const before = await entryAt(entry.batchFirst - 1);
  return before?.allPosition ?? START;
}
