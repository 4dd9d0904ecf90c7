/**
 * The action plan's activities (handlingsplanen: förebyggande, förhindrande and kompetenshöjande
 * aktiviteter), each with who answers for it, its schedule and its yearly follow-up. This module
 * reads and checks the registry card's values; whether a picked person is a known user is the
 * service's question (it asks Teams), as for a forum's chair.
 */
import { chairIdOf, NO_CHAIR } from '../forum/forum';
import { formValuesSchema } from '../form-values';
import { isIsoDate } from '../stockholm-time';

export const ACTIVITY_CATEGORIES = ['preventive', 'preventing', 'competence'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export interface ResponsibleUser {
  aadObjectId: string;
  name: string;
  /** The Teams user id (29:…) when known, for creating the 1:1 chat. */
  userId?: string;
}

export type ActivitySchedule = { kind: 'ongoing' } | { kind: 'range'; from: string; to: string };

export interface Activity {
  id: string;
  title: string;
  category: ActivityCategory;
  responsible: {
    /** Who answers for it as the plan words it ("Enhetschef Familjeenheten"). */
    role: string;
    /** The people in Teams who get the yearly follow-up; may be none. */
    users: ResponsibleUser[];
  };
  schedule: ActivitySchedule;
  followUp: 'yearly';
  /** Where it stands in the plan's table of its category. */
  position: number;
  registeredOn: string;
  /** A retired activity stays, for the history of earlier years' follow-ups. */
  retired: boolean;
  retiredOn?: string;
}

export const TITLE_MAX_LENGTH = 500;
export const ROLE_MAX_LENGTH = 200;
export const MAX_RESPONSIBLE_USERS = 10;

export const ACTIVITY_FIELDS = ['title', 'category', 'responsibleRole', 'responsibleUsers', 'scheduleKind', 'scheduleFrom', 'scheduleTo'] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];
export type ActivityValues = Record<ActivityField, string>;

export type ActivityProblem =
  | { kind: 'required' }
  | { kind: 'too_long'; max: number }
  | { kind: 'invalid_choice' }
  | { kind: 'invalid_date' }
  | { kind: 'ends_before_start' }
  | { kind: 'unknown_user' }
  | { kind: 'too_many_users'; max: number }
  | { kind: 'duplicate_title' };

export type ActivityProblems = Partial<Record<ActivityField, ActivityProblem>>;

/** The registry card's values, trimmed. */
export const activityFormSchema = formValuesSchema(ACTIVITY_FIELDS, { trim: true });

export type ActivityDraft = Pick<Activity, 'title' | 'category' | 'schedule'> & { responsibleRole: string; responsibleUserIds: string[] };

/** The people picker's placeholder choice before anyone is picked (a choice set needs a value). */
export const NO_USER = NO_CHAIR;

/** The people a multi-select picker gave: AAD object ids or Teams user ids, comma-separated. */
function pickedUsers(value: string): { ids: string[]; unknown: boolean } {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && part !== NO_USER);
  const ids = parts.map(chairIdOf);
  return { ids: [...new Set(ids.filter((id): id is string => id !== undefined))], unknown: ids.some((id) => id === undefined) };
}

/**
 * Checks a registry form. `otherTitles` are the titles of the other activities still in the plan:
 * two with one title could not be told apart in a follow-up card.
 */
export function validateActivityForm(
  values: ActivityValues,
  context: { otherTitles: readonly string[] },
): { ok: true; draft: ActivityDraft } | { ok: false; problems: ActivityProblems } {
  const problems: ActivityProblems = {};
  const title = values.title.replace(/\s+/g, ' ');
  if (!title) problems.title = { kind: 'required' };
  else if (title.length > TITLE_MAX_LENGTH) problems.title = { kind: 'too_long', max: TITLE_MAX_LENGTH };
  else if (context.otherTitles.some((other) => other.toLocaleLowerCase('sv') === title.toLocaleLowerCase('sv'))) problems.title = { kind: 'duplicate_title' };

  const category = values.category as ActivityCategory;
  if (!values.category) problems.category = { kind: 'required' };
  else if (!ACTIVITY_CATEGORIES.includes(category)) problems.category = { kind: 'invalid_choice' };

  const role = values.responsibleRole.replace(/\s+/g, ' ');
  if (!role) problems.responsibleRole = { kind: 'required' };
  else if (role.length > ROLE_MAX_LENGTH) problems.responsibleRole = { kind: 'too_long', max: ROLE_MAX_LENGTH };

  const users = pickedUsers(values.responsibleUsers);
  if (users.unknown) problems.responsibleUsers = { kind: 'unknown_user' };
  else if (users.ids.length > MAX_RESPONSIBLE_USERS) problems.responsibleUsers = { kind: 'too_many_users', max: MAX_RESPONSIBLE_USERS };

  let schedule: ActivitySchedule | undefined;
  if (!values.scheduleKind) problems.scheduleKind = { kind: 'required' };
  else if (values.scheduleKind === 'ongoing') schedule = { kind: 'ongoing' };
  else if (values.scheduleKind !== 'range') problems.scheduleKind = { kind: 'invalid_choice' };
  else {
    const { scheduleFrom: from, scheduleTo: to } = values;
    if (!from) problems.scheduleFrom = { kind: 'required' };
    else if (!isIsoDate(from)) problems.scheduleFrom = { kind: 'invalid_date' };
    if (!to) problems.scheduleTo = { kind: 'required' };
    else if (!isIsoDate(to)) problems.scheduleTo = { kind: 'invalid_date' };
    else if (isIsoDate(from) && to < from) problems.scheduleTo = { kind: 'ends_before_start' };
    if (!problems.scheduleFrom && !problems.scheduleTo) schedule = { kind: 'range', from, to };
  }

  if (Object.keys(problems).length > 0 || !schedule) return { ok: false, problems };
  return { ok: true, draft: { title, category, responsibleRole: role, responsibleUserIds: users.ids, schedule } };
}

/** The registry card's values for an existing activity, to edit it. */
export function activityValuesOf(activity: Activity): ActivityValues {
  return {
    title: activity.title,
    category: activity.category,
    responsibleRole: activity.responsible.role,
    responsibleUsers: activity.responsible.users.map((user) => user.aadObjectId).join(','),
    scheduleKind: activity.schedule.kind,
    scheduleFrom: activity.schedule.kind === 'range' ? activity.schedule.from : '',
    scheduleTo: activity.schedule.kind === 'range' ? activity.schedule.to : '',
  };
}

/** The plan's order: by category as the plan has them, then by place in the table. */
export function planOrder(a: Activity, b: Activity): number {
  return ACTIVITY_CATEGORIES.indexOf(a.category) - ACTIVITY_CATEGORIES.indexOf(b.category) || a.position - b.position || a.title.localeCompare(b.title, 'sv');
}

/** Whether the activity was part of the plan during `year`: registered by its end and not retired before it began. */
export function inPlanDuring(activity: Activity, year: number): boolean {
  if (activity.registeredOn > `${year}-12-31`) return false;
  return !activity.retired || (activity.retiredOn ?? '') >= `${year}-01-01`;
}
