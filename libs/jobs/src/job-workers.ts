import { Worker, type Job } from 'bullmq';
import { QUEUE_NAMES, type QueueKey } from './job-ids';
import type { JobLog } from './deadline-scheduler';
import { redisOptions } from './redis-connection';

export type Processors = Record<QueueKey, (job: Job) => Promise<unknown>>;

export interface JobWorkers {
  readonly workers: Record<QueueKey, Worker>;
  /** Stops taking jobs and waits for the active ones to finish (graceful shutdown). */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * One BullMQ worker per queue. Their connections wait for Redis as long as it is down, and
 * pick up the delayed jobs that came due meanwhile when it returns.
 */
export function startJobWorkers(redisUrl: string, processors: Processors, options: { concurrency?: number; prefix?: string; log?: JobLog } = {}): JobWorkers {
  const log = options.log ?? (() => undefined);
  const connection = redisOptions(redisUrl, 'worker');
  const workers = {} as Record<QueueKey, Worker>;
  for (const key of Object.keys(processors) as QueueKey[]) {
    const worker = new Worker(QUEUE_NAMES[key], processors[key], { connection, prefix: options.prefix, concurrency: options.concurrency ?? 4 });
    let lastError = '';
    worker.on('error', (error) => {
      // ioredis repeats a connection error on every reconnect attempt; log each new one once.
      if (error.message !== lastError) log('warn', 'job worker connection error', { queue: key, error: error.message });
      lastError = error.message;
    });
    worker.on('ready', () => {
      lastError = '';
    });
    worker.on('failed', (job, error) => {
      log('error', 'job failed', { queue: key, jobId: job?.id, attemptsMade: job?.attemptsMade, error: error.message });
    });
    workers[key] = worker;
  }
  return {
    workers,
    async close({ timeoutMs = 30_000 } = {}) {
      const graceful = Promise.all(Object.values(workers).map((w) => w.close()));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const result = await Promise.race([graceful.then(() => 'closed' as const), timedOut]);
      clearTimeout(timer);
      if (result === 'timeout') {
        log('warn', 'jobs still active at shutdown; forcing the workers closed (their jobs will be retried)', { timeoutMs });
        await Promise.all(Object.values(workers).map((w) => w.close(true)));
      }
    },
  };
}
