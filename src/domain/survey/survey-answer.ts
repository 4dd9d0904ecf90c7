/**
 * Survey answers: from raw card values to a typed answer, and from an answer to the record that
 * is stored. Mirrors concern-form.ts: values are kept verbatim so a refused card comes back with
 * everything in place, and every problem is reported at once.
 *
 * Anonymity by construction (SPEC §2): the stored record's type has no field that could hold a
 * user id, a name or a conversation id, and `buildAnswerRecord` copies the known fields one by
 * one, so an extra property smuggled in at run time is not stored either. It carries no date at
 * all, not even a day: set beside the reminder records (who was reminded on which day), a day
 * narrows an answer down to the few people who answered between two reminders. The round is the
 * finest time an answer has.
 */
import { ENVIRONMENTS, EVENT_TYPES, YES_NO_NOT_APPLICABLE } from '../concern/concern-options';
import type { Environment, EventType, YesNoNotApplicable } from '../concern/concern-options';
import { formValuesSchema } from '../form-values';
import { identifyingKinds, type IdentifyingKind } from '../identifying-data';
import {
  COMMENT_MAX_LENGTH,
  FREQUENCIES,
  LIKERT_VALUES,
  SURVEY_FIELDS,
  TRAINING_NEEDS,
  YES_NO,
  YES_NO_UNSURE,
  type Frequency,
  type LikertValue,
  type SurveyField,
  type TrainingNeed,
  type YesNo,
  type YesNoUnsure,
} from './survey-questions';

export type SurveyValues = Record<SurveyField, string>;

/** A valid answer. The three `q_observed`-dependent questions are absent when `q_observed = no`. */
export interface SurveyAnswer {
  q_unit: string;
  q_observed: YesNo;
  q_types?: EventType[];
  q_frequency?: Frequency;
  q_environment?: Environment[];
  q_met_sympathiser: YesNoUnsure;
  q_threatened: YesNo;
  q_reported_police: YesNoNotApplicable;
  q_problem: LikertValue;
  q_knows_routine: YesNo;
  q_knows_coordinator: YesNo;
  q_training_done: YesNo;
  q_training_need: TrainingNeed[];
  q_comment?: string;
}

/** What is stored: the round and the answer. Nothing else, no date either. */
export interface SurveyAnswerRecord {
  roundId: string;
  answer: SurveyAnswer;
}

export type SurveyProblem =
  | { kind: 'required' }
  | { kind: 'invalid_choice' }
  /** `none` combined with another option of `q_training_need`. */
  | { kind: 'exclusive_choice'; option: 'none' }
  /** `q_frequency = 0` although `q_observed = yes`. */
  | { kind: 'inconsistent' }
  | { kind: 'too_long'; max: number }
  | { kind: 'identifying_data'; found: IdentifyingKind[] };

export type SurveyProblems = Partial<Record<SurveyField, SurveyProblem>>;

export type SurveyValidation = { ok: true; answer: SurveyAnswer } | { ok: false; problems: SurveyProblems };

/** The survey card's answers, as sent: one string per question (multi-selects comma-separated). */
export const surveyValuesSchema = formValuesSchema(SURVEY_FIELDS);

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Applies the rules listed in survey-questions.ts. `unitIds` are the allowed `q_unit` values
 * (district config). Identifying data in the comment is found before anything could be stored.
 */
export function validateSurveyAnswer(values: SurveyValues, choices: { unitIds: readonly string[] }): SurveyValidation {
  const problems: SurveyProblems = {};

  const single = <T extends string>(field: SurveyField, allowed: readonly T[], required = true): T | undefined => {
    const value = values[field].trim();
    if (!value) {
      if (required) problems[field] = { kind: 'required' };
      return undefined;
    }
    const chosen = oneOf(value, allowed);
    if (!chosen) problems[field] = { kind: 'invalid_choice' };
    return chosen;
  };
  /** Multi-select: deduplicated and in the option order, so the click order is not kept. */
  const multi = <T extends string>(field: SurveyField, allowed: readonly T[], required = true): T[] | undefined => {
    const parts = values[field].split(',').map((part) => part.trim()).filter((part) => part.length > 0);
    if (parts.length === 0) {
      if (required) problems[field] = { kind: 'required' };
      return undefined;
    }
    if (parts.some((part) => !oneOf(part, allowed))) {
      problems[field] = { kind: 'invalid_choice' };
      return undefined;
    }
    return allowed.filter((option) => parts.includes(option));
  };

  const unit = single('q_unit', choices.unitIds);
  const observed = single('q_observed', YES_NO);
  // Asked only after "yes"; after "no" (or no valid answer) the card's values for them are not stored.
  const asked = observed === 'yes';
  const types = asked ? multi('q_types', EVENT_TYPES) : undefined;
  const frequency = asked ? single('q_frequency', FREQUENCIES) : undefined;
  if (frequency === '0') problems.q_frequency = { kind: 'inconsistent' };
  const environments = asked ? multi('q_environment', ENVIRONMENTS) : undefined;
  const metSympathiser = single('q_met_sympathiser', YES_NO_UNSURE);
  const threatened = single('q_threatened', YES_NO);
  const reportedPolice = single('q_reported_police', YES_NO_NOT_APPLICABLE);
  const problem = single('q_problem', LIKERT_VALUES);
  const knowsRoutine = single('q_knows_routine', YES_NO);
  const knowsCoordinator = single('q_knows_coordinator', YES_NO);
  const trainingDone = single('q_training_done', YES_NO);
  const trainingNeed = multi('q_training_need', TRAINING_NEEDS);
  if (trainingNeed && trainingNeed.includes('none') && trainingNeed.length > 1)
    problems.q_training_need = { kind: 'exclusive_choice', option: 'none' };

  const comment = values.q_comment.trim();
  if (comment.length > COMMENT_MAX_LENGTH) problems.q_comment = { kind: 'too_long', max: COMMENT_MAX_LENGTH };
  else if (comment) {
    const found = identifyingKinds(comment);
    if (found.length > 0) problems.q_comment = { kind: 'identifying_data', found };
  }

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const answer: SurveyAnswer = {
    q_unit: unit!,
    q_observed: observed!,
    q_met_sympathiser: metSympathiser!,
    q_threatened: threatened!,
    q_reported_police: reportedPolice!,
    q_problem: Number(problem) as LikertValue,
    q_knows_routine: knowsRoutine!,
    q_knows_coordinator: knowsCoordinator!,
    q_training_done: trainingDone!,
    q_training_need: trainingNeed!,
  };
  if (asked) Object.assign(answer, { q_types: types!, q_frequency: frequency!, q_environment: environments! });
  if (comment) answer.q_comment = comment;
  return { ok: true, answer };
}

/** A fresh copy holding only the known questions, whatever else the object carried at run time. */
function copyAnswer(answer: SurveyAnswer): SurveyAnswer {
  const copy: SurveyAnswer = {
    q_unit: answer.q_unit,
    q_observed: answer.q_observed,
    q_met_sympathiser: answer.q_met_sympathiser,
    q_threatened: answer.q_threatened,
    q_reported_police: answer.q_reported_police,
    q_problem: answer.q_problem,
    q_knows_routine: answer.q_knows_routine,
    q_knows_coordinator: answer.q_knows_coordinator,
    q_training_done: answer.q_training_done,
    q_training_need: [...answer.q_training_need],
  };
  if (answer.q_types) copy.q_types = [...answer.q_types];
  if (answer.q_frequency) copy.q_frequency = answer.q_frequency;
  if (answer.q_environment) copy.q_environment = [...answer.q_environment];
  if (answer.q_comment) copy.q_comment = answer.q_comment;
  return copy;
}

/** The record to store: the round and a copy of the known questions only. */
export function buildAnswerRecord(roundId: string, answer: SurveyAnswer): SurveyAnswerRecord {
  return { roundId, answer: copyAnswer(answer) };
}
