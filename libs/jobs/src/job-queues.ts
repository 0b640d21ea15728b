import { Queue, type JobsOptions } from 'bullmq';
import Redis from 'ioredis';
import { QUEUE_KEYS, QUEUE_NAMES, type QueueKey } from './job-ids';
import { redisOptions } from './redis-connection';
import { withTimeout } from './with-timeout';

const DAY_S = 24 * 3600;

/**
 * Retries and retention per queue. Finished deadline and reminder jobs are kept (a year) so a
 * replayed log finds their ids and adds nothing; webhooks keep a month of history.
 */
export const JOB_OPTIONS: Record<QueueKey, JobsOptions> = {
  deadlines: { attempts: 12, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 365 * DAY_S }, removeOnFail: false },
  reminders: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 365 * DAY_S }, removeOnFail: false },
  webhooks: { attempts: 10, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 30 * DAY_S }, removeOnFail: false },
};

export interface JobQueues {
  readonly queues: Record<QueueKey, Queue>;
  /** Jobs not yet run (waiting, delayed, prioritized), by queue name: what /metrics reports. */
  depth(queue: QueueKey): Promise<number>;
  close(): Promise<void>;
}

export function openJobQueues(redisUrl: string, options: { prefix?: string } = {}): JobQueues {
  // One connection of our own for the three producers: BullMQ's close() and disconnect() both
  // wait for Redis to answer, so only a connection we hold can be dropped while Redis is down.
  const connection = new Redis(redisOptions(redisUrl, 'producer'));
  connection.on('error', () => undefined);
  const queues = Object.fromEntries(
    QUEUE_KEYS.map((key) => {
      const queue = new Queue(QUEUE_NAMES[key], { connection, prefix: options.prefix, defaultJobOptions: JOB_OPTIONS[key] });
      // Connection errors surface through the calls that fail; an unheard 'error' would crash the process.
      queue.on('error', () => undefined);
      return [key, queue];
    }),
  ) as Record<QueueKey, Queue>;
  return {
    queues,
    depth: (key) => queues[key].getJobCountByTypes('waiting', 'delayed', 'prioritized'),
    async close() {
      await Promise.all(Object.values(queues).map((q) => withTimeout(q.close(), 2_000, 'closing a queue').catch(() => undefined)));
      connection.disconnect();
    },
  };
}
