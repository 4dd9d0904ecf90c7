/**
 * Calendar facts in the district's own time zone. Dates a user sees ("today", the year of a
 * reference number) are Europe/Stockholm dates, not UTC ones: a report filed at 00:30 on
 * 1 January belongs to the new year.
 */
export const DISTRICT_TIME_ZONE = 'Europe/Stockholm';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISTRICT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISTRICT_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD` of the instant in Stockholm. */
export function stockholmDate(instant: Date): string {
  return dateFormat.format(instant);
}

export function stockholmYear(instant: Date): number {
  return Number(stockholmDate(instant).slice(0, 4));
}

/** `HH:MM` of the instant in Stockholm. */
export function stockholmTime(instant: Date): string {
  return timeFormat.format(instant);
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
