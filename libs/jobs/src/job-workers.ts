import { Worker, type Job } from 'bullmq';
import { QUEUE_NAMES, type QueueKey } from './job-ids';
import type { JobLog } from './deadline-scheduler';
import { redisAnswers, redisOptions } from './redis-connection';
import { withTimeout } from './with-timeout';

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
      const all = Object.values(workers);
      // Without Redis no active job can record its end, and BullMQ's close waits for Redis
      // forever: skip the drain; those jobs are found stalled and run again when Redis returns.
      if (await redisAnswers(redisUrl, 1_000)) {
        const drained = await withTimeout(Promise.all(all.map((w) => w.close())), timeoutMs, 'draining active jobs').then(
          () => true,
          () => false,
        );
        if (drained) return;
        log('warn', 'jobs still active at shutdown; forcing the workers closed (their jobs will run again)', { timeoutMs });
      } else {
        log('warn', 'Redis does not answer at shutdown; closing the job workers without draining', {});
      }
      await withTimeout(Promise.all(all.map((w) => w.close(true))), 2_000, 'closing the job workers').catch(() =>
        Promise.all(all.map((w) => w.disconnect().catch(() => undefined))),
      );
    },
  };
}
