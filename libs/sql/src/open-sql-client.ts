import type { StoreConfig } from '@vinhdanh/config';
import { PostgresClient } from './postgres-client';
import { SqliteClient } from './sqlite-client';
import type { SqlClient } from './sql-client';

/**
 * Derived data lives beside the log: in the SQLite file's sibling `<name>.read.db` for the
 * embedded store, in the same PostgreSQL database otherwise (KurrentDB keeps its read models
 * in PostgreSQL too).
 */
export async function openSqlClient(config: StoreConfig, options: { schema?: string } = {}): Promise<SqlClient> {
  if (config.backend === 'sqlite') {
    const path = config.sqlitePath === ':memory:' ? ':memory:' : config.sqlitePath.replace(/(\.db)?$/, '.read.db');
    return SqliteClient.open(path);
  }
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for the read models');
  return PostgresClient.open({ connectionString: config.databaseUrl, schema: options.schema });
}
