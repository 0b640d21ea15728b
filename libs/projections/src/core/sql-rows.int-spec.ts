import type { Projection } from './projection';
import { createVersionTables, physicalTable } from './schema';
import { SqlRows } from './sql-rows';
import { testSql, type TestSql } from '../testing/test-sql';

const notes: Projection = {
  name: 'notes',
  tables: [{ name: 'notes', columns: [{ name: 'body', type: 'text', field: 'body' }] }],
  prepare: async () => undefined,
  apply: () => undefined,
};
const table = physicalTable('notes', 'notes', 1);

describe('SqlRows cache', () => {
  let db: TestSql;
  beforeEach(async () => {
    db = await testSql('sqlite');
    await createVersionTables(db.client, notes, 1);
  });
  afterEach(() => db.cleanup());

  const stored = async () => (await db.client.query<{ k: string; body: string }>(`SELECT k, body FROM ${table} ORDER BY k`)).map((r) => `${r.k}=${r.body}`);

  it('given more rows than it may keep, when it flushes evictions, then only the least recently used dirty rows are written', async () => {
    const rows = new SqlRows(notes, 1, 2);
    await db.client.transaction(async (tx) => {
      rows.begin(tx);
      await rows.load('notes', ['a', 'b']);
      rows.put('notes', 'a', { body: 'A' });
      rows.put('notes', 'b', { body: 'B' });
      await rows.flushEvicted();
    });
    expect(await stored()).toEqual([]);
    // a is used again in the next batch, so b is now the least recently used.
    await db.client.transaction(async (tx) => {
      rows.begin(tx);
      await rows.load('notes', ['a', 'c']);
      rows.get('notes', 'a');
      rows.put('notes', 'c', { body: 'C' });
      await rows.flushEvicted();
    });
    expect(await stored()).toEqual(['b=B']);

    await db.client.transaction(async (tx) => {
      rows.begin(tx);
      await rows.load('notes', ['b']);
      expect(rows.get('notes', 'b')).toEqual({ body: 'B' });
      await rows.flush();
    });
    expect(await stored()).toEqual(['a=A', 'b=B', 'c=C']);
  });

  it('given a deleted row that falls out of the cache, then the delete is written', async () => {
    const rows = new SqlRows(notes, 1, 1);
    await db.client.transaction(async (tx) => {
      rows.begin(tx);
      await rows.load('notes', ['a']);
      rows.put('notes', 'a', { body: 'A' });
      await rows.flush();
    });
    await db.client.transaction(async (tx) => {
      rows.begin(tx);
      await rows.load('notes', ['a', 'b']);
      rows.delete('notes', 'a');
      rows.put('notes', 'b', { body: 'B' });
      await rows.flushEvicted();
    });
    expect(await stored()).toEqual([]);
  });

  it('given a write-through flush, then every dirty row is written and the cache still answers within its bound', async () => {
    const rows = new SqlRows(notes, 1, 1);
    await db.client.transaction(async (tx) => {
      rows.begin(tx);
      await rows.load('notes', ['a', 'b']);
      rows.put('notes', 'a', { body: 'A' });
      rows.put('notes', 'b', { body: 'B' });
      await rows.flush();
    });
    expect(await stored()).toEqual(['a=A', 'b=B']);
    expect(rows.get('notes', 'b')).toEqual({ body: 'B' });
    expect(() => rows.get('notes', 'a')).toThrow(/without being loaded/);
  });

  it('given rows of a table never loaded, then they wait unwritten, latest version only, until the bound, and a later load still finds them', async () => {
    const rows = new SqlRows(notes, 1, 3);
    const batch = (work: () => void) =>
      db.client.transaction(async (tx) => {
        rows.begin(tx);
        work();
        await rows.flushEvicted();
      });
    await batch(() => {
      rows.put('notes', 'a', { body: 'A1' });
      rows.put('notes', 'b', { body: 'B' });
    });
    await batch(() => rows.put('notes', 'a', { body: 'A2' }));
    expect(await stored()).toEqual([]);
    await batch(() => rows.put('notes', 'x', { body: 'X' }));
    expect(await stored()).toEqual(['a=A2', 'b=B', 'x=X']);
    await batch(() => rows.put('notes', 'a', { body: 'A3' }));

    // Rows of a table never loaded bypass the cache, so reading one back is the same bug as
    // reading any row that was not loaded.
    await db.client.transaction(async (tx) => {
      rows.begin(tx);
      rows.put('notes', 'y', { body: 'Y' });
      expect(() => rows.get('notes', 'y')).toThrow(/without being loaded/);
      await rows.flushEvicted();
    });
    expect(await stored()).toEqual(['a=A2', 'b=B', 'x=X']);

    await db.client.transaction(async (tx) => {
      rows.begin(tx);
      await rows.load('notes', ['a', 'y']);
      expect(rows.get('notes', 'a')).toEqual({ body: 'A3' });
      expect(rows.get('notes', 'y')).toEqual({ body: 'Y' });
    });
    // Loaded now, the table is cached like any other: the rows set aside go out, c stays warm.
    await batch(() => rows.put('notes', 'c', { body: 'C' }));
    expect(await stored()).toEqual(['a=A3', 'b=B', 'x=X', 'y=Y']);
  });
});

describe.each(['sqlite', 'postgres'] as const)('SqlRows writes on %s', (dialect) => {
  let db: TestSql;
  beforeEach(async () => {
    db = await testSql(dialect);
    await createVersionTables(db.client, notes, 1);
  });
  afterEach(() => db.cleanup());

  it('given 123 rows written twice over, then every row lands once with its latest body, whatever the statement sizes', async () => {
    const rows = new SqlRows(notes, 1, 1000);
    const keys = Array.from({ length: 123 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    for (const round of ['first', 'second']) {
      await db.client.transaction(async (tx) => {
        rows.begin(tx);
        await rows.load('notes', keys);
        // The second round rewrites all but the last three, in an order unlike the first.
        for (const k of round === 'first' ? keys : keys.slice(0, -3).reverse()) rows.put('notes', k, { body: `${round} ${k}` });
        await rows.flush();
      });
    }
    const stored = await db.client.query<{ k: string; body: string; doc: string }>(`SELECT k, body, doc FROM ${table} ORDER BY k`);
    expect(stored.map((r) => r.k)).toEqual(keys);
    expect(stored.map((r) => r.body)).toEqual(keys.map((k, i) => `${i >= 120 ? 'first' : 'second'} ${k}`));
    expect(stored.every((r) => (JSON.parse(r.doc) as { body: string }).body === r.body)).toBe(true);
  });
});
