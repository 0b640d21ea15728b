import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
import { sqliteTamper } from './sqlite-tamper';

runEventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-sqlite-'));
  // A subdirectory that does not exist yet: the store must create it.
  const path = join(dir, 'data', 'events.db');
  const store = new SqliteEventStore({ path, pollIntervalMs: 50 });
  return {
    store,
    tamper: sqliteTamper(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
