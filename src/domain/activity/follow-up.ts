/**
 * The yearly follow-up of the action plan's activities ("Uppföljning: årligen inom ramen för VB"):
 * when it is asked for, the one reminder, what an answer holds, and how complete a year is. Pure:
 * dates and records in, decisions out.
 */
import { onOrAfterWorkingDay, workingDaysAfter } from '../calendar/working-days';
import { identifyingKinds } from '../identifying-data';
import type { FreeTextProblem } from '../forum/meeting';
import { formValuesSchema } from '../form-values';

export const FOLLOW_UP_STATUSES = ['done', 'on_track', 'delayed', 'not_started'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** When the district asks for the follow-up: a day of the year (`MM-DD`) and a Stockholm time. */
export interface FollowUpSetting {
  date: string;
  time: string;
}

/** The first working day of November at 09:00 (1 November is the nominal date). */
export const DEFAULT_FOLLOW_UP_SETTING: FollowUpSetting = { date: '11-01', time: '09:00' };

/** The one reminder goes this many working days after the card, to those who have not answered. */
export const REMINDER_WORKING_DAYS = 5;
/** The job keeps running this many working days after the due day, for late asks and their reminders. */
export const FOLLOW_UP_WINDOW_WORKING_DAYS = 20;
export const TEXT_MAX_LENGTH = 2000;

/** The day the follow-up of `year` is sent: the configured day, or the working day after it when that is a weekend or holiday. */
export function followUpDueDate(year: number, setting: FollowUpSetting = DEFAULT_FOLLOW_UP_SETTING): string {
  return onOrAfterWorkingDay(`${year}-${setting.date}`);
}

/** The last day the job runs for the follow-up of `year`. */
export function followUpWindowEnd(year: number, setting: FollowUpSetting = DEFAULT_FOLLOW_UP_SETTING): string {
  return workingDaysAfter(followUpDueDate(year, setting), FOLLOW_UP_WINDOW_WORKING_DAYS);
}

/** The year whose follow-up runs on `today` (a window may reach into January), or undefined. */
export function followUpYearOn(today: string, setting: FollowUpSetting = DEFAULT_FOLLOW_UP_SETTING): number | undefined {
  const year = Number(today.slice(0, 4));
  return [year, year - 1].find((candidate) => today >= followUpDueDate(candidate, setting) && today <= followUpWindowEnd(candidate, setting));
}

/** The day a person asked on `askedOn` is reminded, when the activity is still unanswered. */
export function reminderDateFor(askedOn: string): string {
  return workingDaysAfter(askedOn, REMINDER_WORKING_DAYS);
}

/** One activity's follow-up for one year: the latest answer stands. */
export interface ActivityFollowUp {
  activityId: string;
  year: number;
  status: FollowUpStatus;
  whatWasDone: string;
  nextYear: string;
  /** ISO instant. */
  answeredAt: string;
  answeredBy: { aadObjectId: string; name: string };
}

export const FOLLOW_UP_FIELDS = ['status', 'whatWasDone', 'nextYear'] as const;
export type FollowUpField = (typeof FOLLOW_UP_FIELDS)[number];
export type FollowUpValues = Record<FollowUpField, string>;
export type FollowUpProblem = { kind: 'required' } | { kind: 'invalid_choice' } | FreeTextProblem;
export type FollowUpProblems = Partial<Record<FollowUpField, FollowUpProblem>>;

export const followUpFormSchema = formValuesSchema(FOLLOW_UP_FIELDS, { trim: true });

function textProblem(text: string): FreeTextProblem | undefined {
  if (text.length > TEXT_MAX_LENGTH) return { kind: 'too_long', max: TEXT_MAX_LENGTH };
  const found = identifyingKinds(text);
  return found.length > 0 ? { kind: 'identifying_data', found } : undefined;
}

/** Checks a follow-up card's answer; both texts are free text, refused when they could identify someone. */
export function validateFollowUp(values: FollowUpValues): { ok: true; answer: Pick<ActivityFollowUp, FollowUpField> } | { ok: false; problems: FollowUpProblems } {
  const problems: FollowUpProblems = {};
  if (!values.status) problems.status = { kind: 'required' };
  else if (!FOLLOW_UP_STATUSES.includes(values.status as FollowUpStatus)) problems.status = { kind: 'invalid_choice' };
  for (const field of ['whatWasDone', 'nextYear'] as const) {
    const problem = textProblem(values[field]);
    if (problem) problems[field] = problem;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, answer: { status: values.status as FollowUpStatus, whatWasDone: values.whatWasDone, nextYear: values.nextYear } };
}

export interface FollowUpCompletion {
  /** People sent the card (delivered or not). */
  asked: number;
  answered: boolean;
}

/**
 * How complete a year's follow-up is: per activity who was asked and whether it has its answer,
 * and how many of the activities are answered. An activity nobody answers for in Teams counts
 * too: the coordinators answer it themselves from the list.
 */
export function followUpCompletion(
  activityIds: readonly string[],
  askedByActivity: ReadonlyMap<string, number>,
  answeredIds: ReadonlySet<string>,
): { perActivity: Map<string, FollowUpCompletion>; answered: number; total: number } {
  const perActivity = new Map(activityIds.map((id) => [id, { asked: askedByActivity.get(id) ?? 0, answered: answeredIds.has(id) }]));
  return { perActivity, answered: activityIds.filter((id) => answeredIds.has(id)).length, total: activityIds.length };
}
