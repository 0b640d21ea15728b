import type { DeadlineKind } from '@vinhdanh/domain';

/** What a deadline job does when it fires: one command, sent as the system scheduler. */
export type DeadlineJobData =
  | { action: 'mark-campaign-deadline-missed'; campaignId: string; deadline: DeadlineKind; dueAt: string }
  | { action: 'mark-deadline-missed'; nominationId: string; deadline: DeadlineKind; dueAt: string }
  | { action: 'close-public-notice'; nominationId: string; dueAt: string }
  | { action: 'close-voting'; nominationId: string; sessionId: string; dueAt: string };

/** Who is reminded is decided when the reminder fires, from the stream as it is then. */
export type ReminderKind = 'evaluation' | 'vote' | 'resubmission';
export type ReminderJobData = { kind: ReminderKind; nominationId: string; dueAt: string };

/** Where a webhook goes is named, not stored: URLs and the secret stay in configuration, not in Redis. */
export type WebhookTarget = 'portal' | 'reminders';
export type WebhookJobData = { target: WebhookTarget; topic: string; body: string };
