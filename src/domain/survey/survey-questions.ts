/**
 * The established questions of the annual staff survey (SPEC §2), with the values the card may
 * send. Labels live in the i18n tables, keyed by these values.
 *
 * Which questions are required (decided here, SPEC is silent):
 * - every single-choice question and the Likert question: always required;
 * - `q_types`, `q_frequency`, `q_environment`: required only when `q_observed = yes`; when
 *   `q_observed = no` they are not asked and whatever the card sent for them is dropped
 *   (one card cannot hide them conditionally); `q_observed = yes` with `q_frequency = 0`
 *   contradicts itself and is refused;
 * - `q_training_need`: required, at least one option; `none` cannot be combined with others;
 * - `q_comment`: optional free text, at most 1000 characters, identifying data refused.
 */
import { ENVIRONMENTS, EVENT_TYPES, YES_NO_NOT_APPLICABLE } from '../concern/concern-options';

export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];

export const YES_NO_UNSURE = ['yes', 'no', 'unsure'] as const;
export type YesNoUnsure = (typeof YES_NO_UNSURE)[number];

export const FREQUENCIES = ['0', '1-2', '3-5', '>5'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** "VBE är ett problem i stadsdelen", 1 = instämmer inte alls … 5 = instämmer helt. */
export const LIKERT_VALUES = ['1', '2', '3', '4', '5'] as const;
export type LikertValue = 1 | 2 | 3 | 4 | 5;

export const TRAINING_NEEDS = ['symbols', 'online', 'dialogue', 'legal', 'none'] as const;
export type TrainingNeed = (typeof TRAINING_NEEDS)[number];

export const COMMENT_MAX_LENGTH = 1000;

/** Input ids of the survey card, in the order the card shows them. */
export const SURVEY_FIELDS = [
  'q_unit',
  'q_observed',
  'q_types',
  'q_frequency',
  'q_environment',
  'q_met_sympathiser',
  'q_threatened',
  'q_reported_police',
  'q_problem',
  'q_knows_routine',
  'q_knows_coordinator',
  'q_training_done',
  'q_training_need',
  'q_comment',
] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];

export type QuestionKind = 'single' | 'multi' | 'likert' | 'text';
export type Requirement = 'required' | 'required_if_observed' | 'optional';

export interface SurveyQuestion {
  id: SurveyField;
  kind: QuestionKind;
  /** The values the card may send; empty for free text. */
  options: readonly string[];
  requirement: Requirement;
}

/** The question table; `unitIds` are the district's units (district config), the choices of `q_unit`. */
export function surveyQuestions(unitIds: readonly string[]): SurveyQuestion[] {
  const q = (id: SurveyField, kind: QuestionKind, options: readonly string[], requirement: Requirement = 'required') => ({
    id,
    kind,
    options,
    requirement,
  });
  return [
    q('q_unit', 'single', unitIds),
    q('q_observed', 'single', YES_NO),
    q('q_types', 'multi', EVENT_TYPES, 'required_if_observed'),
    q('q_frequency', 'single', FREQUENCIES, 'required_if_observed'),
    q('q_environment', 'multi', ENVIRONMENTS, 'required_if_observed'),
    q('q_met_sympathiser', 'single', YES_NO_UNSURE),
    q('q_threatened', 'single', YES_NO),
    q('q_reported_police', 'single', YES_NO_NOT_APPLICABLE),
    q('q_problem', 'likert', LIKERT_VALUES),
    q('q_knows_routine', 'single', YES_NO),
    q('q_knows_coordinator', 'single', YES_NO),
    q('q_training_done', 'single', YES_NO),
    q('q_training_need', 'multi', TRAINING_NEEDS),
    q('q_comment', 'text', [], 'optional'),
  ];
}
