import { randomUUID } from 'node:crypto';
import { DomainError, type CommandMetadata, type Decider } from '@vinhdanh/domain';
import {
  StoreUnavailable,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from '@vinhdanh/event-store';
import { ConcurrencyConflict } from './application-errors';
import { runDecider } from './run-decider';

/** Just enough of an event store: one log, expected revisions, and a hook to move a stream under our feet. */
class FakeStore {
  readonly backend = 'fake';
  readonly log: StoredEvent[] = [];
  appendCalls = 0;
  beforeAppend: (streamId: string) => void = () => undefined;

  write(streamId: string, events: NewEvent[]): AppendResult {
    let revision = this.revisionOf(streamId);
    const positions = events.map((e) => {
      revision += 1;
      this.log.push({ ...e, streamId, revision, position: this.log.length, hash: '' });
      return this.log.length - 1;
    });
    return { nextExpectedRevision: revision, positions };
  }

  revisionOf(streamId: string): number {
    return this.log.filter((e) => e.streamId === streamId).length - 1;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.appendCalls += 1;
    this.beforeAppend(streamId);
    const actual = this.revisionOf(streamId);
    const ok = expected === 'any' || (expected === 'no_stream' ? actual === -1 : expected === actual);
    if (!ok) throw new WrongExpectedRevision(streamId, expected, actual);
    return this.write(streamId, events);
  }

  async *readStream(streamId: string): AsyncIterable<StoredEvent> {
    for (const e of this.log.filter((x) => x.streamId === streamId)) yield e;
  }
}

type Inc = { type: 'Increment'; data: { by: number }; metadata: CommandMetadata };
type Incremented = { type: 'Incremented'; data: { total: number } };

/** A counter that refuses to pass 3: a retried decision must see what the winner wrote. */
const counter: Decider<Inc, Incremented, number, { limit: number }> = {
  initialState: 0,
  evolve: (_s, e) => e.data.total,
  decide: (c, s, ctx) =>
    s + c.data.by > ctx.limit ? new DomainError('LIMIT', 'past the limit') : [{ type: 'Incremented', data: { total: s + c.data.by } }],
};

const meta = (over: Partial<CommandMetadata> = {}): CommandMetadata => ({
  actor: { id: 'u-1', roles: ['admin'], unit: 'unit-a' },
  now: '2026-05-01T00:00:00Z',
  correlationId: 'corr-1',
  ...over,
});
const inc = (by: number, metadata = meta()): Inc => ({ type: 'Increment', data: { by }, metadata });

function run(store: FakeStore, command: Inc, maxAttempts = 5) {
  return runDecider({
    store: store as unknown as EventStore,
    streamId: 'counter-1',
    decider: counter,
    command,
    loadContext: async () => ({ limit: 3 }),
    maxAttempts,
  });
}

const other = (total: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'Incremented',
  data: { total },
  metadata: { actor: { id: 'u-2', roles: [] }, correlationId: 'x', recordedAt: '2026-05-01T00:00:00Z' },
});

describe('runDecider', () => {
  it('appends what was decided, with every piece of the command metadata in the event metadata', async () => {
    const store = new FakeStore();
    const outcome = await run(store, inc(2, meta({ idempotencyKey: 'k-1', causationId: 'cause-1' })));
    expect(outcome.ok && outcome.appended.map((a) => [a.event, a.revision, a.position])).toEqual([[{ type: 'Incremented', data: { total: 2 } }, 0, 0]]);
    expect(store.log[0].metadata).toEqual({
      actor: { id: 'u-1', roles: ['admin'], unit: 'unit-a' },
      correlationId: 'corr-1',
      causationId: 'cause-1',
      idempotencyKey: 'k-1',
      recordedAt: '2026-05-01T00:00:00Z',
      command: 'Increment',
    });
  });

  it('after losing a race, decides again on the winner’s state', async () => {
    const store = new FakeStore();
    store.write('counter-1', [other(1)]);
    let raced = false;
    store.beforeAppend = (id) => {
      if (!raced) store.write(id, [other(2)]);
      raced = true;
    };
    const outcome = await run(store, inc(1));
    expect(store.appendCalls).toBe(2);
    expect(outcome.ok && outcome.appended[0].event.data).toEqual({ total: 3 });
  });

  it('returns the refusal when the retried decision no longer holds, writing nothing', async () => {
    const store = new FakeStore();
    store.beforeAppend = (id) => {
      if (store.revisionOf(id) < 0) store.write(id, [other(3)]);
    };
    const outcome = await run(store, inc(1));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('LIMIT');
    expect(store.log).toHaveLength(1);
  });

  it('gives up with a ConcurrencyConflict after the bounded number of attempts', async () => {
    const store = new FakeStore();
    store.beforeAppend = (id) => void store.write(id, [other(0)]);
    const error = await run(store, inc(1), 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect((error as ConcurrencyConflict).attempts).toBe(3);
    expect(store.appendCalls).toBe(3);
    expect(store.log.every((e) => e.metadata.actor.id === 'u-2')).toBe(true);
  });

  it('does not retry a store failure that may hide a write', async () => {
    const store = new FakeStore();
    store.beforeAppend = () => {
      throw new StoreUnavailable('connection lost');
    };
    await expect(run(store, inc(1))).rejects.toBeInstanceOf(StoreUnavailable);
    expect(store.appendCalls).toBe(1);
  });

  it('replays a repeat of the same command by the same actor, and only that', async () => {
    const store = new FakeStore();
    const first = await run(store, inc(1, meta({ idempotencyKey: 'k-9' })));
    const again = await run(store, inc(1, meta({ idempotencyKey: 'k-9', now: '2026-05-02T00:00:00Z' })));
    expect(again.ok && again.replayed).toBe(true);
    expect(again.ok && again.appended.map((a) => a.eventId)).toEqual(first.ok && first.appended.map((a) => a.eventId));
    expect(store.log).toHaveLength(1);

    const someoneElse = await run(store, inc(1, meta({ idempotencyKey: 'k-9', actor: { id: 'u-3', roles: [] } })));
    expect(someoneElse.ok && someoneElse.replayed).toBe(false);
    expect(store.log).toHaveLength(2);
  });
});
