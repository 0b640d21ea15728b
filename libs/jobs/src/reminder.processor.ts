import type { Job } from 'bullmq';
import type { NominationState } from '@vinhdanh/domain';
import type { ReminderJobData } from './job-data';
import { jobId } from './job-ids';
import type { Notifier } from './notification.port';
import { whoMustAct } from './reminder-recipients';

export type ReminderOutcome = { outcome: 'reminded'; recipients: string[] } | { outcome: 'deadline-passed' };

/**
 * Fires `lead` before a deadline: reads the nomination afresh and reminds whoever still has to
 * act. After the deadline a reminder is pointless (a replay after Redis lost its jobs re-adds
 * old reminders), so it reminds no one.
 */
export function reminderProcessor(deps: { nominationState: (nominationId: string) => Promise<NominationState>; notifier: Notifier; clock?: () => Date }) {
  const clock = deps.clock ?? (() => new Date());
  return async (job: Pick<Job<ReminderJobData>, 'id' | 'data'>): Promise<ReminderOutcome> => {
    const { kind, nominationId, dueAt } = job.data;
    if (clock().getTime() > Date.parse(dueAt)) return { outcome: 'deadline-passed' };
    const recipients = whoMustAct(kind, await deps.nominationState(nominationId), dueAt);
    for (const recipientId of recipients) {
      await deps.notifier.remind({ reminderId: jobId(String(job.id), recipientId), kind, nominationId, dueAt, recipientId });
    }
    return { outcome: 'reminded', recipients };
  };
}
