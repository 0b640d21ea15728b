import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runEventStoreContract } from '../testing/event-store.contract';
import { contendFromTwoInstances } from '../testing/two-writers';
import { PostgresEventStore, readStreamsSql } from './postgres-event-store';
import { postgresTamper } from './postgres-tamper';

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

runEventStoreContract('postgres', async () => {
  const schema = `es_test_${randomBytes(6).toString('hex')}`;
  const store = new PostgresEventStore({ connectionString, schema, pollIntervalMs: 50 });
  await store.whenReady();
  return {
    store,
    tamper: postgresTamper(connectionString, schema),
    cleanup: () => dropSchema(schema),
  };
});

describe('postgres: two stores (as two processes) on one schema', () => {
  it('keeps one winner per contended round, a gapless log and an intact chain', async () => {
    const schema = `es_test_${randomBytes(6).toString('hex')}`;
    const a = new PostgresEventStore({ connectionString, schema, pollIntervalMs: 1000 });
    const b = new PostgresEventStore({ connectionString, schema, pollIntervalMs: 1000 });
    try {
      await Promise.all([a.whenReady(), b.whenReady()]);
      const seenByB: number[] = [];
      const follower = b.subscribe({ fromPosition: 0 }, (batch) => {
        seenByB.push(...batch.map((e) => e.position));
      });
      await contendFromTwoInstances(a, b);
      const head = await a.headPosition();
      const positions: number[] = [];
      for await (const e of b.readAll()) positions.push(e.position);
      expect(positions).toEqual(Array.from({ length: head + 1 }, (_, i) => i));
      expect(await b.verifyChain()).toMatchObject({ ok: true, checked: head + 1 });
      while (seenByB.length < head + 1) await new Promise((resolve) => setTimeout(resolve, 10));
      await follower.stop();
      expect(seenByB).toEqual(positions);
    } finally {
      await a.close();
      await b.close();
      await dropSchema(schema);
    }
  });
});

describe('postgres: readStreams', () => {
  it('answers several streams from their revisions in one call, each in revision order, as readStream would', async () => {
    const schema = `es_test_${randomBytes(6).toString('hex')}`;
    const store = new PostgresEventStore({ connectionString, schema });
    const event = (n: number) => ({ eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'Happened', data: { n }, metadata: { actor: { id: 'tester', roles: [] }, correlationId: 'c-1', recordedAt: '2026-01-01T00:00:00Z' } });
    try {
      await store.append('a-1', [event(1), event(2), event(3)], 'no_stream');
      await store.append('b-1', [event(4)], 'no_stream');
      await store.append('a-1', [event(5)], 2);
      const [a, none, b, aTail] = await store.readStreams([
        { streamId: 'a-1', fromRevision: 0 },
        { streamId: 'nobody', fromRevision: 0 },
        { streamId: 'b-1', fromRevision: 0 },
        { streamId: 'a-1', fromRevision: 2 },
      ]);
      const whole: unknown[] = [];
      for await (const e of store.readStream('a-1')) whole.push(e);
      expect(a).toEqual(whole);
      expect(a!.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 5 }]);
      expect(none).toEqual([]);
      expect(b!.map((e) => e.revision)).toEqual([0]);
      expect(aTail!.map((e) => e.revision)).toEqual([2, 3]);
      expect(await store.readStreams([])).toEqual([]);
      // Concurrent calls share a query; each still gets its own answer.
      const together = await Promise.all([
        store.readStreams([{ streamId: 'b-1', fromRevision: 0 }]),
        store.readStreams([
          { streamId: 'a-1', fromRevision: 3 },
          { streamId: 'b-1', fromRevision: 1 },
        ]),
        store.readStreams([{ streamId: 'a-1', fromRevision: 0 }]),
      ]);
      expect(together).toEqual([[b], [a!.slice(3), []], [a]]);
      await expect(store.readStreams([{ streamId: 'a-1', fromRevision: -1 }])).rejects.toThrow(RangeError);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});

describe('postgres: reading stream tails on a long log', () => {
  it('looks each stream up in the (stream_id, revision) index, never scanning the log, even under a generic plan', async () => {
    const schema = `es_test_${randomBytes(6).toString('hex')}`;
    const store = new PostgresEventStore({ connectionString, schema });
    const client = new Client({ connectionString });
    await client.connect();
    try {
      await store.whenReady();
      const table = `"${schema}".events`;
      // 20,000 events over 200 streams (campaign and council streams run long), written straight
      // in: only the plan is under test.
      await client.query(
        `INSERT INTO ${table} (position, stream_id, revision, event_id, type, data, metadata, hash)
         SELECT g, 's-' || (g % 200), g / 200, 'e-' || g, 'Happened', '{}', '{}', '\\x00'
           FROM generate_series(0, 19999) g`,
      );
      await client.query(`ANALYZE ${table}`);
      await client.query('SET plan_cache_mode = force_generic_plan');
      await client.query({ name: 'tails', text: readStreamsSql(table), values: [['s-1', 's-2'], [0, 5]] });
      await client.query(`PREPARE tails_plan(text[], bigint[]) AS ${readStreamsSql(table)}`);
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>("EXPLAIN (FORMAT JSON) EXECUTE tails_plan('{s-1,s-2}', '{0,5}')");
      const plan = JSON.stringify(rows[0]!['QUERY PLAN']);

      expect(plan).not.toContain('Seq Scan');
      expect(plan).toContain('events_stream_revision_key');
    } finally {
      await client.end();
      await store.close();
      await dropSchema(schema);
    }
  });
});
