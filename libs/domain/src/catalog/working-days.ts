import type { WorkingCalendar } from './award-catalog';

/**
 * Working-day arithmetic on local ISO dates (YYYY-MM-DD). Pure: dates are handled as UTC
 * midnights, so no host time zone or clock is involved.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toDays(isoDate: string): number {
  if (!ISO_DATE.test(isoDate)) throw new RangeError(`not an ISO date: ${isoDate}`);
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date: ${isoDate}`);
  return ms / DAY_MS;
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** The local calendar date of an instant, in the calendar's time zone. */
export function localDate(instant: string, utcOffsetMinutes: number): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instant}`);
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function addCalendarDays(isoDate: string, days: number): string {
  return fromDays(toDays(isoDate) + days);
}

export function isWorkingDay(isoDate: string, calendar: Pick<WorkingCalendar, 'holidays' | 'workingWeekends'>): boolean {
  if (calendar.workingWeekends.includes(isoDate)) return true;
  if (calendar.holidays.includes(isoDate)) return false;
  const weekday = new Date(toDays(isoDate) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date on which a period of `workingDays` working days ends, counting from the day after
 * `startDate` (the day a notice is posted does not count). 0 working days ends on startDate.
 */
export function addWorkingDays(
  startDate: string,
  workingDays: number,
  calendar: Pick<WorkingCalendar, 'holidays' | 'workingWeekends'>,
): string {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`working days must be a whole number ≥ 0`);
  let day = toDays(startDate);
  let left = workingDays;
  while (left > 0) {
    day += 1;
    if (isWorkingDay(fromDays(day), calendar)) left -= 1;
  }
  return fromDays(day);
}

/** Working days in the half-open range (fromDate, toDate]: 0 when toDate ≤ fromDate. */
export function workingDaysBetween(
  fromDate: string,
  toDate: string,
  calendar: Pick<WorkingCalendar, 'holidays' | 'workingWeekends'>,
): number {
  const end = toDays(toDate);
  let count = 0;
  for (let day = toDays(fromDate) + 1; day <= end; day += 1) if (isWorkingDay(fromDays(day), calendar)) count += 1;
  return count;
}
