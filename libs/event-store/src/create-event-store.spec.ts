import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from './create-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

describe('createEventStore', () => {
  it('opens the SQLite file the configuration names, creating its directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-factory-'));
    const store = createEventStore({ backend: 'sqlite', sqlitePath: join(dir, 'nested', 'events.db') });
    try {
      expect(store).toBeInstanceOf(SqliteEventStore);
      expect(await store.headPosition()).toBe(-1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the PostgreSQL store without connecting until it is used', async () => {
    const store = createEventStore({ backend: 'postgres', sqlitePath: '', databaseUrl: 'postgres://nobody@127.0.0.1:1/none' });
    expect(store).toBeInstanceOf(PostgresEventStore);
    await expect((store as PostgresEventStore).whenReady()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await store.close();
  });

  it('refuses a backend whose URL is missing', () => {
    expect(() => createEventStore({ backend: 'postgres', sqlitePath: '' })).toThrow(/DATABASE_URL/);
  });
});
