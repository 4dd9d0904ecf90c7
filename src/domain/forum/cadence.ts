/**
 * How often a collaboration forum meets (SPEC §3): every week, every other week, every four
 * weeks, monthly on the nth weekday, or on explicit dates. A series is anchored on a meeting date;
 * the next meeting follows from the previous one *as planned*, so moving one meeting does not
 * shift the rest of the series.
 */
import { addDays } from '../calendar/working-days';

export const CADENCE_KINDS = ['weekly', 'biweekly', 'every4weeks', 'monthly', 'dates'] as const;
export type CadenceKind = (typeof CADENCE_KINDS)[number];

export type Cadence =
  | { kind: 'weekly' | 'biweekly' | 'every4weeks' }
  /** `nth` 1–4, or -1 for the last such weekday of the month; `weekday` 1 = Monday … 7 = Sunday. */
  | { kind: 'monthly'; nth: 1 | 2 | 3 | 4 | -1; weekday: number }
  /** Sorted, unique `YYYY-MM-DD`. */
  | { kind: 'dates'; dates: readonly string[] };

const STEP_DAYS = { weekly: 7, biweekly: 14, every4weeks: 28 } as const;

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return ((utc(date).getUTCDay() + 6) % 7) + 1;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The monthly rule a meeting date stands for: "the 2nd Tuesday", or "the last Friday" from the 29th on. */
export function monthlyRuleOf(date: string): { nth: 1 | 2 | 3 | 4 | -1; weekday: number } {
  const day = Number(date.slice(8, 10));
  const nth = Math.ceil(day / 7);
  return { nth: nth > 4 ? -1 : (nth as 1 | 2 | 3 | 4), weekday: weekdayOf(date) };
}

/** The date of the nth (or last) weekday of a month `YYYY-MM`. */
export function nthWeekdayOfMonth(yearMonth: string, nth: 1 | 2 | 3 | 4 | -1, weekday: number): string {
  const [year, month] = yearMonth.split('-').map(Number) as [number, number];
  const first = `${yearMonth}-01`;
  const offset = (weekday - weekdayOf(first) + 7) % 7;
  if (nth > 0) return addDays(first, offset + (nth - 1) * 7);
  const last = `${yearMonth}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
}

function nextMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The meeting after the one planned for `planned`, or undefined when the explicit dates run out. */
export function nextMeetingAfter(cadence: Cadence, planned: string): string | undefined {
  switch (cadence.kind) {
    case 'weekly':
    case 'biweekly':
    case 'every4weeks':
      return addDays(planned, STEP_DAYS[cadence.kind]);
    case 'monthly':
      return nthWeekdayOfMonth(nextMonth(planned.slice(0, 7)), cadence.nth, cadence.weekday);
    case 'dates':
      return cadence.dates.find((date) => date > planned);
  }
}
