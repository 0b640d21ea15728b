import type { CommandBus } from '@nestjs/cqrs';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  CloseVotingCommand,
  ClosePublicNoticeCommand,
  DomainRefusal,
  MarkCampaignDeadlineMissedCommand,
  MarkDeadlineMissedCommand,
  type WorkflowResult,
} from '@vinhdanh/application';
import { SYSTEM_SCHEDULER, type CommandMetadata } from '@vinhdanh/domain';
import type { DeadlineJobData } from './job-data';
import type { JobLog } from './deadline-scheduler';

/** Refusals that mean the step is already done or no longer applies: the job has nothing left to do. */
const DONE = new Set(['ALREADY_MARKED', 'NOTHING_OUTSTANDING', 'VOTING_CLOSED', 'OUT_OF_ORDER', 'ALREADY_DECIDED', 'CAMPAIGN_CLOSED']);
/** Refusals that mean the timer fired before the rules see the deadline as passed (clocks differ): try again. */
const NOT_YET = new Set(['DEADLINE_NOT_PASSED', 'NOTICE_PERIOD_NOT_OVER']);

export type DeadlineOutcome =
  | { outcome: 'applied'; positions: number[]; replayed: boolean }
  | { outcome: 'already-done'; code: string };

/** The job sent its command too early; BullMQ retries it with backoff. */
export class DeadlineNotYetDue extends Error {
  constructor(readonly code: string) {
    super(`the rules do not see the deadline as passed yet (${code})`);
    this.name = 'DeadlineNotYetDue';
  }
}

export function deadlineCommand(data: DeadlineJobData, metadata: CommandMetadata) {
  switch (data.action) {
    case 'mark-campaign-deadline-missed':
      return new MarkCampaignDeadlineMissedCommand({ campaignId: data.campaignId, deadline: data.deadline }, metadata);
    case 'mark-deadline-missed':
      return new MarkDeadlineMissedCommand({ nominationId: data.nominationId, deadline: data.deadline }, metadata);
    case 'close-public-notice':
      return new ClosePublicNoticeCommand({ nominationId: data.nominationId }, metadata);
    case 'close-voting':
      return new CloseVotingCommand({ nominationId: data.nominationId, sessionId: data.sessionId }, metadata);
    default: {
      const unknown: never = data;
      throw new UnrecoverableError(`unknown deadline action ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * A deadline job sends its command through the same CommandBus and handlers as a person's
 * request, as the system scheduler, so the same rules decide. The job id is the idempotency
 * key: a retry after the append found in the stream is answered from the stream.
 */
export function deadlineProcessor(deps: { bus: CommandBus; clock?: () => Date; log?: JobLog }) {
  const clock = deps.clock ?? (() => new Date());
  return async (job: Pick<Job<DeadlineJobData>, 'id' | 'data' | 'name'>): Promise<DeadlineOutcome> => {
    const metadata: CommandMetadata = {
      actor: { ...SYSTEM_SCHEDULER, roles: [...SYSTEM_SCHEDULER.roles] },
      now: clock().toISOString(),
      correlationId: `job.${job.id}`,
      idempotencyKey: job.id,
    };
    try {
      const result = (await deps.bus.execute(deadlineCommand(job.data, metadata))) as WorkflowResult;
      deps.log?.('info', 'deadline applied', { jobId: job.id, action: job.data.action, positions: result.positions });
      return { outcome: 'applied', positions: result.positions, replayed: result.replayed };
    } catch (error) {
      if (!(error instanceof DomainRefusal)) throw error;
      if (DONE.has(error.code)) return { outcome: 'already-done', code: error.code };
      if (NOT_YET.has(error.code)) throw new DeadlineNotYetDue(error.code);
      deps.log?.('error', 'deadline refused by the rules', { jobId: job.id, action: job.data.action, code: error.code });
      throw new UnrecoverableError(`${error.code}: ${error.message}`);
    }
  };
}
