/**
 * Calendar months written `YYYY-MM`, the unit the digest counts in. Months are Stockholm months:
 * the caller turns instants into Stockholm dates first (src/domain/stockholm-time.ts).
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$/;

/** True for `YYYY-MM` with a month 01–12. */
export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

function parts(month: string): [year: number, month: number] {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return [Number(match[1]), Number(match[2])];
}

function format(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `count` months after `month` (before it when negative). */
export function addMonths(month: string, count: number): string {
  const [year, number] = parts(month);
  const index = year * 12 + (number - 1) + count;
  return format(Math.floor(index / 12), (index % 12) + 1);
}

export function previousMonth(month: string): string {
  return addMonths(month, -1);
}

export function sameMonthLastYear(month: string): string {
  return addMonths(month, -12);
}

/** The month before the one `date` (`YYYY-MM-DD`) falls in: what "the digest of last month" covers. */
export function lastMonthOf(date: string): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return previousMonth(`${match[1]}-${match[2]}`);
}

export function firstDayOf(month: string): string {
  parts(month);
  return `${month}-01`;
}

export function lastDayOf(month: string): string {
  const [year, number] = parts(month);
  const days = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}
