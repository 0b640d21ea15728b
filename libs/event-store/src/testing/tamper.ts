import type { JsonValue } from '../event';

/**
 * Edits an adapter's storage behind the store's back, the way someone with database access
 * could, so the contract suite can check that verifyChain notices. Positions are global
 * positions. Hashes are left as they are: the point is that they no longer match.
 */
export interface Tamper {
  updateEvent(position: number, change: { data?: JsonValue; type?: string; metadata?: JsonValue }): Promise<void>;
  deleteEvent(position: number): Promise<void>;
  /** Swaps everything two rows hold (stream, revision, id, type, data, metadata, hash) but their positions. */
  swapEvents(a: number, b: number): Promise<void>;
}
