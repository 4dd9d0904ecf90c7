/**
 * When survey reminders go out (SPEC §2): on working days, 09:00–16:00 Europe/Stockholm, to
 * recipients who have not answered. A reminder is due `N` days before the close date for each
 * configured `N`; a day that is not a working day moves to the previous working day (earlier,
 * not later: later would shorten the time left to answer, or fall after the close).
 *
 * This module decides only *whether* today is such a moment; the caller picks the recipients
 * and keys each send by `reminderDate` so a job that runs every few minutes sends once.
 */
import { stockholmDate, stockholmTime } from '../stockholm-time';
import { addDays, isWorkingDay as isSwedishWorkingDay } from '../calendar/working-days';
import { roundStatusOn, type SurveyRound } from './survey-round';

export type IsWorkingDay = (date: string) => boolean;

export const REMINDER_WINDOW = { from: '09:00', until: '16:00' } as const;

/** Looking further back than this means the calendar has no working days: give up on that reminder. */
const MAX_DAYS_BACK = 31;

function previousWorkingDay(date: string, isWorkingDay: IsWorkingDay): string | undefined {
  for (let back = 0; back <= MAX_DAYS_BACK; back += 1) {
    const candidate = addDays(date, -back);
    if (isWorkingDay(candidate)) return candidate;
  }
  return undefined;
}

export interface ReminderDate {
  date: string;
  /** The configured `N`s that landed on this date (two can meet after a weekend move). */
  daysBeforeClose: number[];
}

/**
 * The round's reminder dates, earliest first. A date on or before the open day is dropped:
 * the invitation itself went out then.
 */
export function reminderDates(round: SurveyRound, isWorkingDay: IsWorkingDay = isSwedishWorkingDay): ReminderDate[] {
  const byDate = new Map<string, number[]>();
  for (const days of round.reminderDaysBeforeClose) {
    const date = previousWorkingDay(addDays(round.closesOn, -days), isWorkingDay);
    if (!date || date <= round.opensOn) continue;
    byDate.set(date, [...(byDate.get(date) ?? []), days]);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, daysBeforeClose]) => ({ date, daysBeforeClose: daysBeforeClose.sort((a, b) => b - a) }));
}

/** `HH:MM` inside 09:00–16:00; 16:00 itself is outside (the window is half-open). */
export function isInsideReminderHours(time: string): boolean {
  return /^\d{2}:\d{2}$/.test(time) && time >= REMINDER_WINDOW.from && time < REMINDER_WINDOW.until;
}

export type ReminderDecision =
  | { send: true; reminderDate: string; daysBeforeClose: number[] }
  | { send: false; reason: 'round_not_open' | 'not_a_reminder_day' | 'outside_hours' };

/**
 * Whether reminders of this round go out now. `today` is the Stockholm date and `time` the
 * Stockholm wall-clock time `HH:MM` of the same instant.
 */
export function reminderDecision(
  round: SurveyRound,
  today: string,
  time: string,
  isWorkingDay: IsWorkingDay = isSwedishWorkingDay,
): ReminderDecision {
  if (roundStatusOn(round, today) !== 'open') return { send: false, reason: 'round_not_open' };
  const due = reminderDates(round, isWorkingDay).find((reminder) => reminder.date === today);
  if (!due) return { send: false, reason: 'not_a_reminder_day' };
  if (!isInsideReminderHours(time)) return { send: false, reason: 'outside_hours' };
  return { send: true, reminderDate: due.date, daysBeforeClose: due.daysBeforeClose };
}

/** The same decision for an instant, read in Europe/Stockholm (summer and winter time alike). */
export function reminderDecisionAt(round: SurveyRound, now: Date, isWorkingDay: IsWorkingDay = isSwedishWorkingDay): ReminderDecision {
  return reminderDecision(round, stockholmDate(now), stockholmTime(now), isWorkingDay);
}
