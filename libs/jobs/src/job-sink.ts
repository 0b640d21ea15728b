import Redis from 'ioredis';
import type { PlannedJob } from './deadline-plan';
import type { JobQueues } from './job-queues';
import type { QueueKey } from './job-ids';
import { redisOptions } from './redis-connection';
import { withTimeout } from './with-timeout';

/**
 * What the scheduler needs of Redis: add a job under its id (a no-op when that id exists),
 * remove one, and keep an epoch marker that says whether Redis still holds what was scheduled.
 */
export interface JobSink {
  add(job: PlannedJob, delayMs: number): Promise<void>;
  remove(queue: QueueKey, jobId: string): Promise<void>;
  readEpoch(name: string): Promise<string | null>;
  writeEpoch(name: string, epoch: string): Promise<void>;
  close(): Promise<void>;
}

const epochKey = (prefix: string, name: string) => `${prefix}:scheduler-epoch:${name}`;

export function bullmqJobSink(queues: JobQueues, redisUrl: string, options: { prefix?: string; timeoutMs?: number } = {}): JobSink {
  const prefix = options.prefix ?? 'bull';
  const timeoutMs = options.timeoutMs ?? 5_000;
  const marker = new Redis({ ...redisOptions(redisUrl, 'producer'), lazyConnect: true });
  marker.on('error', () => undefined);
  const connected = async (): Promise<Redis> => {
    if (marker.status === 'wait' || marker.status === 'end') await marker.connect();
    return marker;
  };
  return {
    async add(job, delayMs) {
      await withTimeout(queues.queues[job.queue].add(job.name, job.data, { jobId: job.id, delay: Math.max(0, Math.round(delayMs)) }), timeoutMs, `adding ${job.id}`);
    },
    async remove(queue, jobId) {
      await withTimeout(queues.queues[queue].remove(jobId), timeoutMs, `removing ${jobId}`);
    },
    async readEpoch(name) {
      return withTimeout((async () => (await connected()).get(epochKey(prefix, name)))(), timeoutMs, 'reading the scheduler epoch');
    },
    async writeEpoch(name, epoch) {
      await withTimeout((async () => (await connected()).set(epochKey(prefix, name), epoch))(), timeoutMs, 'writing the scheduler epoch');
    },
    async close() {
      marker.disconnect();
    },
  };
}
