import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from './event';

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default 0. */
  fromRevision?: number;
}

export interface ReadAllOptions {
  /** First global position to return (inclusive). Default 0. */
  fromPosition?: number;
  /** Last global position to return (inclusive). Default: the head at the time of reading. */
  toPosition?: number;
  /** How many rows one round trip fetches. Default 1,000. */
  batchSize?: number;
}

export interface SubscribeOptions {
  /** First global position to deliver (inclusive): a checkpoint is "next position". */
  fromPosition: number;
  batchSize?: number;
}

/**
 * Receives events strictly in position order, each exactly once. It gets a batch so that a
 * projection can write many rows and its checkpoint in one transaction. If it throws, the
 * subscription stops and `done` rejects: the caller restarts it from its own checkpoint.
 */
export type SubscriptionHandler = (events: StoredEvent[]) => Promise<void> | void;

export interface Subscription {
  /** Stops after the batch in flight. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop(), rejects if the handler threw. */
  readonly done: Promise<void>;
}

export type ChainVerification =
  | { ok: true; checked: number; headHash: string }
  | { ok: false; checked: number; brokenAt: number; reason: string };

/** The one source of truth. Every adapter passes libs/event-store/src/testing contract suite. */
export interface EventStore {
  readonly backend: string;

  /** Atomic: every event of the call is stored, or none is. */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;

  /** Catches up from `fromPosition`, then follows new appends, including other processes'. */
  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;

  /** Position of the last event, or -1 when the log is empty. */
  headPosition(): Promise<number>;

  /** Recomputes the hash chain from the stored rows and names the first broken position. */
  verifyChain(range?: { from?: number; to?: number }): Promise<ChainVerification>;

  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
