import type { ReadModelSnapshotInfo } from '../bundle/bundle-format';
import type { LedgerEvent } from './event-digests';

/** projection → table → key → row. */
export type RecomputedRows = Map<string, Map<string, Map<string, Record<string, unknown>>>>;

/**
 * Re-runs read models over the bundle's events as they stream by. The ledger does not depend
 * on @vinhdanh/projections (which depends on it); the caller adapts the projections to this.
 */
export interface ReadModelRecompute {
  /** Which projections to run, each over events [0, upTo) (the bundle header names them). */
  start(models: readonly ReadModelSnapshotInfo[]): void;
  /** Events in position order, a batch at a time; each projection ignores events from its upTo on. */
  push(events: readonly LedgerEvent[]): Promise<void>;
  finish(): Promise<RecomputedRows>;
}
