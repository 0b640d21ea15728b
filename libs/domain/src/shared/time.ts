/** Instant comparison on ISO-8601 strings (offsets allowed), never on the host clock. */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 instant: ${iso}`);
  return ms;
}

export function isValidInstant(iso: unknown): iso is string {
  return typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(iso) && !Number.isNaN(Date.parse(iso));
}

export function isValidDate(iso: unknown): iso is string {
  return typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(Date.parse(`${iso}T00:00:00Z`));
}

/** True when `now` is strictly after `deadline`: a deadline is met up to and including its instant. */
export function isPast(now: string, deadline: string): boolean {
  return instantMs(now) > instantMs(deadline);
}
