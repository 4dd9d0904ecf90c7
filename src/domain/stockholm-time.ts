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

/** The instant when the Stockholm wall clock shows `time` (`HH:MM`) on `date` (`YYYY-MM-DD`). */
export function stockholmInstant(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  // Correct by Stockholm's offset at that moment (+1 h in winter, +2 h in summer), as Intl shows it.
  let candidate = guess;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const shown = new Date(`${stockholmDate(candidate)}T${stockholmTime(candidate)}:00Z`);
    const drift = shown.getTime() - guess.getTime();
    if (drift === 0) break;
    candidate = new Date(candidate.getTime() - drift);
  }
  return candidate;
}
