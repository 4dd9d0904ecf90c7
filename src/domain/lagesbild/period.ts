/**
 * The period a lägesbild covers and the one it is compared with. Periods are Stockholm dates
 * `YYYY-MM-DD`, from inclusive, to exclusive: [2026-01-01, 2027-01-01) is the calendar year 2026.
 */
import { isIsoDate } from '../stockholm-time';

export interface Period {
  from: string;
  /** Exclusive. */
  to: string;
}

function parts(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return format(new Date(Date.UTC(year, month - 1, day + days)));
}

/** The same day `months` months later (earlier when negative), the month's last day when it has fewer days. */
export function addMonthsToDate(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const [toYear, toMonth] = [Math.floor(index / 12), index % 12];
  const days = new Date(Date.UTC(toYear, toMonth + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(toYear, toMonth, Math.min(day, days))));
}

export function calendarYear(year: number): Period {
  return { from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year + 1).padStart(4, '0')}-01-01` };
}

/** The 12 months up to and including `closeDate` (a survey round's last day). */
export function twelveMonthsUpTo(closeDate: string): Period {
  const to = addDays(closeDate, 1);
  return { from: addMonthsToDate(to, -12), to };
}

export function isValidPeriod(period: Period): boolean {
  return isIsoDate(period.from) && isIsoDate(period.to) && period.from < period.to;
}

export function inPeriod(date: string, period: Period): boolean {
  return date >= period.from && date < period.to;
}

/**
 * The period of the same length just before. Whole months (from and to on the same day of the
 * month) move by months, so a calendar year is compared with the calendar year before whatever
 * its number of days; anything else moves by its number of days.
 */
export function previousPeriod(period: Period): Period {
  const [fromYear, fromMonth, fromDay] = parts(period.from);
  const [toYear, toMonth, toDay] = parts(period.to);
  if (fromDay === toDay) {
    const months = (toYear - fromYear) * 12 + (toMonth - fromMonth);
    return { from: addMonthsToDate(period.from, -months), to: period.from };
  }
  const days = Math.round((Date.UTC(toYear, toMonth - 1, toDay) - Date.UTC(fromYear, fromMonth - 1, fromDay)) / 86_400_000);
  return { from: addDays(period.from, -days), to: period.from };
}

/** The last day of the period, for "up to and including" wording. */
export function lastDayOf(period: Period): string {
  return addDays(period.to, -1);
}
