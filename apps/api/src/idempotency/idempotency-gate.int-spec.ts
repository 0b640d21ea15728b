import { SqliteClient } from '@vinhdanh/sql';
import { IdempotencyGate } from './idempotency-gate';
import { IdempotencyStore } from './idempotency-store';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('idempotency keys are kept for the retention window', () => {
  let sql: SqliteClient;
  let store: IdempotencyStore;
  beforeEach(async () => {
    sql = SqliteClient.open(':memory:');
    store = new IdempotencyStore(sql);
    await store.init();
  });
  afterEach(() => sql.close());

  const keys = async () => (await sql.query<{ idem_key: string }>('SELECT idem_key FROM api_idempotency_keys ORDER BY idem_key')).map((r) => r.idem_key);

  async function answered(key: string, createdAt: string): Promise<void> {
    expect(await store.claim('s', key, 'h', createdAt)).toEqual({ owned: true });
    await store.complete('s', key, 201, { ok: key });
  }

  it('given answered keys older than the window, when a keyed request comes, then they are forgotten and newer and pending ones stay', async () => {
    await answered('old', hoursAgo(25));
    await answered('recent', hoursAgo(23));
    await store.claim('s', 'pending-old', 'h', hoursAgo(30));
    const gate = new IdempotencyGate(store, { retainMs: 24 * 3_600_000 });

    const decision = await gate.enter('s', 'recent', 'h');
    expect(decision).toEqual({ run: false, statusCode: 201, body: { ok: 'recent' } });
    await new Promise((r) => setImmediate(r));
    expect(await keys()).toEqual(['pending-old', 'recent']);

    // A forgotten key is a new key: the request runs (the command runner still refuses to write it twice).
    expect(await gate.enter('s', 'old', 'h')).toMatchObject({ run: true });
  });

  it('purges at most once per interval, and a failing purge fails no request', async () => {
    const purges: string[] = [];
    const counting = Object.assign(Object.create(store) as IdempotencyStore, {
      purgeBefore: async (cutoff: string) => {
        purges.push(cutoff);
        throw new Error('disk full');
      },
    });
    const failures: unknown[] = [];
    const gate = new IdempotencyGate(counting, { purgeEveryMs: 60_000 }, (error) => failures.push(error));
    for (const key of ['a', 'b', 'c']) expect(await gate.enter('s', key, 'h')).toMatchObject({ run: true });
    await new Promise((r) => setImmediate(r));
    expect(purges).toHaveLength(1);
    expect(failures).toEqual([new Error('disk full')]);
  });
});
