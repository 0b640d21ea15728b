import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import type { StoreConfig } from '@vinhdanh/config';
import type { EventStore } from '@vinhdanh/event-store';
import {
  LeaseRow,
  PgAdvisoryLease,
  ProjectionRunner,
  projectionsNamed,
  rebuild,
  type ProjectionLease,
  type RebuildProgress,
  type RebuildResult,
} from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';

/**
 * Nest-free wiring of the projections for the worker and the CLI; a Nest provider only has
 * to call these with the store, the SQL client and the registry it already holds.
 */

export const projectionHolder = (): string => `${hostname()}:${process.pid}`;

/**
 * Read models live in PostgreSQL whenever DATABASE_URL is set (postgres and kurrentdb
 * backends): there a session advisory lock frees itself when a worker dies. SQLite has no
 * such thing across processes, so a lease row with an expiry stands in.
 */
export function projectionLease(config: StoreConfig, sql: SqlClient, holder = projectionHolder(), schema = ''): ProjectionLease {
  if (sql.dialect === 'postgres' && config.databaseUrl) return new PgAdvisoryLease(config.databaseUrl, holder, schema);
  return new LeaseRow(sql, holder);
}

export interface ProjectionWorkerOptions {
  config: StoreConfig;
  store: EventStore;
  sql: SqlClient;
  registry?: Registry;
  /** Read models to run; all of them by default. */
  names?: readonly string[];
  batchSize?: number;
  onError?: (error: unknown, projection: string) => void;
}

export async function startProjectionWorker(options: ProjectionWorkerOptions): Promise<{ runner: ProjectionRunner; stop(): Promise<void> }> {
  const lease = projectionLease(options.config, options.sql);
  const runner = new ProjectionRunner({
    store: options.store,
    sql: options.sql,
    projections: projectionsNamed(options.names),
    lease,
    registry: options.registry,
    batchSize: options.batchSize ?? 2000,
    onError: options.onError,
  });
  await runner.start();
  return {
    runner,
    async stop() {
      await runner.stop();
      await lease.close();
    },
  };
}

/** What `vinhdanh rebuild [name]` runs; `onProgress` feeds a cli-progress bar (done/total, events/s). */
export async function rebuildReadModels(options: {
  config: StoreConfig;
  store: EventStore;
  sql: SqlClient;
  names?: readonly string[];
  onProgress?: (progress: RebuildProgress) => void;
}): Promise<RebuildResult> {
  const lease = projectionLease(options.config, options.sql);
  try {
    return await rebuild({ store: options.store, sql: options.sql, projections: projectionsNamed(options.names), lease, batchSize: 5000, onProgress: options.onProgress });
  } finally {
    await lease.close();
  }
}
