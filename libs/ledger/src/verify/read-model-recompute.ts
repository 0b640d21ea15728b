import type { LedgerEvent } from './event-digests';

/** projection → table → key → row. */
export type RecomputedRows = Map<string, Map<string, Map<string, Record<string, unknown>>>>;

/**
 * Re-runs read models over the bundle's events as they stream by. The ledger does not depend
 * on @vinhdanh/projections (which depends on it); the caller adapts the projections to this.
 */
export interface ReadModelRecompute {
  /** Which projections to run (the bundle header names those it carries). */
  start(models: readonly string[]): void;
  /** Events in position order, a batch at a time. */
  push(events: readonly LedgerEvent[]): Promise<void>;
  finish(): Promise<RecomputedRows>;
}
