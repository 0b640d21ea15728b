import { randomUUID } from 'node:crypto';
import { runEventStoreContract } from '../testing/event-store.contract';
import { freshStreamId, newEvents } from '../testing/event-fixtures';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { SimulatedKurrentDb } from './testing/simulated-kurrentdb';

/*
 * The whole contract suite against the adapter wired to an in-memory model of the server
 * (testing/simulated-kurrentdb.ts), with each append's records put in `$all` in the reverse of
 * the request order and other applications' records in between. This checks the adapter's own
 * logic (positions, chain, `$all` start, filters, subscriptions, retries) here, without Docker;
 * what it cannot check — the real server's behaviour — is the job of the .int-spec.ts.
 */
const simulate = (server: SimulatedKurrentDb) => ({
  store: new KurrentDbEventStore({ connectionString: 'kurrentdb://simulated:2113?tls=false', streamPrefix: 'vd' }, server.client()),
  cleanup: async () => undefined,
});

runEventStoreContract('kurrentdb (simulated server)', async () => simulate(new SimulatedKurrentDb({ transactionOrder: 'reversed', noise: true })), {
  tamper: false,
});

describe('kurrentdb (simulated server): beyond the contract', () => {
  it('keeps one gapless chain when two stores (two processes) append to the same prefix', async () => {
    const server = new SimulatedKurrentDb({ transactionOrder: 'reversed', noise: true });
    const a = simulate(server).store;
    const b = simulate(server).store;
    const streams = [freshStreamId(), freshStreamId()];
    for (let i = 0; i < 10; i++) {
      const store = i % 3 === 0 ? a : b;
      await store.append(streams[i % 2]!, newEvents(1 + (i % 3)), 'any');
    }
    const positions: number[] = [];
    for await (const e of b.readAll()) positions.push(e.position);
    expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i));
    expect(await a.verifyChain()).toMatchObject({ ok: true, checked: positions.length });
  });

  it.each(['as-requested', 'reversed'] as const)(
    'reads and subscribes from every position, even inside a multi-event append (records in a transaction %s)',
    async (transactionOrder) => {
      const server = new SimulatedKurrentDb({ transactionOrder, noise: true });
      const { store } = simulate(server);
      for (const size of [3, 1, 4, 2]) await store.append(freshStreamId(), newEvents(size), 'no_stream');
      for (let from = 0; from <= 10; from++) {
        const read: number[] = [];
        for await (const e of store.readAll({ fromPosition: from })) read.push(e.position);
        expect(read).toEqual(Array.from({ length: 10 - from }, (_, i) => from + i));

        const delivered: number[] = [];
        let caughtUp!: () => void;
        const done = new Promise<void>((resolve) => (caughtUp = resolve));
        const subscription = store.subscribe({ fromPosition: from }, (batch) => {
          delivered.push(...batch.map((e) => e.position));
          if (delivered[delivered.length - 1] === 9) caughtUp();
        });
        if (from < 10) await done;
        await subscription.stop();
        expect(delivered).toEqual(read);
      }
    },
  );

  it('keeps logs with different prefixes in one database apart, even when one prefix starts the other', async () => {
    const server = new SimulatedKurrentDb({ noise: true });
    const short = new KurrentDbEventStore({ connectionString: 'kurrentdb://simulated:2113', streamPrefix: 'vd' }, server.client());
    const long = new KurrentDbEventStore({ connectionString: 'kurrentdb://simulated:2113', streamPrefix: 'vd2' }, server.client());
    await short.append(freshStreamId(), newEvents(2), 'no_stream');
    await long.append(freshStreamId(), newEvents(3), 'no_stream');
    await short.append(freshStreamId(), newEvents(1), 'no_stream');
    const ids = async (store: KurrentDbEventStore) => {
      const out: number[] = [];
      for await (const e of store.readAll()) out.push(e.position);
      return out;
    };
    expect(await ids(short)).toEqual([0, 1, 2]);
    expect(await ids(long)).toEqual([0, 1, 2]);
    expect(await short.verifyChain()).toMatchObject({ ok: true, checked: 3 });
    expect(await long.verifyChain()).toMatchObject({ ok: true, checked: 3 });
  });

  it('names the position where a record was written into a domain stream behind the adapter', async () => {
    const server = new SimulatedKurrentDb();
    const { store } = simulate(server);
    const streamId = freshStreamId();
    await store.append(streamId, newEvents(3), 'no_stream');
    server.writeForeign(`vd:${streamId}`, { id: randomUUID(), contentType: 'application/json', type: 'NominationApproved', data: { forged: true }, metadata: undefined });
    expect(await store.verifyChain()).toMatchObject({ ok: false, brokenAt: 3, checked: 3 });
    // Within the head the chain is intact: the damage is past it.
    expect(await store.verifyChain({ to: 2 })).toMatchObject({ ok: true, checked: 3 });
  });

  it('stops a reader at a log entry whose event is missing (a deleted stream), instead of skipping it', async () => {
    const server = new SimulatedKurrentDb();
    const { store } = simulate(server);
    const doomed = freshStreamId();
    await store.append(freshStreamId(), newEvents(2), 'no_stream');
    await store.append(doomed, newEvents(1), 'no_stream');
    await store.append(freshStreamId(), newEvents(2), 'no_stream');
    server.scavengeAway(`vd:${doomed}`);
    const read = async () => {
      for await (const _ of store.readAll()) void _;
    };
    await expect(read()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(await store.verifyChain()).toMatchObject({ ok: false, brokenAt: 2, checked: 2 });
  });
});
