/**
 * Swedish working days: not a weekend, not a public holiday, and not midsommarafton, julafton or
 * nyårsafton (not holidays by law, but days off in practice and in collective agreements). Every
 * "N working days before", "the working day after" and "first working day of the month" in the
 * product uses this one module. Dates are `YYYY-MM-DD` calendar dates in Stockholm.
 */
const holidaysByYear = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(swedishDaysOff(year));
    holidaysByYear.set(year, days);
  }
  return days;
}

/**
 * The days off of a year besides weekends: the public holidays of lag (1989:253) om allmänna
 * helgdagar (nationaldagen since 2005) and the three eves; two can fall on one date. These are
 * the days date-holidays lists for Sweden as `public` or `bank` (test/unit/working-days.test.ts
 * compares every year 2005–2100). Computed here because date-holidays loads the rules of every
 * country and, with its rule engine, every calendar and time zone: about 15 MB of the bot's idle
 * memory (bench/README.md).
 */
export function swedishDaysOff(year: number): string[] {
  const easter = easterSunday(year);
  return [
    `${year}-01-01`, // nyårsdagen
    `${year}-01-06`, // trettondedag jul
    addDays(easter, -2), // långfredagen
    easter, // påskdagen
    addDays(easter, 1), // annandag påsk
    `${year}-05-01`, // första maj
    addDays(easter, 39), // Kristi himmelsfärdsdag
    addDays(easter, 49), // pingstdagen
    ...(year >= 2005 ? [`${year}-06-06`] : []), // Sveriges nationaldag
    weekdayOnOrAfter(`${year}-06-19`, FRIDAY), // midsommarafton (19–25 June)
    weekdayOnOrAfter(`${year}-06-20`, SATURDAY), // midsommardagen (20–26 June)
    weekdayOnOrAfter(`${year}-10-31`, SATURDAY), // alla helgons dag (31 October – 6 November)
    `${year}-12-24`, // julafton
    `${year}-12-25`, // juldagen
    `${year}-12-26`, // annandag jul
    `${year}-12-31`, // nyårsafton
  ];
}

const FRIDAY = 5;
const SATURDAY = 6;

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const monthDay = h + l - 7 * m + 114;
  return `${year}-${String(Math.floor(monthDay / 31)).padStart(2, '0')}-${String((monthDay % 31) + 1).padStart(2, '0')}`;
}

/** The first `weekday` (0 = Sunday) on or after `date`. */
function weekdayOnOrAfter(date: string, weekday: number): string {
  return addDays(date, (weekday - parse(date).getUTCDay() + 7) % 7);
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
