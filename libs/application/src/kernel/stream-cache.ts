import { fold, type Decider } from '@vinhdanh/domain';
import type { EventStore, StoredEvent } from '@vinhdanh/event-store';
import type { DomainEventShape, LoadedStream } from './run-decider';

/** A store that can read several streams' tails in one round trip (PostgreSQL). */
interface StreamsReader {
  readStreams(requests: readonly { streamId: string; fromRevision: number }[]): Promise<StoredEvent[][]>;
}

const canReadStreams = (store: EventStore): store is EventStore & StreamsReader => typeof (store as Partial<StreamsReader>).readStreams === 'function';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one cache holds streams of every decider
type AnyDecider = Decider<any, DomainEventShape, any, any>;

export interface StreamLoad<S> {
  streamId: string;
  decider: Decider<unknown, DomainEventShape, S, unknown>;
}

/**
 * The streams commands were last decided on, folded, so the next command on the same stream
 * reads only the events appended since (by anyone, in any process) and folds only those. The
 * log is append-only, so what was read stays true; every load still asks the store what came
 * after, so a decision is never taken on less than the log holds. Streams the store cannot
 * read together are read one by one, in parallel.
 *
 * Folded states are shared between loads: deciders treat states as values (never mutated).
 */
export class StreamCache {
  private readonly entries = new Map<string, LoadedStream<unknown>>();

  /** `maxStreams`: a nomination stream holds some tens of events of about 1 kB, so the default stays near 50 MB. */
  constructor(
    private readonly store: EventStore,
    private readonly maxStreams = 1000,
  ) {}

  /** The state this cache last saw of a stream, if any: a hint of what to load, never a basis for a decision. */
  peek<S>(streamId: string): S | undefined {
    return this.entries.get(streamId)?.state as S | undefined;
  }

  async load<S>(request: StreamLoad<S>): Promise<LoadedStream<S>> {
    return (await this.loadMany([request]))[0] as LoadedStream<S>;
  }

  /** Each stream up to date, in request order; one round trip when the store can. */
  async loadMany(requests: readonly StreamLoad<unknown>[]): Promise<LoadedStream<unknown>[]> {
    const known = requests.map((r) => this.entries.get(r.streamId));
    const tails = await this.readTails(requests.map((r, i) => ({ streamId: r.streamId, fromRevision: (known[i]?.revision ?? -1) + 1 })));
    return requests.map((r, i) => {
      const before = known[i];
      const tail = tails[i]!;
      const decider = r.decider as AnyDecider;
      const state = fold(decider.evolve, before ? before.state : decider.initialState, tail.map((e) => ({ type: e.type, data: e.data })));
      const stored = before && tail.length === 0 ? before.stored : [...(before?.stored ?? []), ...tail];
      const loaded: LoadedStream<unknown> = { stored, state, revision: stored.length ? stored[stored.length - 1]!.revision : -1 };
      this.remember(r.streamId, loaded);
      return loaded;
    });
  }

  private async readTails(requests: { streamId: string; fromRevision: number }[]): Promise<StoredEvent[][]> {
    if (canReadStreams(this.store)) return this.store.readStreams(requests);
    return Promise.all(
      requests.map(async ({ streamId, fromRevision }) => {
        const events: StoredEvent[] = [];
        for await (const e of this.store.readStream(streamId, { fromRevision })) events.push(e);
        return events;
      }),
    );
  }

  /** Keeps the furthest load of a stream (two commands may load it at once), most recent last. */
  private remember(streamId: string, loaded: LoadedStream<unknown>): void {
    const current = this.entries.get(streamId);
    if (current && current.revision > loaded.revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, loaded);
    if (this.entries.size > this.maxStreams) this.entries.delete(this.entries.keys().next().value as string);
  }
}
