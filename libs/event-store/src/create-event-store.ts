import type { StoreConfig } from '@vinhdanh/config';
import { StoreUnavailable } from './errors';
import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

interface KurrentDbModule {
  KurrentDbEventStore: new (options: { connectionString: string }) => EventStore;
}

/**
 * The store the configuration names. Configuration has already been validated by
 * loadStoreConfig, so a missing URL here is a programming error, reported as such.
 */
export function createEventStore(config: StoreConfig): EventStore {
  switch (config.backend) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.sqlitePath });
    case 'postgres':
      return new PostgresEventStore({ connectionString: required(config.databaseUrl, 'DATABASE_URL') });
    case 'kurrentdb': {
      const { KurrentDbEventStore } = loadKurrentDb();
      return new KurrentDbEventStore({ connectionString: required(config.kurrentdbUrl, 'KURRENTDB_URL') });
    }
    default: {
      const unknown: never = config.backend;
      throw new RangeError(`unknown event store backend "${String(unknown)}"`);
    }
  }
}

/**
 * Loaded only when chosen, so the SQLite and PostgreSQL paths never pull in the gRPC client.
 */
function loadKurrentDb(): KurrentDbModule {
  const modulePath = './kurrentdb';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(modulePath) as KurrentDbModule;
  } catch (error) {
    throw new StoreUnavailable(`the KurrentDB adapter (${modulePath}) could not be loaded: ${String(error)}`, error);
  }
}

function required(value: string | undefined, variable: string): string {
  if (!value) throw new RangeError(`${variable} is required for this event store backend`);
  return value;
}
