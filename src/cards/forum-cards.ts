import type { Strings } from '../domain/i18n';
import type { Cadence } from '../domain/forum/cadence';
import { CADENCE_KINDS } from '../domain/forum/cadence';
import { FORUM_FIELDS, NO_CHAIR, type Forum, type ForumProblem, type ForumProblems, type ForumValues } from '../domain/forum/forum';
import type { ChairActionProblem, FollowupProblem, ForumMeeting, FreeTextProblem } from '../domain/forum/meeting';
import { commonProblemText, isCommonFieldProblem } from './problem-text';
import { renderCard, type AdaptiveCardJson } from './render-card';

/** "tisdag 11 maj 2027 kl. 09:00" / "Tuesday 11 May 2027 at 09:00". */
export function meetingWhen(t: Strings, date: string, time?: string): string {
  const locale = t.language === 'sv' ? 'sv-SE' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  if (!time) return day;
  return t.language === 'sv' ? `${day} kl. ${time}` : `${day} at ${time}`;
}

export function cadenceText(t: Strings, cadence: Cadence): string {
  const f = t.forum;
  if (cadence.kind === 'monthly') return f.monthlyRule(f.nth[String(cadence.nth) as keyof typeof f.nth], f.weekdays[cadence.weekday - 1] ?? '');
  if (cadence.kind === 'dates') return `${f.cadences.dates}: ${cadence.dates.join(', ')}`;
  return f.cadences[cadence.kind];
}

function forumProblemText(t: Strings, problem: ForumProblem): string {
  if (isCommonFieldProblem(problem)) return commonProblemText(t, problem);
  switch (problem.kind) {
    case 'invalid_lead':
      return t.forum.problems.invalid_lead(problem.max);
    default:
      return t.forum.problems[problem.kind];
  }
}

/** The coordinators' registry: the forums with edit and remove, and the form to add or edit one. */
export function forumRegistryCard(input: {
  t: Strings;
  forums: readonly Forum[];
  message?: string;
  /** The forum being edited; the form adds a new one without it. */
  editing?: Forum;
  values?: Partial<ForumValues>;
  problems?: ForumProblems;
  /** The chair already chosen, so the picker shows a name and not an id. */
  chair?: { aadObjectId: string; name: string };
}): AdaptiveCardJson {
  const { t } = input;
  const f = t.forum.registry;
  const hasProblems = Object.keys(input.problems ?? {}).length > 0;
  const chair = input.chair ?? input.editing?.chair;
  return renderCard('forum-registry', {
    t: f,
    message: hasProblems ? f.hasErrors : input.message ?? '',
    messageColor: hasProblems ? 'Attention' : 'Good',
    forums: input.forums.map((forum) => ({
      id: forum.id,
      name: forum.name,
      details: f.details(forum.chair.name, cadenceText(t, forum.cadence), meetingWhen(t, forum.nextMeetingOn, forum.time), forum.leadWorkingDays),
      removeQuestion: f.removeQuestion(forum.name),
      removeConfirm: f.removeConfirm(forum.name),
    })),
    formTitle: input.editing ? `${f.editTitle}: ${input.editing.name}` : f.add,
    forumId: input.editing?.id ?? '',
    values: { name: '', chair: '', cadence: '', dates: '', nextMeetingOn: '', time: '', leadWorkingDays: '5', ...input.values },
    // The picker searches the organisation as the coordinator types; a card needs one choice to be valid.
    chairChoices: chair ? [{ title: chair.name, value: chair.aadObjectId }] : [{ title: f.chairSearch, value: NO_CHAIR }],
    cadences: CADENCE_KINDS.map((kind) => ({ title: t.forum.cadences[kind], value: kind })),
    problems: Object.fromEntries(FORUM_FIELDS.map((field) => [field, input.problems?.[field] ? forumProblemText(t, input.problems[field]!) : ''])),
  });
}

export function chairProblemText(t: Strings, problem: ChairActionProblem | FollowupProblem | 'not_found' | 'not_chair' | 'old_nudge'): string {
  return t.forum.refusals[problem];
}

export function freeTextProblemText(t: Strings, problem: FreeTextProblem): string {
  return problem.kind === 'too_long'
    ? t.problems.too_long(problem.max)
    : t.problems.identifying_data(problem.found.map((kind) => t.identifyingKinds[kind]).join(', '));
}

/** The nudge (and the one reminder) to a forum's chair. */
export function forumNudgeCard(input: {
  t: Strings;
  forum: Forum;
  meeting: ForumMeeting;
  reminder: boolean;
  figures: { lastMonth: number; year: number };
  values?: { reason?: string; newDate?: string; newTime?: string };
  problem?: string;
}): AdaptiveCardJson {
  const { t, forum, meeting } = input;
  const n = t.forum.nudge;
  const when = meetingWhen(t, meeting.date, meeting.time);
  return renderCard('forum-nudge', {
    t: n,
    title: input.reminder ? n.reminderTitle(forum.name, when) : n.title(forum.name, when),
    figures: n.figures(input.figures.lastMonth, input.figures.year),
    forumId: forum.id,
    plannedOn: meeting.plannedOn,
    reasonRequired: t.forum.refusals.reason_required,
    values: { reason: '', newDate: '', newTime: meeting.time, ...input.values },
    problem: input.problem ? [input.problem, keptUnderText(n, input.values)].filter(Boolean).join(' ') : '',
  });
}

/**
 * A refused answer comes back with the form folded away (a ShowCard opens only when pressed), so
 * the card says which button holds what the chair typed.
 */
function keptUnderText(n: Strings['forum']['nudge'], values: { reason?: string; newDate?: string } | undefined): string {
  if (values?.reason) return n.keptUnder(n.skip);
  if (values?.newDate) return n.keptUnder(n.move);
  return '';
}

/** The follow-up the working day after a meeting. */
export function forumFollowupCard(input: {
  t: Strings;
  forum: Forum;
  meeting: ForumMeeting;
  values?: { discussed?: string; note?: string };
  problem?: string;
}): AdaptiveCardJson {
  const { t, forum, meeting } = input;
  return renderCard('forum-followup', {
    t: t.forum.followup,
    title: t.forum.followup.title(forum.name, meetingWhen(t, meeting.date)),
    yes: t.common.yes,
    no: t.common.no,
    discussedRequired: t.forum.refusals.discussed_required,
    forumId: forum.id,
    plannedOn: meeting.plannedOn,
    values: { discussed: '', note: '', ...input.values },
    problem: input.problem ?? '',
  });
}

/** A chair's follow-up as the coordinators see it in their channel. */
export function forumFollowupPostCard(t: Strings, forum: Forum, meeting: ForumMeeting): AdaptiveCardJson {
  const fu = t.forum.followup;
  return renderCard('forum-followup-post', {
    title: fu.channelTitle(forum.name, meetingWhen(t, meeting.date)),
    discussed: fu.channelDiscussed(meeting.followup.discussed === 'yes' ? t.common.yes : t.common.no),
    note: meeting.followup.note ?? fu.channelNoNote,
  });
}
