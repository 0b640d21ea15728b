import type { Projection } from './projection';
import { createVersionTables, physicalTable } from './schema';
import { testSql, type TestSql } from '../testing/test-sql';

const notes: Projection = {
  name: 'notes',
  tables: [{ name: 'notes', columns: [{ name: 'body', type: 'text', field: 'body' }] }],
  prepare: async () => undefined,
  apply: () => undefined,
};

describe('read model tables on PostgreSQL', () => {
  let db: TestSql;
  beforeEach(async () => {
    db = await testSql('postgres');
  });
  afterEach(() => db.cleanup());

  it('given a server that offers lz4, when a version is created, then its documents are compressed with lz4 (not pglz)', async () => {
    const [offer] = await db.client.query<{ n: string }>("SELECT count(*) AS n FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)");
    await createVersionTables(db.client, notes, 1);

    const [column] = await db.client.query<{ compression: string }>(
      "SELECT attcompression AS compression FROM pg_attribute WHERE attrelid = ?::regclass AND attname = 'doc'",
      [`${db.where}.${physicalTable('notes', 'notes', 1)}`],
    );
    // 'l' is lz4; '' is the server's default (pglz), all a server without lz4 can do.
    expect(column!.compression).toBe(Number(offer!.n) > 0 ? 'l' : '');
  });
});
