import 'reflect-metadata';
import { ConfigError } from '@vinhdanh/config';
import { createEventStore } from '@vinhdanh/event-store';
import type { JobLog } from '@vinhdanh/jobs';
import { openSqlClient } from '@vinhdanh/sql';
import pino from 'pino';
import { startHealthServer } from './health/health-server';
import { ensureRedis, redisAnswers } from './redis/ensure-redis';
import { lowerPriority } from './lower-priority';
import { startWorker } from './start-worker';
import { loadWorkerConfig } from './worker-config';

/**
 * The standalone worker (EVENT_STORE, SQLITE_PATH, DATABASE_URL, REDIS_URL, PORT, WEBHOOK_*,
 * LEDGER_*): projections, checkpointer, deadline scheduler and job processors, with /health on
 * PORT. SIGTERM drains the active jobs and stops every subscription before exiting.
 */
async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const logger = pino({ level: config.logLevel, base: { service: 'vinhdanh-worker' }, timestamp: pino.stdTimeFunctions.isoTime });
  const log: JobLog = (level, message, context) => logger[level](context ?? {}, message);
  lowerPriority(config.nice, log);
  // The embedded set-up may start its own redis-server; in production Redis is a service.
  const redis = config.mode === 'embedded' ? await ensureRedis(config.redisUrl, config.redisDataDir) : { started: false, stop: async () => undefined };
  if (redis.started) log('info', 'started redis-server for the embedded set-up', { pid: redis.pid, dataDir: config.redisDataDir });
  const store = createEventStore(config.store);
  const sql = await openSqlClient(config.store);
  const worker = await startWorker({
    store,
    sql,
    redisUrl: config.redisUrl,
    databaseUrl: config.store.databaseUrl,
    reminderLeadMs: config.reminderLeadMs,
    webhooks: config.webhooks,
    concurrency: config.concurrency,
    log,
  });
  const health = await startHealthServer(config.port, config.host, {
    eventStore: async () => ({ backend: store.backend, headPosition: await store.headPosition() }),
    redis: async () => {
      if (!(await redisAnswers(config.redisUrl, 1_000))) throw new Error('Redis does not answer; commands still work, jobs wait');
      return { queues: await worker.queueDepth() };
    },
    scheduler: async () => worker.scheduler.status(),
  });
  log('info', 'worker running', { health: `${health.url}/health`, store: store.backend });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping: draining active jobs', { signal });
    await health.close();
    await worker.stop();
    await sql.close();
    await store.close();
    await redis.stop();
    log('info', 'worker stopped', {});
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`the worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
