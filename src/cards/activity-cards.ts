import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_FIELDS,
  NO_USER,
  type Activity,
  type ActivityProblem,
  type ActivityProblems,
  type ActivitySchedule,
  type ActivityValues,
  type ResponsibleUser,
} from '../domain/activity/activity';
import { FOLLOW_UP_FIELDS, FOLLOW_UP_STATUSES, type ActivityFollowUp, type FollowUpCompletion, type FollowUpProblem, type FollowUpProblems, type FollowUpValues } from '../domain/activity/follow-up';
import type { Strings } from '../domain/i18n';
import { stockholmDate } from '../domain/stockholm-time';
import { freeTextProblemText } from './forum-cards';
import { commonProblemText, isCommonFieldProblem } from './problem-text';
import { renderCard, type AdaptiveCardJson } from './render-card';

/** "2 november 2026" / "2 November 2026". */
export function dayText(t: Strings, date: string): string {
  const locale = t.language === 'sv' ? 'sv-SE' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export function scheduleText(t: Strings, schedule: ActivitySchedule): string {
  return schedule.kind === 'ongoing' ? t.activity.schedules.ongoing : t.activity.schedules.between(schedule.from, schedule.to);
}

export function activityDetails(t: Strings, activity: Activity): string {
  return t.activity.registry.details(t.activity.categories[activity.category], activity.responsible.role, scheduleText(t, activity.schedule));
}

function activityProblemText(t: Strings, problem: ActivityProblem): string {
  if (isCommonFieldProblem(problem)) return commonProblemText(t, problem);
  switch (problem.kind) {
    case 'too_many_users':
      return t.activity.problems.too_many_users(problem.max);
    default:
      return t.activity.problems[problem.kind];
  }
}

function followUpProblemText(t: Strings, problem: FollowUpProblem): string {
  if (problem.kind === 'required') return t.activity.followUp.statusRequired;
  if (problem.kind === 'invalid_choice') return t.problems.invalid_choice;
  return freeTextProblemText(t, problem);
}

/** The coordinators' list of the plan's activities with this year's follow-up, and the form to add or edit one. */
export function activityRegistryCard(input: {
  t: Strings;
  activities: readonly Activity[];
  year: number;
  /** The day this year's cards go out, and whether that day has come. */
  dueOn: string;
  sent: boolean;
  completion: ReadonlyMap<string, FollowUpCompletion>;
  answers: ReadonlyMap<string, ActivityFollowUp>;
  message?: string;
  /** The activity being edited; the form adds a new one without it. */
  editing?: Activity;
  values?: Partial<ActivityValues>;
  problems?: ActivityProblems;
  /** The people already chosen, so the picker shows names and not ids. */
  users?: readonly ResponsibleUser[];
}): AdaptiveCardJson {
  const { t } = input;
  const r = t.activity.registry;
  const hasProblems = Object.keys(input.problems ?? {}).length > 0;
  const current = input.activities.filter((activity) => !activity.retired);
  const answered = current.filter((activity) => input.answers.has(activity.id)).length;
  const users = input.users ?? input.editing?.responsible.users ?? [];
  return renderCard('activity-registry', {
    t: r,
    message: hasProblems ? r.hasErrors : input.message ?? '',
    messageColor: hasProblems ? 'Attention' : 'Good',
    summary: (input.sent ? r.summarySent : r.summary)(input.year, answered, current.length, dayText(t, input.dueOn)),
    activities: current.map((activity) => {
      const answer = input.answers.get(activity.id);
      const asked = input.completion.get(activity.id)?.asked ?? 0;
      return {
        id: activity.id,
        title: activity.title,
        details: activityDetails(t, activity),
        users: activity.responsible.users.length > 0 ? r.users(activity.responsible.users.map((user) => user.name).join(', ')) : r.noUsers,
        completion: answer
          ? r.answeredLine(input.year, t.activity.statuses[answer.status], dayText(t, stockholmDate(new Date(answer.answeredAt))), asked)
          : r.unansweredLine(input.year, asked),
        completionColor: answer ? 'Good' : 'Default',
      };
    }),
    retiredActivities: input.activities
      .filter((activity) => activity.retired)
      .map((activity) => ({ text: `${activity.title} (${r.retiredOn(dayText(t, activity.retiredOn ?? activity.registeredOn))})` })),
    formTitle: input.editing ? r.editTitle : r.add,
    activityId: input.editing?.id ?? '',
    values: { title: '', category: '', responsibleRole: '', responsibleUsers: '', scheduleKind: 'ongoing', scheduleFrom: '', scheduleTo: '', ...input.values },
    // The picker searches the organisation as the coordinator types; a card needs one choice to be valid.
    userChoices: users.length > 0 ? users.map((user) => ({ title: user.name, value: user.aadObjectId })) : [{ title: r.usersSearch, value: NO_USER }],
    categories: ACTIVITY_CATEGORIES.map((category) => ({ title: t.activity.categories[category], value: category })),
    scheduleKinds: (['ongoing', 'range'] as const).map((kind) => ({ title: t.activity.schedules[kind], value: kind })),
    problems: Object.fromEntries(ACTIVITY_FIELDS.map((field) => [field, input.problems?.[field] ? activityProblemText(t, input.problems[field]!) : ''])),
  });
}

/** The yearly follow-up of one activity: to each responsible person, and on demand from the list. */
export function activityFollowUpCard(input: {
  t: Strings;
  activity: Activity;
  year: number;
  reminder?: boolean;
  /** The answer standing now, shown and filled in. */
  answer?: ActivityFollowUp;
  values?: Partial<FollowUpValues>;
  problems?: FollowUpProblems;
}): AdaptiveCardJson {
  const { t, activity, answer } = input;
  const f = t.activity.followUp;
  const hasProblems = Object.keys(input.problems ?? {}).length > 0;
  const answered = answer ? { status: answer.status, whatWasDone: answer.whatWasDone, nextYear: answer.nextYear } : {};
  return renderCard('activity-followup', {
    t: f,
    title: input.reminder ? f.reminderTitle(input.year) : f.title(input.year),
    message: hasProblems ? f.hasErrors : '',
    activityTitle: activity.title,
    details: activityDetails(t, activity),
    lastAnswer: answer ? f.lastAnswer(dayText(t, stockholmDate(new Date(answer.answeredAt))), answer.answeredBy.name) : '',
    statuses: FOLLOW_UP_STATUSES.map((status) => ({ title: t.activity.statuses[status], value: status })),
    values: { status: '', whatWasDone: '', nextYear: '', ...answered, ...input.values },
    problems: Object.fromEntries(FOLLOW_UP_FIELDS.map((field) => [field, input.problems?.[field] ? followUpProblemText(t, input.problems[field]!) : ''])),
    activityId: activity.id,
    year: String(input.year),
  });
}
