import type { Command } from 'commander';
import { readUrl } from '@vinhdanh/config';
import { FailedJobs, JobNotFailed, JobNotFound, openJobQueues, redisAnswers, type FailedJob } from '@vinhdanh/jobs';
import { fail } from '../cli-command';

/** Straight to Redis (REDIS_URL), so an operator can act even when the API is down. */
async function withFailedJobs<T>(work: (jobs: FailedJobs) => Promise<T>): Promise<T> {
  const url = readUrl(process.env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379') as string;
  if (!(await redisAnswers(url, 2_000))) fail(`Redis does not answer at ${new URL(url).host}; set REDIS_URL to the one the worker uses`);
  const queues = openJobQueues(url);
  try {
    return await work(new FailedJobs(queues.queues));
  } catch (error) {
    if (error instanceof JobNotFound || error instanceof JobNotFailed) fail(error.message);
    fail(`Redis at ${new URL(url).host} did not answer (${error instanceof Error ? error.message : String(error)}); set REDIS_URL`);
  } finally {
    await queues.close();
  }
}

function table(jobs: FailedJob[]): string {
  if (jobs.length === 0) return 'no failed jobs\n';
  return jobs.map((j) => `${j.failedAt ?? '-'}  ${j.queue.padEnd(9)}  ${j.id}\n    ${j.attemptsMade} attempt(s): ${j.failedReason}\n`).join('');
}

export function register(program: Command): void {
  const jobs = program.command('jobs').description('deadline, reminder and webhook jobs (BullMQ on REDIS_URL)');
  jobs
    .command('failed')
    .description('list the jobs that failed after their last attempt, newest first')
    .option('--json', 'print them as JSON')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (options: { json?: boolean; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) fail('--limit takes a positive whole number', 2);
      const failed = await withFailedJobs((f) => f.list(limit));
      process.stdout.write(options.json ? `${JSON.stringify(failed, null, 2)}\n` : table(failed));
    });
  jobs
    .command('retry')
    .description('send a failed job back to run, its attempts counted afresh')
    .argument('<id>', 'the job id, as `vinhdanh jobs failed` shows it')
    .action(async (id: string) => {
      const retried = await withFailedJobs((f) => f.retry(id));
      process.stdout.write(`retrying ${retried.id} (${retried.queue})\n`);
    });
}
