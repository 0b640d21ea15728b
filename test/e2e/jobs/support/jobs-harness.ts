import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createWorkflow, type Workflow } from '@vinhdanh/application';
import { PostgresEventStore, type StoredEvent } from '@vinhdanh/event-store';
import type { JobLog } from '@vinhdanh/jobs';
import { PostgresClient } from '@vinhdanh/sql';
// eslint-disable-next-line no-restricted-imports -- the app has no alias; tests reach into it here only
import { startWorker, type RunningWorker, type StartWorkerOptions } from '../../../../apps/worker/src/start-worker';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface LogLine {
  level: string;
  message: string;
  context?: Record<string, unknown>;
}

/**
 * One season's world on PostgreSQL: a fresh log schema and SQL schema, the command side (the
 * same handlers as the API), and the worker started and stopped at will over them.
 */
export class JobsHarness {
  readonly logs: LogLine[] = [];
  worker: RunningWorker | null = null;
  readonly prefix = `vdtest${randomBytes(4).toString('hex')}`;

  private constructor(
    readonly store: PostgresEventStore,
    readonly sql: PostgresClient,
    readonly workflow: Workflow,
    private readonly schemas: string[],
  ) {}

  static async open(): Promise<JobsHarness> {
    const logSchema = `jobs_log_${randomBytes(5).toString('hex')}`;
    const sqlSchema = `jobs_sql_${randomBytes(5).toString('hex')}`;
    const store = new PostgresEventStore({ connectionString: TEST_DATABASE_URL, schema: logSchema, pollIntervalMs: 50 });
    await store.whenReady();
    const sql = await PostgresClient.open({ connectionString: TEST_DATABASE_URL, schema: sqlSchema, max: 6 });
    const workflow = await createWorkflow({ store, sql });
    return new JobsHarness(store, sql, workflow, [logSchema, sqlSchema]);
  }

  readonly log: JobLog = (level, message, context) => {
    this.logs.push({ level, message, context });
  };

  async startWorker(redisUrl: string, options: Partial<StartWorkerOptions> = {}): Promise<RunningWorker> {
    if (this.worker) throw new Error('the worker is already running');
    this.worker = await startWorker({
      store: this.store,
      sql: this.sql,
      redisUrl,
      projections: false,
      checkpointer: false,
      prefix: this.prefix,
      log: this.log,
      scheduler: { retryMs: 100, maxRetryMs: 500, epochCheckMs: 200 },
      ...options,
    });
    return this.worker;
  }

  async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.stop();
  }

  async events(): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for await (const e of this.store.readAll()) out.push(e);
    return out;
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.workflow.close();
    await this.store.close();
    await this.sql.close();
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      for (const schema of this.schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  }
}

/** Polls until `condition` holds; fails with `what` if it never does. Waiting, not timing. */
export async function eventually<T>(condition: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
