/**
 * The forum registry (SPEC §3): a coordinator registers each collaboration forum with its chair,
 * cadence, next meeting and lead time. This module reads and checks the registry card's values;
 * whether the chair is a known user is the service's question (it asks Teams).
 */
import { formNumber, formValuesSchema } from '../form-values';
import { isIsoDate } from '../stockholm-time';
import { CADENCE_KINDS, monthlyRuleOf, type Cadence, type CadenceKind } from './cadence';

export interface ForumChair {
  aadObjectId: string;
  name: string;
  /** The Teams user id (29:…) when known, for creating the 1:1 chat. */
  userId?: string;
}

export interface Forum {
  id: string;
  name: string;
  chair: ForumChair;
  cadence: Cadence;
  /** Meeting time `HH:MM`, Stockholm. */
  time: string;
  /** Working days before the meeting that the chair is nudged (SPEC default 5). */
  leadWorkingDays: number;
  /** The next meeting the bot follows: its date as planned in the series (`YYYY-MM-DD`). */
  nextMeetingOn: string;
  registeredOn: string;
}

export const DEFAULT_LEAD_WORKING_DAYS = 5;
export const MAX_LEAD_WORKING_DAYS = 20;
export const NAME_MAX_LENGTH = 100;

export const FORUM_FIELDS = ['name', 'chair', 'cadence', 'dates', 'nextMeetingOn', 'time', 'leadWorkingDays'] as const;
export type ForumField = (typeof FORUM_FIELDS)[number];
export type ForumValues = Record<ForumField, string>;

export type ForumProblem =
  | { kind: 'required' }
  | { kind: 'too_long'; max: number }
  | { kind: 'invalid_choice' }
  | { kind: 'invalid_date' }
  | { kind: 'in_past' }
  | { kind: 'invalid_time' }
  | { kind: 'invalid_lead'; max: number }
  | { kind: 'unknown_chair' }
  | { kind: 'duplicate_name' };

export type ForumProblems = Partial<Record<ForumField, ForumProblem>>;

/** The registry card's values, trimmed; the lead time may come as a number from an Input.Number. */
export const forumFormSchema = formValuesSchema(FORUM_FIELDS, { special: { leadWorkingDays: formNumber }, trim: true });

/**
 * `chairId` is the person the registry card's people picker gave: an AAD object id (Teams), or a
 * Teams user id (`29:…`, which the Agents Playground's picker sends). The service finds either in
 * the district's team rosters.
 */
export type ForumDraft = Omit<Forum, 'id' | 'chair' | 'registeredOn'> & { chairId: string };

/** The registry card's placeholder choice before a chair is picked (a choice needs a value). */
export const NO_CHAIR = 'none';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A Teams user id: `29:` and an opaque base64url-like token (case matters, so it is kept as typed). */
const TEAMS_USER_ID = /^29:[A-Za-z0-9_-]{1,200}$/;

/** A chair as the people picker names one; GUIDs compare case-insensitively, Teams ids exactly. */
export function chairIdOf(value: string): string | undefined {
  if (GUID.test(value)) return value.toLowerCase();
  return TEAMS_USER_ID.test(value) ? value : undefined;
}

function parseDates(text: string): string[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0 || !parts.every(isIsoDate)) return undefined;
  return [...new Set(parts)].sort();
}

/**
 * Checks a registry form. `otherNames` are the names of the other forums (a name must be unique,
 * case-insensitively, or chairs could not tell two nudges apart).
 */
export function validateForumForm(
  values: ForumValues,
  context: { today: string; otherNames: readonly string[] },
): { ok: true; draft: ForumDraft } | { ok: false; problems: ForumProblems } {
  const problems: ForumProblems = {};
  const name = values.name.replace(/\s+/g, ' ');
  if (!name) problems.name = { kind: 'required' };
  else if (name.length > NAME_MAX_LENGTH) problems.name = { kind: 'too_long', max: NAME_MAX_LENGTH };
  else if (context.otherNames.some((other) => other.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv'))) problems.name = { kind: 'duplicate_name' };

  if (!values.chair || values.chair === NO_CHAIR) problems.chair = { kind: 'required' };
  else if (!chairIdOf(values.chair)) problems.chair = { kind: 'unknown_chair' };

  const kind = values.cadence as CadenceKind;
  if (!values.cadence) problems.cadence = { kind: 'required' };
  else if (!CADENCE_KINDS.includes(kind)) problems.cadence = { kind: 'invalid_choice' };

  let dates: string[] | undefined;
  if (kind === 'dates') {
    dates = parseDates(values.dates);
    if (!values.dates) problems.dates = { kind: 'required' };
    else if (!dates) problems.dates = { kind: 'invalid_date' };
    else if (!dates.some((date) => date >= context.today)) problems.dates = { kind: 'in_past' };
  }

  // With explicit dates the next meeting may be left out: it is the first date still to come.
  let next = values.nextMeetingOn;
  if (!next && kind === 'dates' && dates) next = dates.find((date) => date >= context.today) ?? '';
  if (!next) problems.nextMeetingOn = { kind: 'required' };
  else if (!isIsoDate(next)) problems.nextMeetingOn = { kind: 'invalid_date' };
  else if (next < context.today) problems.nextMeetingOn = { kind: 'in_past' };

  if (!values.time) problems.time = { kind: 'required' };
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time)) problems.time = { kind: 'invalid_time' };

  let lead = DEFAULT_LEAD_WORKING_DAYS;
  if (values.leadWorkingDays) {
    lead = Number(values.leadWorkingDays);
    if (!Number.isInteger(lead) || lead < 1 || lead > MAX_LEAD_WORKING_DAYS) problems.leadWorkingDays = { kind: 'invalid_lead', max: MAX_LEAD_WORKING_DAYS };
  }

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const cadence: Cadence =
    kind === 'monthly'
      ? { kind, ...monthlyRuleOf(next) }
      : kind === 'dates'
        ? { kind, dates: [...new Set([...dates!, next])].sort() }
        : { kind };
  return { ok: true, draft: { name, chairId: chairIdOf(values.chair)!, cadence, time: values.time, leadWorkingDays: lead, nextMeetingOn: next } };
}

/** The registry card's values for an existing forum, to edit it. */
export function forumValuesOf(forum: Forum): ForumValues {
  return {
    name: forum.name,
    chair: forum.chair.aadObjectId,
    cadence: forum.cadence.kind,
    dates: forum.cadence.kind === 'dates' ? forum.cadence.dates.filter((date) => date >= forum.nextMeetingOn).join(', ') : '',
    nextMeetingOn: forum.nextMeetingOn,
    time: forum.time,
    leadWorkingDays: String(forum.leadWorkingDays),
  };
}
