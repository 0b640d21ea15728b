import fc from 'fast-check';
import { addCalendarDays, addWorkingDays, isWorkingDay, localDate, workingDaysBetween } from './working-days';
import { DEFAULT_CATALOG_DATA } from './default-catalog';

const plain = { holidays: [], workingWeekends: [] };
const vn = DEFAULT_CATALOG_DATA.calendar;

describe('working days', () => {
  it('skips weekends: 5 working days from Friday 2026-04-24 ends on Friday 2026-05-01 without holidays', () => {
    expect(addWorkingDays('2026-04-24', 5, plain)).toBe('2026-05-01');
  });

  it('skips holidays: the same 5 days across 27 April, 30 April and 1 May end on Wednesday 6 May', () => {
    // Mon 27 Apr (Hùng Kings, compensatory), Thu 30 Apr and Fri 1 May are off.
    expect(addWorkingDays('2026-04-24', 5, vn)).toBe('2026-05-06');
  });

  it('skips the whole Tết break', () => {
    // Fri 13 Feb 2026 → Mon 23 Feb is the first working day after Tết.
    expect(addWorkingDays('2026-02-13', 1, vn)).toBe('2026-02-23');
  });

  it('counts a make-up Saturday as a working day', () => {
    expect(isWorkingDay('2026-01-10', plain)).toBe(false);
    expect(isWorkingDay('2026-01-10', { holidays: [], workingWeekends: ['2026-01-10'] })).toBe(true);
    expect(addWorkingDays('2026-01-09', 1, { holidays: [], workingWeekends: ['2026-01-10'] })).toBe('2026-01-10');
  });

  it('does not count the start day, and 0 working days ends on the start day', () => {
    expect(addWorkingDays('2026-09-07', 0, vn)).toBe('2026-09-07');
    expect(addWorkingDays('2026-09-07', 1, vn)).toBe('2026-09-08');
  });

  it('takes the local date in the calendar time zone', () => {
    expect(localDate('2026-09-06T17:30:00Z', 420)).toBe('2026-09-07');
    expect(localDate('2026-09-06T16:59:59Z', 420)).toBe('2026-09-06');
  });

  it('refuses malformed input instead of guessing', () => {
    expect(() => addWorkingDays('2026-9-7', 1, plain)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-09-07', -1, plain)).toThrow(RangeError);
    expect(() => localDate('yesterday', 0)).toThrow(RangeError);
  });

  it('property: the period between start and end holds exactly the required working days, and the end is one', () => {
    const start = fc.integer({ min: 0, max: 3000 }).map((d) => addCalendarDays('2024-01-01', d));
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 40 }), (s, n) => {
        const end = addWorkingDays(s, n, vn);
        expect(workingDaysBetween(s, end, vn)).toBe(n);
        expect(isWorkingDay(end, vn)).toBe(true);
      }),
    );
  });
});
