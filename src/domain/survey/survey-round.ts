/**
 * Survey rounds (SPEC §2): a coordinator creates a round, starts it, and may close it early.
 * Dates are Stockholm calendar dates `YYYY-MM-DD`; `closesOn` is the last day answers are taken.
 * The round's status on a day is derived from its state and dates, so a round nobody closed still
 * counts as closed after its close date (the card then answers "Enkäten är stängd").
 */
import { formValuesSchema } from '../form-values';
import { isIsoDate } from '../stockholm-time';
import { addDays } from '../calendar/working-days';
import type { CompletionTable } from './completion';
import { rangesOverlap } from './dates';
import type { UnreadTeam } from './round-start';

export type RoundState = 'draft' | 'open' | 'closed';
export type RoundStatus = 'not_started' | 'open' | 'closed';

export interface SurveyRound {
  id: string;
  year: number;
  opensOn: string;
  closesOn: string;
  targetUnitIds: string[];
  reminderDaysBeforeClose: number[];
  state: RoundState;
  closedEarlyOn?: string;
  /**
   * Completion per unit as it stood when the invitations (which name each recipient) were
   * deleted after close; the figures are kept, the people are not.
   */
  completion?: CompletionTable;
  /**
   * Teams whose members could not be read when the round was started anyway: nobody in them got
   * the survey, so status and digest say so instead of showing a unit as merely quiet.
   */
  notReached?: UnreadTeam[];
}

/** The last day answers were taken. */
export function effectiveCloseDate(round: SurveyRound): string {
  return round.closedEarlyOn ?? round.closesOn;
}

export const DEFAULT_REMINDER_DAYS: readonly number[] = [7, 2];

export const ROUND_FIELDS = ['year', 'opensOn', 'closesOn', 'targetUnitIds', 'reminderDaysBeforeClose'] as const;
export type RoundField = (typeof ROUND_FIELDS)[number];
/** What the admin card sent: strings; units comma-separated (a multi ChoiceSet), days "7, 2". */
export type NewRoundValues = Record<RoundField, string>;

export type RoundProblem =
  | { kind: 'required' }
  | { kind: 'invalid_year' }
  | { kind: 'invalid_date' }
  | { kind: 'opens_in_past' }
  | { kind: 'closes_before_opens' }
  | { kind: 'no_target_units' }
  | { kind: 'unknown_units'; unitIds: string[] }
  | { kind: 'invalid_reminder_days' }
  | { kind: 'duplicate_reminder_days' }
  /** A reminder that would fall on or before the open day, when nobody has had the card long. */
  | { kind: 'reminder_before_open'; days: number[] }
  /** Problems with other rounds, named by their dates; reported under the key `round`. */
  | { kind: 'overlaps_round'; roundId: string; opensOn: string; closesOn: string }
  | { kind: 'another_round_open'; roundId: string; opensOn: string; closesOn: string };

export type RoundProblems = Partial<Record<RoundField | 'round', RoundProblem>>;

export type NewRoundDraft = Omit<SurveyRound, 'id' | 'state' | 'closedEarlyOn'>;

export type NewRoundValidation = { ok: true; draft: NewRoundDraft } | { ok: false; problems: RoundProblems };

export interface RoundContext {
  /** The district's unit ids (district config). */
  unitIds: readonly string[];
  existingRounds: readonly SurveyRound[];
  today: string;
}

/** The admin card's round form, as sent. */
export const newRoundSchema = formValuesSchema(ROUND_FIELDS);

function list(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export function roundStatusOn(round: SurveyRound, today: string): RoundStatus {
  if (round.state === 'closed' || today > round.closesOn) return 'closed';
  if (round.state === 'draft' || today < round.opensOn) return 'not_started';
  return 'open';
}

export function canAnswer(round: SurveyRound, today: string): boolean {
  return roundStatusOn(round, today) === 'open';
}

/** Started and not over: "only one open round at a time" counts a started round that has not opened yet too. */
function isLive(round: SurveyRound, today: string): boolean {
  return round.state === 'open' && roundStatusOn(round, today) !== 'closed';
}

/**
 * Checks a new round. Other rounds matter while they are not closed (by state or by date):
 * a new round may not share a day with them; if the one it collides with is already started
 * the problem is `another_round_open` (only one open round at a time), otherwise `overlaps_round`.
 */
export function validateNewRound(values: NewRoundValues, context: RoundContext): NewRoundValidation {
  const problems: RoundProblems = {};
  const { today } = context;

  const yearText = values.year.trim();
  const year = Number(yearText);
  if (!yearText) problems.year = { kind: 'required' };
  else if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) problems.year = { kind: 'invalid_year' };

  const date = (field: 'opensOn' | 'closesOn'): string | undefined => {
    const value = values[field].trim();
    if (!value) problems[field] = { kind: 'required' };
    else if (!isIsoDate(value)) problems[field] = { kind: 'invalid_date' };
    else return value;
    return undefined;
  };
  const opensOn = date('opensOn');
  const closesOn = date('closesOn');
  if (opensOn && opensOn < today) problems.opensOn = { kind: 'opens_in_past' };
  if (opensOn && closesOn && closesOn < opensOn) problems.closesOn = { kind: 'closes_before_opens' };

  const targetUnitIds = [...new Set(list(values.targetUnitIds))];
  const unknown = targetUnitIds.filter((unitId) => !context.unitIds.includes(unitId));
  if (targetUnitIds.length === 0) problems.targetUnitIds = { kind: 'no_target_units' };
  else if (unknown.length > 0) problems.targetUnitIds = { kind: 'unknown_units', unitIds: unknown };

  const dayTexts = list(values.reminderDaysBeforeClose);
  const reminderDays = dayTexts.length === 0 ? [...DEFAULT_REMINDER_DAYS] : dayTexts.map(Number);
  if (dayTexts.some((text) => !/^\d{1,3}$/.test(text)) || reminderDays.some((day) => day < 1))
    problems.reminderDaysBeforeClose = { kind: 'invalid_reminder_days' };
  else if (new Set(reminderDays).size !== reminderDays.length)
    problems.reminderDaysBeforeClose = { kind: 'duplicate_reminder_days' };
  else if (opensOn && closesOn && !problems.closesOn) {
    const early = reminderDays.filter((day) => addDays(closesOn, -day) <= opensOn);
    if (early.length > 0) problems.reminderDaysBeforeClose = { kind: 'reminder_before_open', days: early };
  }

  if (opensOn && closesOn && !problems.closesOn) {
    const clash = context.existingRounds.find(
      (other) =>
        roundStatusOn(other, today) !== 'closed' &&
        rangesOverlap({ from: opensOn, to: closesOn }, { from: other.opensOn, to: other.closesOn }),
    );
    if (clash)
      problems.round = {
        kind: isLive(clash, today) ? 'another_round_open' : 'overlaps_round',
        roundId: clash.id,
        opensOn: clash.opensOn,
        closesOn: clash.closesOn,
      };
  }

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    draft: {
      year,
      opensOn: opensOn!,
      closesOn: closesOn!,
      targetUnitIds,
      reminderDaysBeforeClose: [...reminderDays].sort((a, b) => b - a),
    },
  };
}

/** A validated draft becomes a round; the caller supplies the id (the domain draws no randomness). */
export function createRound(id: string, draft: NewRoundDraft): SurveyRound {
  const { targetUnitIds, reminderDaysBeforeClose } = draft;
  return { ...draft, targetUnitIds: [...targetUnitIds], reminderDaysBeforeClose: [...reminderDaysBeforeClose], id, state: 'draft' };
}

/**
 * Why a round can no longer be edited or deleted: once started, people have the card, and a
 * closed round's figures belong to the district's lägesbild.
 */
export type DraftProblem = 'round_started' | 'round_closed';

/** Only drafts change; a draft whose dates have passed is still a draft (and may be fixed or deleted). */
export function draftProblem(round: SurveyRound, today: string): DraftProblem | undefined {
  if (round.state === 'draft') return undefined;
  return round.state === 'open' && roundStatusOn(round, today) !== 'closed' ? 'round_started' : 'round_closed';
}

export type DraftEdit = { ok: true; round: SurveyRound } | { ok: false; problem: DraftProblem } | { ok: false; problems: RoundProblems };

/** A draft with new values, checked as a new round would be, against every round but itself. */
export function editDraft(round: SurveyRound, values: NewRoundValues, context: RoundContext): DraftEdit {
  const problem = draftProblem(round, context.today);
  if (problem) return { ok: false, problem };
  const others = context.existingRounds.filter((other) => other.id !== round.id);
  const validation = validateNewRound(values, { ...context, existingRounds: others });
  if (!validation.ok) return validation;
  return { ok: true, round: createRound(round.id, validation.draft) };
}

/** The admin form's values for a stored round (the card sends them back as strings). */
export function roundValuesOf(round: SurveyRound): NewRoundValues {
  return {
    year: String(round.year),
    opensOn: round.opensOn,
    closesOn: round.closesOn,
    targetUnitIds: round.targetUnitIds.join(','),
    reminderDaysBeforeClose: round.reminderDaysBeforeClose.join(', '),
  };
}

export type StartProblem = 'not_draft' | 'close_date_passed' | 'another_round_open';
export type CloseProblem = 'not_open' | 'already_closed';
export type RoundChange<P> = { ok: true; round: SurveyRound } | { ok: false; problem: P; roundId?: string };

/**
 * Starts a draft. Invitations go out from `opensOn` (or at once if that day has come); a round
 * started before its open day still blocks a second start — only one open round at a time.
 */
export function startRound(
  round: SurveyRound,
  context: { existingRounds: readonly SurveyRound[]; today: string },
): RoundChange<StartProblem> {
  if (round.state !== 'draft') return { ok: false, problem: 'not_draft' };
  if (context.today > round.closesOn) return { ok: false, problem: 'close_date_passed' };
  const live = context.existingRounds.find((other) => other.id !== round.id && isLive(other, context.today));
  if (live) return { ok: false, problem: 'another_round_open', roundId: live.id };
  return { ok: true, round: { ...round, state: 'open' } };
}

/** Closes a started round before its close date; from `today` on no answers are taken. */
export function closeRound(round: SurveyRound, today: string): RoundChange<CloseProblem> {
  if (round.state === 'draft') return { ok: false, problem: 'not_open' };
  if (roundStatusOn(round, today) === 'closed') return { ok: false, problem: 'already_closed' };
  return { ok: true, round: { ...round, state: 'closed', closedEarlyOn: today } };
}
