import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { loadApiConfig, type ApiConfig } from '@vinhdanh/config';
import type { Role } from '@vinhdanh/domain';
import { PostgresEventStore } from '@vinhdanh/event-store';
import { ALL_PROJECTIONS, LeaseRow, ProjectionRunner } from '@vinhdanh/projections';
import { PostgresClient } from '@vinhdanh/sql';
// eslint-disable-next-line no-restricted-imports -- the app has no alias; this harness is the one place tests reach into it
import { bootstrapApi, mintToken, type Clock } from '../../../../apps/api/src';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApi {
  app: NestFastifyApplication;
  store: PostgresEventStore;
  sql: PostgresClient;
  schema: string;
  /** Every JSON log line the app wrote. */
  logs: string[];
  token(role: Role | Role[], sub?: string, unit?: string): Promise<string>;
  /** Events in the whole log. */
  eventCount(): Promise<number>;
  /** Runs the projections (the worker's job) until every read model has caught up with the log. */
  catchUpReadModels(): Promise<void>;
  /** Closes the app (not the stores) and boots a new one over the same schema. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The API over a fresh PostgreSQL schema (log and read models), driven with app.inject(). */
export async function startTestApi(overrides: { clock?: Clock; config?: Partial<ApiConfig>; listen?: boolean } = {}): Promise<TestApi> {
  const schema = `api_${randomBytes(6).toString('hex')}`;
  const store = new PostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, pollIntervalMs: 50 });
  await store.whenReady();
  const sql = await PostgresClient.open({ connectionString: TEST_DATABASE_URL, schema, max: 6 });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const config: ApiConfig = {
    ...loadApiConfig({ JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }),
    port: 0,
    ...overrides.config,
  };
  const boot = () => bootstrapApi({ store, sql, config, clock: overrides.clock, logDestination, listen: overrides.listen ?? false });
  let runner: ProjectionRunner | undefined;
  const api: TestApi = {
    app: await boot(),
    store,
    sql,
    schema,
    logs,
    token: (role, sub = `user-${Array.isArray(role) ? role.join('+') : role}`, unit) =>
      mintToken({ role, sub, unit }, { secret: TEST_JWT_SECRET }),
    async eventCount() {
      return (await store.headPosition()) + 1;
    },
    async catchUpReadModels() {
      if (!runner) {
        runner = new ProjectionRunner({ store, sql, projections: ALL_PROJECTIONS, lease: new LeaseRow(sql, `test-${schema}`, 60_000), retryMs: 50 });
        await runner.start();
      }
      for (let i = 0; i < 400; i++) {
        const lag = await runner.lag();
        if (Object.values(lag).every((n) => n === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`read models did not catch up: ${JSON.stringify(await runner.lag())}`);
    },
    async restart() {
      await api.app.close();
      api.app = await boot();
    },
    async close() {
      await runner?.stop();
      // A test may have closed the app already (graceful shutdown); closing again is harmless.
      await api.app.close().catch(() => undefined);
      await store.close();
      await sql.close();
      const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    },
  };
  return api;
}

// eslint-disable-next-line no-restricted-imports -- see above
export { registeredRoutes } from '../../../../apps/api/src';
// eslint-disable-next-line no-restricted-imports -- see above
export { requestHash } from '../../../../apps/api/src/idempotency/idempotency-gate';
