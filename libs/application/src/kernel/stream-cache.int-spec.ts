import { randomUUID } from 'node:crypto';
import type { Decider } from '@vinhdanh/domain';
import type { EventStore, NewEvent } from '@vinhdanh/event-store';
import { workflowBackends, type WorkflowBackend } from '../testing/workflow-backends';
import { StreamCache } from './stream-cache';

type Added = { type: 'Added'; data: { n: number } };
/** A sum of the numbers added: enough to see which events a state was folded from. */
const sum: Decider<never, Added, { total: number; seen: number[] }> = {
  initialState: { total: 0, seen: [] },
  evolve: (s, e) => ({ total: s.total + e.data.n, seen: [...s.seen, e.data.n] }),
  decide: () => [],
};
const meta = { actor: { id: 'tester', roles: [] }, correlationId: 'c', recordedAt: '2026-01-01T00:00:00Z' };
const added = (...ns: number[]): NewEvent[] => ns.map((n) => ({ eventId: randomUUID(), type: 'Added', data: { n }, metadata: meta }));

describe.each(['sqlite', 'postgres'] as const)('StreamCache (%s)', (kind) => {
  let backend: WorkflowBackend;
  let store: EventStore;
  beforeAll(async () => {
    backend = await workflowBackends[kind]();
    store = backend.store;
  });
  afterAll(() => backend.cleanup());

  it('sees what other writers appended since its last load, and folds the same state as a fresh read', async () => {
    const cache = new StreamCache(store);
    await store.append('sum-1', added(1, 2), 'no_stream');
    const first = await cache.load({ streamId: 'sum-1', decider: sum });
    expect(first).toMatchObject({ revision: 1, state: { total: 3, seen: [1, 2] } });

    // Another process appends: the next load reads the tail and folds it onto what it had.
    await store.append('sum-1', added(4), 1);
    const second = await cache.load({ streamId: 'sum-1', decider: sum });
    expect(second).toMatchObject({ revision: 2, state: { total: 7, seen: [1, 2, 4] } });
    const fresh = await new StreamCache(store).load({ streamId: 'sum-1', decider: sum });
    expect(second).toEqual(fresh);
    expect(first.state).toEqual({ total: 3, seen: [1, 2] }); // an earlier load is not changed under its holder
  });

  it('loads several streams in request order, a missing one empty', async () => {
    const cache = new StreamCache(store);
    await store.append('sum-a', added(10), 'no_stream');
    await store.append('sum-b', added(20, 30), 'no_stream');
    await cache.load({ streamId: 'sum-b', decider: sum });
    await store.append('sum-b', added(40), 1);
    const [b, none, a] = await cache.loadMany([
      { streamId: 'sum-b', decider: sum },
      { streamId: 'sum-none', decider: sum },
      { streamId: 'sum-a', decider: sum },
    ]);
    expect(b).toMatchObject({ revision: 2, state: { total: 90 } });
    expect(b!.stored.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(none).toEqual({ stored: [], state: sum.initialState, revision: -1 });
    expect(a).toMatchObject({ revision: 0, state: { total: 10 } });
  });

  it('forgets the least recently loaded stream past its size', async () => {
    const cache = new StreamCache(store, 2);
    for (const id of ['lru-1', 'lru-2', 'lru-3']) {
      await store.append(id, added(1), 'no_stream');
      await cache.load({ streamId: id, decider: sum });
    }
    expect(cache.peek('lru-1')).toBeUndefined();
    expect(cache.peek('lru-3')).toEqual({ total: 1, seen: [1] });
  });
});
