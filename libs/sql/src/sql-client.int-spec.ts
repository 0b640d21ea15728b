import { numberPlaceholders } from './postgres-client';
import { testSqlClients, TestSqlClient } from './testing/sql-clients';

describe('numberPlaceholders', () => {
  it('numbers placeholders and leaves quoted question marks alone', () => {
    expect(numberPlaceholders(`SELECT ?, '?', "a?" WHERE x = ?`)).toBe(`SELECT $1, '?', "a?" WHERE x = $2`);
  });
});

describe.each(['sqlite', 'postgres'] as const)('SqlClient on %s', (dialect) => {
  let t: TestSqlClient;
  beforeEach(async () => {
    t = await testSqlClients[dialect]();
    await t.client.execute('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL, n BIGINT NOT NULL)');
  });
  afterEach(() => t.cleanup());

  it('upserts with the shared SQL subset', async () => {
    const upsert = 'INSERT INTO kv (k, v, n) VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v, n = excluded.n';
    await t.client.execute(upsert, ['a', 'Thi đua', 1]);
    await t.client.execute(upsert, ['a', 'Khen thưởng', 2]);
    const rows = await t.client.query<{ k: string; v: string; n: number | string }>('SELECT k, v, n FROM kv');
    expect(rows.map((r) => ({ ...r, n: Number(r.n) }))).toEqual([{ k: 'a', v: 'Khen thưởng', n: 2 }]);
  });

  it('rolls back everything a failed transaction did', async () => {
    // better-sqlite3's native addon keeps the SqliteError class of the first jest context that
    // loaded it, so in later test files its errors are not `instanceof Error` here: match the
    // message rather than use toThrow.
    const outcome = await t.client
      .transaction(async (tx) => {
        await tx.execute('INSERT INTO kv (k, v, n) VALUES (?, ?, ?)', ['x', 'one', 1]);
        await tx.execute('INSERT INTO kv (k, v, n) VALUES (?, ?, ?)', ['x', 'duplicate', 2]);
      })
      .then(
        () => 'committed',
        (error: { message?: string }) => String(error.message),
      );
    expect(outcome).toMatch(/UNIQUE constraint failed|duplicate key/);
    expect(await t.client.query('SELECT * FROM kv')).toEqual([]);
  });

  it('serialises transactions so concurrent read-modify-writes do not lose updates', async () => {
    await t.client.execute('INSERT INTO kv (k, v, n) VALUES (?, ?, ?)', ['c', '', 0]);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.client.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number | string }>('SELECT n FROM kv WHERE k = ?', ['c']);
          await tx.execute('UPDATE kv SET n = ? WHERE k = ?', [Number(row.n) + 1, 'c']);
        }),
      ),
    );
    const [row] = await t.client.query<{ n: number | string }>('SELECT n FROM kv WHERE k = ?', ['c']);
    expect(Number(row.n)).toBe(20);
  });
});

describe('PostgresClient prepared reads', () => {
  let t: TestSqlClient;
  beforeEach(async () => {
    t = await testSqlClients.postgres();
    await t.client.execute('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL, n BIGINT NOT NULL)');
    await t.client.execute(`INSERT INTO kv (k, v, n) VALUES ('a', 'một', 1), ('b', 'hai', 2)`);
  });
  afterEach(() => t.cleanup());

  it('prepares a read from its second use and answers each call with its own values', async () => {
    const read = 'SELECT v FROM kv WHERE k = ?';
    const answers = [];
    for (const k of ['a', 'b', 'a', 'b', 'missing']) answers.push((await t.client.query<{ v: string }>(read, [k])).map((r) => r.v));
    expect(answers).toEqual([['một'], ['hai'], ['một'], ['hai'], []]);
    // Inside a transaction the connection is known: the server holds the statement by its text.
    const prepared = await t.client.transaction(async (tx) => {
      await tx.query(read, ['a']);
      return tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
    });
    expect(prepared.map((p) => p.statement)).toContain('SELECT v FROM kv WHERE k = $1');
  });

  it('prepares a write from its second use and applies each call with its own values', async () => {
    const write = 'INSERT INTO kv (k, v, n) VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v, n = excluded.n';
    const prepared = await t.client.transaction(async (tx) => {
      for (const [k, n] of [['c', 3], ['d', 4], ['c', 5]] as const) await tx.execute(write, [k, `v${n}`, n]);
      return tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
    });
    expect(prepared.map((p) => p.statement)).toContain('INSERT INTO kv (k, v, n) VALUES ($1, $2, $3) ON CONFLICT (k) DO UPDATE SET v = excluded.v, n = excluded.n');
    expect(await t.client.query('SELECT k, v FROM kv WHERE k IN (?, ?) ORDER BY k', ['c', 'd'])).toEqual([
      { k: 'c', v: 'v5' },
      { k: 'd', v: 'v4' },
    ]);
    // A rebuild that failed drops and makes its tables again under the same names.
    await t.client.execute('DROP TABLE kv');
    await t.client.execute('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL, n BIGINT NOT NULL)');
    for (let i = 0; i < 4; i++) await t.client.execute(write, ['e', `v${i}`, i]);
    expect(await t.client.query('SELECT k, v, n FROM kv')).toEqual([{ k: 'e', v: 'v3', n: '3' }]);
  });

  it('still answers after the table it read is dropped and made again', async () => {
    const read = 'SELECT v FROM kv WHERE k = ?';
    await t.client.query(read, ['a']);
    await t.client.query(read, ['a']);
    await t.client.execute('DROP TABLE kv');
    await t.client.execute('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL, n BIGINT NOT NULL)');
    await t.client.execute(`INSERT INTO kv (k, v, n) VALUES ('a', 'mới', 3)`);
    for (let i = 0; i < 4; i++) expect(await t.client.query(read, ['a'])).toEqual([{ v: 'mới' }]);
  });
});
