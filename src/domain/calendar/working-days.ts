import Holidays from 'date-holidays';

/**
 * Swedish working days: not a weekend, not a public holiday, and not midsommarafton, julafton or
 * nyårsafton (not holidays by law, but days off in practice and in collective agreements). Every
 * "N working days before", "the working day after" and "first working day of the month" in the
 * product uses this one module. Dates are `YYYY-MM-DD` calendar dates in Stockholm.
 */
const swedishHolidays = new Holidays('SE');
const holidaysByYear = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      swedishHolidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

function parse(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const next = parse(date);
  next.setUTCDate(next.getUTCDate() + days);
  return format(next);
}

export function isHoliday(date: string): boolean {
  return holidaysOf(Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string): boolean {
  const weekday = parse(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isHoliday(date);
}

/** The working day `count` working days before `date` (count ≥ 1); `date` itself never counts. */
export function workingDaysBefore(date: string, count: number): string {
  let day = date;
  for (let found = 0; found < count; ) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) found += 1;
  }
  return day;
}

/** The working day `count` working days after `date` (count ≥ 1); `date` itself never counts. */
export function workingDaysAfter(date: string, count: number): string {
  let day = date;
  for (let found = 0; found < count; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) found += 1;
  }
  return day;
}

/** `date` itself when it is a working day, otherwise the first working day after it. */
export function onOrAfterWorkingDay(date: string): string {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/** The first working day after `date`. */
export function nextWorkingDay(date: string): string {
  let day = addDays(date, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** `date` itself when it is a working day, otherwise the working day before it. */
export function onOrBeforeWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** The first working day of the month `YYYY-MM`. */
export function firstWorkingDayOfMonth(yearMonth: string): string {
  let day = `${yearMonth}-01`;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
