import * as os from 'node:os';
import type { JobLog } from '@vinhdanh/jobs';

type Priorities = Pick<typeof os, 'getPriority' | 'setPriority'>;

/**
 * Raises this process's niceness to `nice` (WORKER_NICE), never lowers it: an operator who
 * already started the worker under `nice -n 15` keeps 15. Where the system refuses (some
 * containers), the worker runs on at its current priority and says so.
 */
export function lowerPriority(nice: number, log: JobLog, priorities: Priorities = os): void {
  const current = priorities.getPriority();
  if (nice <= current) return;
  try {
    priorities.setPriority(nice);
    log('info', 'worker runs at lower CPU priority than the API', { nice });
  } catch (error) {
    log('warn', 'could not lower the worker CPU priority; running at the current one', { nice, current, reason: error instanceof Error ? error.message : String(error) });
  }
}
