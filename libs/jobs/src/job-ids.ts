/** The three queues: deadlines act on the log, reminders tell people, webhooks tell other systems. */
export const QUEUE_NAMES = {
  deadlines: 'vinhdanh-deadlines',
  reminders: 'vinhdanh-reminders',
  webhooks: 'vinhdanh-webhooks',
} as const;
export type QueueKey = keyof typeof QUEUE_NAMES;
export const QUEUE_KEYS = Object.keys(QUEUE_NAMES) as QueueKey[];

/**
 * BullMQ refuses ids with ':' (its key separator) and ids that parse as integers, so an ISO
 * instant loses its colons: 2026-10-31T16:59:59Z → 2026-10-31T165959.000Z.
 */
export function compactInstant(iso: string): string {
  return new Date(iso).toISOString().replace(/:/g, '');
}

/**
 * A deterministic job id from what the job is about, e.g. `deadline.voting.n-1.2026-10-31T165959.000Z`:
 * the same event always yields the same id, so replaying the log adds nothing new. Parts are
 * URI-encoded, which also removes any ':' an id might hold.
 */
export function jobId(...parts: string[]): string {
  return parts.map((p) => encodeURIComponent(p)).join('.');
}
