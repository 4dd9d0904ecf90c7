import { addDays, isWorkingDay, nextWorkingDay } from '../calendar/working-days';
import { stockholmDate } from '../stockholm-time';
import { caseOf, type CaseRecord, type CaseState } from './case';

/**
 * Deadlines of a report's case (issue 13), in Stockholm calendar dates (`YYYY-MM-DD`):
 *
 * - **Acknowledgement deadline**: the end of the `ackWorkingDays`-th Swedish working day after the
 *   day the report came in. That day itself never counts, whatever the hour or day. With 2: in on
 *   Friday (or Saturday, or Sunday) → due by the end of Tuesday; in on Monday → by the end of
 *   Wednesday; in on Monday 4 January 2027 → Tuesday 5, (Trettondedag jul), Thursday 7.
 * - **Acknowledgement reminder**: due from the first working day after the deadline while the case
 *   is still *new* (with 2: Wednesday for a report from Friday).
 * - **Close target**: `closeTargetDays` calendar days after the day the report came in.
 * - **Close reminder**: due from CLOSE_REMINDER_DAYS_BEFORE days before the close target while the
 *   case is not closed.
 *
 * A reminder is due from its day on (a day the job did not run is caught up) and is posted once per
 * report and kind, ever. A reopened case is open again: its close reminder, if it was never posted
 * (the case was closed before the reminder day), is due at once when the reminder day has passed;
 * one already posted is not repeated. The acknowledgement reminder never follows a reopen: a
 * reopened case was acknowledged once, and the deadline was met or missed then.
 */
export const DEFAULT_ACK_WORKING_DAYS = 2;
export const DEFAULT_CLOSE_TARGET_DAYS = 90;
export const CLOSE_REMINDER_DAYS_BEFORE = 14;

export interface CaseDeadlineSettings {
  ackWorkingDays: number;
  closeTargetDays: number;
}

export type CaseReminderKind = 'acknowledge' | 'close';

/** The working day `count` working days after `date` (count ≥ 1); `date` itself never counts. */
export function workingDaysAfter(date: string, count: number): string {
  let day = date;
  for (let found = 0; found < count; found += 1) day = nextWorkingDay(day);
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}

/** Calendar days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

export interface CaseDeadlines {
  submittedOn: string;
  acknowledgeBy: string;
  acknowledgeReminderOn: string;
  closeBy: string;
  closeReminderOn: string;
}

export function caseDeadlines(submittedOn: string, settings: CaseDeadlineSettings): CaseDeadlines {
  const acknowledgeBy = workingDaysAfter(submittedOn, settings.ackWorkingDays);
  const closeBy = addDays(submittedOn, settings.closeTargetDays);
  return {
    submittedOn,
    acknowledgeBy,
    acknowledgeReminderOn: nextWorkingDay(acknowledgeBy),
    closeBy,
    closeReminderOn: addDays(closeBy, -CLOSE_REMINDER_DAYS_BEFORE),
  };
}

/** What a reminder card says: no report text, no unit (see the card). */
export interface CaseReminder {
  kind: CaseReminderKind;
  reference: string;
  state: CaseState;
  submittedOn: string;
  /** Calendar days since the day the report came in. */
  ageDays: number;
  /** The deadline the reminder is about: the acknowledgement deadline or the close target. */
  dueOn: string;
  /** Calendar days from today to `dueOn`: negative once it has passed. */
  daysLeft: number;
}

export interface ReportForDeadlines {
  reference: string;
  submittedAt: string;
  case?: CaseRecord;
  status?: string;
  handled?: { byName: string; on: string };
}

/** The reminders due for a report today (`YYYY-MM-DD`, Stockholm), whether or not posted already. */
export function dueCaseReminders(report: ReportForDeadlines, today: string, settings: CaseDeadlineSettings): CaseReminder[] {
  const { state } = caseOf(report);
  const submittedOn = stockholmDate(new Date(report.submittedAt));
  const deadlines = caseDeadlines(submittedOn, settings);
  const reminder = (kind: CaseReminderKind, dueOn: string): CaseReminder => ({
    kind,
    reference: report.reference,
    state,
    submittedOn,
    ageDays: daysBetween(submittedOn, today),
    dueOn,
    daysLeft: daysBetween(today, dueOn),
  });
  const due: CaseReminder[] = [];
  if (state === 'new' && today >= deadlines.acknowledgeReminderOn) due.push(reminder('acknowledge', deadlines.acknowledgeBy));
  if (state !== 'closed' && today >= deadlines.closeReminderOn) due.push(reminder('close', deadlines.closeBy));
  return due;
}
