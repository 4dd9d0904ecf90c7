/**
 * Aggregated survey results (SPEC §2), overall and per unit (the unit is the answer's `q_unit`).
 *
 * Privacy rules, all applied here so no view can skip them:
 * - results exist only for a closed round (`resultsAvailable`): figures that change while answers
 *   arrive would reveal each new answer by difference;
 * - a view (a unit, or the total) is shown only with ≥ `minGroupSize` answers, with complementary
 *   suppression so hidden units cannot be recovered as total − shown units (suppression.ts);
 * - free-text comments appear only in views with ≥ `commentMinAnswers` answers, by the same rule
 *   (so total comments − shown units' comments never isolates fewer than that many answers), and
 *   sorted, so their order does not follow the order in which people answered;
 * - `q_unit` is not tallied: the per-unit views are the breakdown, and a tally would print the
 *   answer count of a hidden unit.
 */
import type { SurveyAnswer } from './survey-answer';
import { surveyQuestions, type QuestionKind, type SurveyField } from './survey-questions';
import { roundStatusOn, type SurveyRound } from './survey-round';
import { suppressSmallGroups, type HiddenReason } from './suppression';

/** SPEC `MIN_GROUP_SIZE`. */
export const MIN_GROUP_SIZE = 5;
export const COMMENT_MIN_ANSWERS = 10;

export interface QuestionTally {
  questionId: SurveyField;
  kind: Exclude<QuestionKind, 'text'>;
  /** Answers that answered this question (the `q_observed`-dependent ones: the "yes" answers). */
  respondents: number;
  /** Every option in card order, zeros included; a multi-select counts each chosen option. */
  counts: Array<{ value: string; count: number }>;
  /** Likert only: the mean of 1..5, null for other kinds or nobody answering. */
  mean: number | null;
}

export interface ResultsView {
  /** null for the total over all units. */
  unitId: string | null;
  answerCount: number;
  questions: QuestionTally[];
  /** null when withheld (fewer than `commentMinAnswers` answers in this view, or complementary). */
  comments: string[] | null;
}

export interface SurveyResults {
  minGroupSize: number;
  /** null when the whole round has fewer than `minGroupSize` answers. */
  total: ResultsView | null;
  /** Shown units only, in the order of `unitIds`. */
  units: ResultsView[];
  hiddenUnits: Array<{ unitId: string; reason: HiddenReason }>;
}

export interface ResultsOptions {
  /** The district's units in config order; `q_unit` values not among them are added after. */
  unitIds: readonly string[];
  minGroupSize?: number;
  commentMinAnswers?: number;
}

export function resultsAvailable(round: SurveyRound, today: string): boolean {
  return roundStatusOn(round, today) === 'closed';
}

function valuesOf(answer: SurveyAnswer, questionId: SurveyField): string[] {
  const value = answer[questionId];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}

function tally(answers: readonly SurveyAnswer[], questionId: SurveyField, kind: QuestionTally['kind'], options: readonly string[]): QuestionTally {
  const counts = new Map<string, number>(options.map((option) => [option, 0]));
  let respondents = 0;
  for (const answer of answers) {
    const values = valuesOf(answer, questionId);
    if (values.length > 0) respondents += 1;
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const entries = [...counts.entries()].map(([value, count]) => ({ value, count }));
  const mean =
    kind === 'likert' && respondents > 0
      ? entries.reduce((sum, { value, count }) => sum + Number(value) * count, 0) / respondents
      : null;
  return { questionId, kind, respondents, counts: entries, mean };
}

function view(unitId: string | null, answers: readonly SurveyAnswer[], unitIds: readonly string[], showComments: boolean): ResultsView {
  const questions = surveyQuestions(unitIds)
    .filter((question) => question.id !== 'q_unit')
    .flatMap(({ id, kind, options }) => (kind === 'text' ? [] : [tally(answers, id, kind, options)]));
  const comments = showComments
    ? answers.flatMap((answer) => (answer.q_comment ? [answer.q_comment] : [])).sort((a, b) => a.localeCompare(b, 'sv'))
    : null;
  return { unitId, answerCount: answers.length, questions, comments };
}

export function aggregateResults(answers: readonly SurveyAnswer[], options: ResultsOptions): SurveyResults {
  const minGroupSize = options.minGroupSize ?? MIN_GROUP_SIZE;
  const commentMinAnswers = options.commentMinAnswers ?? COMMENT_MIN_ANSWERS;
  const byUnit = new Map<string, SurveyAnswer[]>(options.unitIds.map((unitId) => [unitId, []]));
  for (const answer of answers) {
    const unitAnswers = byUnit.get(answer.q_unit) ?? [];
    unitAnswers.push(answer);
    byUnit.set(answer.q_unit, unitAnswers);
  }
  const groups = [...byUnit.entries()].map(([unitId, unitAnswers]) => ({ unitId, count: unitAnswers.length }));

  const hidden = suppressSmallGroups(groups, minGroupSize);
  const commentsHidden = suppressSmallGroups(groups, commentMinAnswers, new Set(hidden.keys()));
  const allUnitIds = [...byUnit.keys()];
  const units = [...byUnit.entries()]
    .filter(([unitId]) => !hidden.has(unitId))
    .map(([unitId, unitAnswers]) => view(unitId, unitAnswers, allUnitIds, !commentsHidden.has(unitId)));
  return {
    minGroupSize,
    total: answers.length >= minGroupSize ? view(null, answers, allUnitIds, answers.length >= commentMinAnswers) : null,
    units,
    hiddenUnits: [...hidden.entries()].map(([unitId, reason]) => ({ unitId, reason })),
  };
}

export { resultsToCsv } from './results-csv';
