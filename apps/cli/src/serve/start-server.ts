import type { AddressInfo } from 'node:net';
import { CommandBus } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { BallotBoxStore, CommandRunner, PersonalDataStore, type Workflow } from '@vinhdanh/application';
import { loadApiConfig, loadStoreConfig, type Env, type StoreConfig } from '@vinhdanh/config';
import type { AwardCatalog } from '@vinhdanh/domain';
import { createEventStore, type EventStore } from '@vinhdanh/event-store';
import type { JobLog } from '@vinhdanh/jobs';
import { ledgerSigningKey } from '@vinhdanh/ledger';
import { openSqlClient, type SqlClient } from '@vinhdanh/sql';
import { FailedJobs, openJobQueues } from '@vinhdanh/jobs';
import { ApiMetrics, Roles, bootstrapApi, createJobsModule, ensureRedis, loadWorkerConfig, startWorker, type EnsuredRedis, type RunningWorker } from './apps';
import type { DemoClock } from './demo-clock';
import { DemoClockModule } from './demo-clock.module';

export interface StartServerOptions {
  /** Configuration as the API and worker read it (EVENT_STORE, SQLITE_PATH, DATABASE_URL, REDIS_URL, PORT, JWT_*, LEDGER_*). */
  env: Env;
  /** Overrides PORT (0: any free port). */
  port?: number;
  /** A clock the demo moves; its routes are mounted only with `demoClockRoutes`. */
  clock?: DemoClock;
  demoClockRoutes?: boolean;
  catalog?: AwardCatalog;
  /** BullMQ key prefix: a demo or a test keeps its jobs apart from any other server on the same Redis. */
  queuePrefix?: string;
  /** Where the API's JSON log lines go (default stdout). */
  logDestination?: DestinationStream;
  /** The worker's log (default: JSON lines on stderr). */
  log?: JobLog;
  /** Stores the caller opened (and closes); by default they are opened from `env` and closed by stop(). */
  stores?: { store: EventStore; sql: SqlClient };
}

export interface RunningServer {
  url: string;
  app: NestFastifyApplication;
  worker: RunningWorker;
  store: EventStore;
  sql: SqlClient;
  storeConfig: StoreConfig;
  redis: EnsuredRedis;
  redisUrl: string;
  /** The ledger's verifier key (note format), to publish so anyone can check the checkpoints. */
  ledgerKey: string;
  ledgerKeyGenerated: boolean;
  /** API drains, worker drains its jobs, stores close, a redis-server we started stops. Safe to call twice. */
  stop(): Promise<void>;
}

/** The workflow the API's app already holds, so the jobs act through the very same handlers. */
function workflowOf(app: NestFastifyApplication): Workflow {
  return {
    commandBus: app.get<CommandBus>(CommandBus, { strict: false }),
    runner: app.get<CommandRunner>(CommandRunner, { strict: false }),
    ballotBox: app.get<BallotBoxStore>(BallotBoxStore, { strict: false }),
    personalData: app.get<PersonalDataStore>(PersonalDataStore, { strict: false }),
    close: async () => undefined, // the app closes it
  };
}

/**
 * The whole engine in one process: the API (with the web pages) and the worker (projections,
 * ledger checkpointer, deadline scheduler, job processors) over the same opened stores. With a
 * local REDIS_URL that does not answer, a redis-server on the PATH is started as a child.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const env = options.port === undefined ? options.env : { ...options.env, PORT: String(options.port) };
  const config = loadApiConfig(env);
  const storeConfig = loadStoreConfig(env);
  const ledger = ledgerSigningKey(env, () => undefined);
  // The embedded set-up may start its own redis-server; in production Redis is a service, and
  // the worker waits out an outage (commands still go through) rather than spawning one.
  const redis: EnsuredRedis =
    config.mode === 'embedded' ? await ensureRedis(config.redisUrl, env.REDIS_DATA_DIR || './data/redis') : { started: false, stop: async () => undefined };
  const cleanups: (() => Promise<void>)[] = [() => redis.stop()];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const owned = !options.stores;
    const store = options.stores?.store ?? createEventStore(storeConfig);
    if (owned) cleanups.push(() => store.close());
    const sql = options.stores?.sql ?? (await openSqlClient(storeConfig));
    if (owned) cleanups.push(() => sql.close());
    const metrics = new ApiMetrics();
    const clock = options.clock;
    // Webhook and reminder settings are the worker's; read them the way start:worker does.
    const workerConfig = loadWorkerConfig(env);
    // Operators list and retry failed jobs through the API (admin only), as the worker's own CLI verbs do.
    const jobQueues = openJobQueues(config.redisUrl, { prefix: options.queuePrefix });
    cleanups.push(() => jobQueues.close());
    const failedJobs = new FailedJobs(jobQueues.queues);
    // bootstrapApi hands SIGTERM/SIGINT to Nest, which re-raises the signal once the app is
    // closed — before the worker could drain. This process orders its own shutdown instead.
    const signals = ['SIGTERM', 'SIGINT'] as const;
    const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
    const app = await bootstrapApi({
      store,
      sql,
      config,
      metrics,
      catalog: options.catalog,
      clock: clock ? () => clock.iso() : undefined,
      logDestination: options.logDestination,
      modules: () => [createJobsModule(failedJobs, Roles('admin')), ...(clock && options.demoClockRoutes ? [DemoClockModule.register(clock)] : [])],
      listen: true,
    });
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
    cleanups.push(() => app.close());
    const worker = await startWorker({
      store,
      sql,
      redisUrl: config.redisUrl,
      // Caller-owned stores may live in a schema of their own: lease rows there, not database-wide locks.
      databaseUrl: owned ? storeConfig.databaseUrl : undefined,
      workflow: workflowOf(app),
      catalog: options.catalog,
      metrics,
      env,
      webhooks: workerConfig.webhooks,
      reminderLeadMs: workerConfig.reminderLeadMs,
      prefix: options.queuePrefix,
      clock: clock ? () => clock.now() : undefined,
      log: options.log,
    });
    const address = app.getHttpServer().address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let stopping: Promise<void> | null = null;
    return {
      url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`,
      app,
      worker,
      store,
      sql,
      storeConfig,
      redis,
      redisUrl: config.redisUrl,
      ledgerKey: ledger.key.vkey,
      ledgerKeyGenerated: ledger.generated,
      stop() {
        // The order matters: no new requests, then no new jobs, then the stores they write to.
        stopping ??= (async () => {
          cleanups.length = 0;
          const steps: [string, () => Promise<void>][] = [
            ['API', () => app.close()],
            ['worker', () => worker.stop()],
            // The API's failed-jobs routes used these; their Redis connection would keep the process alive.
            ['job queues', () => jobQueues.close()],
            ...(owned
              ? ([
                  ['read models', () => sql.close()],
                  ['event store', () => store.close()],
                ] as [string, () => Promise<void>][])
              : []),
            ['redis-server', () => redis.stop()],
          ];
          for (const [what, step] of steps) {
            await step().catch((error: unknown) => process.stderr.write(`vinhdanh: stopping the ${what} failed: ${String(error)}\n`));
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
