import type { ReminderKind } from './job-data';

/** One person to remind of one deadline. */
export interface Reminder {
  /** Stable for this deadline and person, so a repeated delivery can be recognised. */
  reminderId: string;
  kind: ReminderKind;
  nominationId: string;
  dueAt: string;
  recipientId: string;
}

/** How people are told. The worker combines a log line with a signed webhook to whatever sends mail or SMS. */
export interface Notifier {
  remind(reminder: Reminder): Promise<void>;
}

export function allNotifiers(...notifiers: Notifier[]): Notifier {
  return {
    async remind(reminder) {
      for (const notifier of notifiers) await notifier.remind(reminder);
    },
  };
}
