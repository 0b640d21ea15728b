import type { Queue } from 'bullmq';
import type { JobLog } from './deadline-scheduler';
import type { WebhookJobData } from './job-data';
import type { Notifier } from './notification.port';

/** A log line per reminder: the channel that always works. */
export function logNotifier(log: JobLog): Notifier {
  return {
    async remind(r) {
      log('info', 'reminder', { reminderId: r.reminderId, kind: r.kind, nominationId: r.nominationId, dueAt: r.dueAt, recipientId: r.recipientId });
    },
  };
}

/** Queues a signed webhook per reminder (job id = reminder id: one delivery per person and deadline). */
export function webhookNotifier(webhooks: Queue): Notifier {
  return {
    async remind(r) {
      const body = JSON.stringify({ type: 'deadline.reminder', ...r });
      const data: WebhookJobData = { target: 'reminders', topic: 'deadline.reminder', body };
      await webhooks.add('reminder', data, { jobId: `webhook.${r.reminderId}` });
    },
  };
}
