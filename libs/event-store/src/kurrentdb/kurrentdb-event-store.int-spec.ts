import { randomBytes } from 'node:crypto';
import { jsonEvent, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { freshStreamId, newEvents } from '../testing/event-fixtures';
import { runEventStoreContract } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/*
 * Needs a KurrentDB ≥ 25.1 server: `KURRENTDB_URL=kurrentdb://localhost:2113?tls=false`
 * (infra/compose/compose.yaml starts one). Every store gets its own stream prefix, so runs
 * never see each other's events; KurrentDB events are immutable, so the cases that edit
 * storage are replaced by one that writes into the prefix behind the adapter's back.
 */
const url = process.env.KURRENTDB_URL;
const freshPrefix = () => `vdtest-${randomBytes(6).toString('hex')}`;

if (!url) {
  const title = 'kurrentdb: SKIPPED: KURRENTDB_URL is unset — KurrentDB contract suite not run';
  console.warn(title);
  describe.skip(title, () => {
    it('runs the EventStore contract suite against KurrentDB', () => undefined);
  });
} else {
  runEventStoreContract(
    'kurrentdb',
    async () => ({
      store: new KurrentDbEventStore({ connectionString: url, streamPrefix: freshPrefix() }),
      // Nothing to drop: the prefix is never reused, and KurrentDB keeps what was written.
      cleanup: async () => undefined,
    }),
    { tamper: false },
  );

  describe('kurrentdb: beyond the contract', () => {
    it('keeps one gapless chain when two stores (two processes) append to the same prefix at once', async () => {
      const prefix = freshPrefix();
      const a = new KurrentDbEventStore({ connectionString: url, streamPrefix: prefix });
      const b = new KurrentDbEventStore({ connectionString: url, streamPrefix: prefix });
      try {
        await Promise.all(
          [a, b].map(async (store) => {
            const streamId = freshStreamId();
            let revision: number | 'no_stream' = 'no_stream';
            for (let i = 0; i < 20; i++) revision = (await store.append(streamId, newEvents(2), revision)).nextExpectedRevision;
          }),
        );
        const log: number[] = [];
        for await (const e of a.readAll()) log.push(e.position);
        expect(log).toEqual(Array.from({ length: 80 }, (_, i) => i));
        expect(await b.verifyChain()).toMatchObject({ ok: true, checked: 80 });
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('names the position where someone wrote into a domain stream behind the adapter', async () => {
      const prefix = freshPrefix();
      const store = new KurrentDbEventStore({ connectionString: url, streamPrefix: prefix });
      const raw = KurrentDBClient.connectionString(url);
      try {
        const streamId = freshStreamId();
        await store.append(streamId, newEvents(3), 'no_stream');
        await raw.appendToStream(`${prefix}:${streamId}`, jsonEvent({ type: 'NominationApproved', data: { forged: true } }));
        expect(await store.verifyChain()).toMatchObject({ ok: false, brokenAt: 3, checked: 3 });
      } finally {
        await raw.dispose();
        await store.close();
      }
    });
  });
}
