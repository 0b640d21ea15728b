import type { Job, Queue } from 'bullmq';
import type { QueueKey } from './job-ids';

export interface FailedJob {
  queue: QueueKey;
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  /** ISO instant of the last failure. */
  failedAt: string | null;
  /** When the job was first added. */
  createdAt: string;
}

export class JobNotFound extends Error {
  readonly code = 'JOB_NOT_FOUND';
  constructor(readonly jobId: string) {
    super(`no job ${jobId}`);
  }
}

export class JobNotFailed extends Error {
  readonly code = 'JOB_NOT_FAILED';
  constructor(
    readonly jobId: string,
    readonly state: string,
  ) {
    super(`job ${jobId} is ${state}, not failed`);
  }
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

function describe(queue: QueueKey, job: Job): FailedJob {
  return {
    queue,
    id: String(job.id),
    name: job.name,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    failedAt: iso(job.finishedOn),
    createdAt: new Date(job.timestamp).toISOString(),
  };
}

/**
 * Failed jobs across the queues, for an administrator: list them, and send one back to run
 * (its attempts start again). Job ids are unique across queues (each starts with its kind).
 */
export class FailedJobs {
  constructor(private readonly queues: Record<QueueKey, Queue>) {}

  async list(limit = 100): Promise<FailedJob[]> {
    const out: FailedJob[] = [];
    for (const [key, queue] of Object.entries(this.queues) as [QueueKey, Queue][]) {
      for (const job of await queue.getFailed(0, limit - 1)) if (job) out.push(describe(key, job));
    }
    return out.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '')).slice(0, limit);
  }

  async retry(jobId: string): Promise<{ queue: QueueKey; id: string }> {
    for (const [key, queue] of Object.entries(this.queues) as [QueueKey, Queue][]) {
      const job = await queue.getJob(jobId);
      if (!job) continue;
      const state = await job.getState();
      if (state !== 'failed') throw new JobNotFailed(jobId, state);
      await job.retry('failed');
      return { queue: key, id: jobId };
    }
    throw new JobNotFound(jobId);
  }
}
