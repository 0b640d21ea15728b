import { ensureActiveVersion, ensureMetaTables, type Projection } from '@vinhdanh/projections';
import { SqliteClient } from '@vinhdanh/sql';
import { ApiMetrics } from '../observability/metrics';
import { ActiveVersions } from './active-versions';
import { answerOf, ReadCache, type CachedAnswer } from './read-cache';

const notes: Projection = {
  name: 'notes',
  tables: [{ name: 'notes', columns: [] }],
  prepare: async () => undefined,
  apply: () => undefined,
};

/** A read model's rows as a load sees them, and how many loads ran. */
class Source {
  loads = 0;
  text = 'first';
  load = async (): Promise<CachedAnswer | null> => {
    this.loads++;
    return answerOf(JSON.stringify({ text: this.text }), 'u-1');
  };
}

const text = (answer: CachedAnswer | null) => (JSON.parse(answer!.body.toString()) as { text: string }).text;

describe('the read cache answers from memory only while the read model has not moved', () => {
  let sql: SqliteClient;
  let versions: ActiveVersions;
  let metrics: ApiMetrics;
  let source: Source;
  const cache = (readCacheMb = 1) => new ReadCache(versions, { readCacheMb }, metrics);
  const checkpointAt = (checkpoint: number) => sql.execute('UPDATE projection_versions SET checkpoint = ? WHERE name = ?', [checkpoint, 'notes']);

  beforeEach(async () => {
    sql = SqliteClient.open(':memory:');
    await ensureMetaTables(sql);
    await ensureActiveVersion(sql, notes);
    versions = new ActiveVersions(sql, { readModelRefreshMs: 1000 });
    metrics = new ApiMetrics();
    source = new Source();
  });
  afterEach(() => sql.close());

  it('given an answer read at a checkpoint, when it is read again before the model moves, then it comes from memory', async () => {
    const reads = cache();
    await reads.read('notes', 'n-1', source.load);
    source.text = 'changed underneath, but the checkpoint did not move';

    expect(text(await reads.read('notes', 'n-1', source.load))).toBe('first');
    expect(source.loads).toBe(1);
    const counted = await metrics.registry.getSingleMetricAsString('vinhdanh_read_cache_total');
    expect(counted).toContain('vinhdanh_read_cache_total{model="notes",result="hit"} 1');
    expect(counted).toContain('vinhdanh_read_cache_total{model="notes",result="miss"} 1');
  });

  it('given a kept answer, when the projection applies more events, then the next read loads the new answer', async () => {
    const reads = cache();
    await reads.read('notes', 'n-1', source.load);
    source.text = 'second';
    await checkpointAt(5);

    expect(text(await reads.read('notes', 'n-1', source.load))).toBe('second');
    expect(source.loads).toBe(2);
  });

  it('given a kept answer, when a rebuild swaps a new version in at the same checkpoint, then the next read loads again', async () => {
    const reads = cache();
    await reads.read('notes', 'n-1', source.load);
    await sql.execute('INSERT INTO projection_versions (name, version, checkpoint) VALUES (?, 2, 0)', ['notes']);
    await sql.execute('UPDATE projection_active SET version = 2 WHERE name = ?', ['notes']);
    source.text = 'rebuilt';

    expect(text(await reads.read('notes', 'n-1', source.load))).toBe('rebuilt');
  });

  it('given many concurrent reads of one answer, when none is kept, then one load serves them all', async () => {
    const reads = cache();
    const answers = await Promise.all(Array.from({ length: 20 }, () => reads.read('notes', 'n-1', source.load)));

    expect(new Set(answers.map(text))).toEqual(new Set(['first']));
    expect(source.loads).toBe(1);
  });

  it('given a model whose state cannot be read, when it is read, then every read loads (nothing kept)', async () => {
    const reads = cache();
    await reads.read('no_such_model', 'x', source.load);
    await reads.read('no_such_model', 'x', source.load);
    await sql.execute('DROP TABLE projection_versions');
    await reads.read('notes', 'n-1', source.load);
    await reads.read('notes', 'n-1', source.load);

    expect(source.loads).toBe(4);
    expect(reads.size.entries).toBe(0);
  });

  it('given a budget, when answers outgrow it, then the least recently used go first', async () => {
    const reads = cache(1);
    const big = (name: string) => async (): Promise<CachedAnswer> => answerOf(name.repeat(400_000));
    await reads.read('notes', 'a', big('a'));
    await reads.read('notes', 'b', big('b'));
    await reads.read('notes', 'a', big('a'));
    await reads.read('notes', 'c', big('c'));

    expect(reads.size.entries).toBe(2);
    expect(reads.size.bytes).toBeLessThanOrEqual(1_048_576);
    let reloaded = 0;
    await reads.read('notes', 'b', async () => (reloaded++, answerOf('"b"')));
    await reads.read('notes', 'a', async () => (reloaded++, answerOf('"a"')));
    expect(reloaded).toBe(1);
  });

  it('given a budget of 0, when answers are read, then the read model state is never queried and every read loads', async () => {
    const stamps = jest.spyOn(versions, 'stamps');
    const reads = cache(0);
    await reads.read('notes', 'n-1', source.load);
    await reads.read('notes', 'n-1', source.load);

    expect(source.loads).toBe(2);
    expect(stamps).not.toHaveBeenCalled();
  });
});

describe('read model stamps', () => {
  let sql: SqliteClient;
  beforeEach(async () => {
    sql = SqliteClient.open(':memory:');
    await ensureMetaTables(sql);
    await ensureActiveVersion(sql, notes);
  });
  afterEach(() => sql.close());

  it('given many callers at once, when they ask for stamps, then one query answers them all', async () => {
    const versions = new ActiveVersions(sql, { readModelRefreshMs: 1000 });
    const query = jest.spyOn(sql, 'query');
    const all = await Promise.all(Array.from({ length: 10 }, () => versions.stamps()));

    expect(query).toHaveBeenCalledTimes(1);
    expect(all.every((s) => s?.get('notes') === '1:0')).toBe(true);
  });

  it('given a query already out, when a caller asks, then it waits for a query sent after it asked', async () => {
    const versions = new ActiveVersions(sql, { readModelRefreshMs: 1000 });
    const real = sql.query.bind(sql);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(sql, 'query').mockImplementationOnce(async (text, params) => {
      const rows = await real(text, params);
      await held;
      return rows;
    });

    const early = versions.stamps();
    await new Promise((resolve) => setImmediate(resolve));
    const late = versions.stamps();
    await sql.execute('UPDATE projection_versions SET checkpoint = 9 WHERE name = ?', ['notes']);
    release();

    expect((await early)?.get('notes')).toBe('1:0');
    expect((await late)?.get('notes')).toBe('1:9');
  });
});
