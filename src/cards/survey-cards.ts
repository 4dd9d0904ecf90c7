import type { DistrictConfig } from '../config/district';
import type { Language, Strings } from '../domain/i18n';
import type { CompletionTable } from '../domain/survey/completion';
import { COMMENT_MIN_ANSWERS, type QuestionTally, type ResultsView, type SurveyResults } from '../domain/survey/results';
import type { SurveyProblem, SurveyProblems, SurveyValues } from '../domain/survey/survey-answer';
import { COMMENT_MAX_LENGTH, SURVEY_FIELDS, surveyQuestions } from '../domain/survey/survey-questions';
import { roundStatusOn, type RoundProblems, type SurveyRound } from '../domain/survey/survey-round';
import { concernLabels } from './choices';
import { meetingWhen } from './forum-cards';
import { renderCard, type AdaptiveCardJson } from './render-card';

function problemText(t: Strings, problem: SurveyProblem): string {
  switch (problem.kind) {
    case 'required':
      return t.survey.requiredMessage;
    case 'invalid_choice':
      return t.problems.invalid_choice;
    case 'exclusive_choice':
      return t.survey.exclusiveChoice;
    case 'inconsistent':
      return t.survey.inconsistent;
    case 'too_long':
      return t.problems.too_long(problem.max);
    case 'identifying_data':
      return t.problems.identifying_data(problem.found.map((kind) => t.identifyingKinds[kind]).join(', '));
  }
}

/** How a survey answer value is named on every card: the survey card and its results. */
function surveyOptionLabels(t: Strings, district: DistrictConfig): (question: string, value: string) => string {
  const labels = concernLabels(t, district);
  return (question, value) => {
    if (question === 'q_unit') return labels.unit(value);
    if (question === 'q_types') return labels.eventType(value);
    if (question === 'q_environment') return labels.environment(value);
    const special = t.survey.options[value as keyof typeof t.survey.options];
    return special ?? labels.answer(value);
  };
}

/**
 * The survey card, built from the question table; after a refusal it keeps every answer given. The
 * unit question offers the round's units only, and the card says when the round closes (and, sent
 * as a reminder, that it is one).
 */
export function surveyCard(input: {
  t: Strings;
  district: DistrictConfig;
  round: Pick<SurveyRound, 'id' | 'closesOn' | 'targetUnitIds'>;
  reminder?: boolean;
  values?: Partial<SurveyValues>;
  problems?: SurveyProblems;
}): AdaptiveCardJson {
  const { t, district, round } = input;
  const optionLabel = surveyOptionLabels(t, district);
  const unitIds = district.units.map((unit) => unit.id).filter((id) => round.targetUnitIds.includes(id));
  const questions = surveyQuestions(unitIds).map((question) => {
    const problem = input.problems?.[question.id];
    return {
      id: question.id,
      kind: question.kind,
      label: t.survey.questions[question.id],
      style: question.id === 'q_unit' ? 'compact' : 'expanded',
      multi: question.kind === 'multi',
      required: question.requirement === 'required',
      requiredMessage: t.survey.requiredMessage,
      value: input.values?.[question.id] ?? '',
      maxLength: COMMENT_MAX_LENGTH,
      choices: question.options.map((value) => ({ title: optionLabel(question.id, value), value })),
      problem: problem ? problemText(t, problem) : '',
    };
  });
  const hasProblems = SURVEY_FIELDS.some((field) => input.problems?.[field]);
  const closes = meetingWhen(t, round.closesOn);
  return renderCard('survey', {
    t: t.survey,
    roundId: round.id,
    answerBy: input.reminder ? t.survey.reminder(closes) : t.survey.answerBy(closes),
    answerByColor: input.reminder ? 'Attention' : 'Default',
    questions,
    formError: hasProblems ? t.survey.formHasErrors : '',
  });
}

export function roundTitle(t: Strings, round: SurveyRound): string {
  return `${round.year} · ${round.opensOn} – ${round.closesOn} · ${t.survey.admin.state[round.state]}`;
}

/** The coordinators' round management card: the rounds with their actions, and the create form. */
export function surveyAdminCard(input: {
  t: Strings;
  district: DistrictConfig;
  rounds: readonly SurveyRound[];
  today: string;
  message?: string;
  values?: Record<string, string>;
  problems?: RoundProblems;
}): AdaptiveCardJson {
  const { t, district } = input;
  const unitName = new Map(district.units.map((unit) => [unit.id, unit.name]));
  const problems = Object.entries(input.problems ?? {})
    .map(([field, problem]) => `${field}: ${t.survey.roundProblems[problem!.kind]}`)
    .join('; ');
  return renderCard('survey-admin', {
    t: t.survey.admin,
    message: problems ? t.survey.admin.problem : input.message ?? '',
    messageColor: problems ? 'Attention' : 'Good',
    rounds: input.rounds.map((round) => ({
      id: round.id,
      state: round.state,
      title: roundTitle(t, round),
      details: round.targetUnitIds.map((id) => unitName.get(id) ?? id).join(', '),
      canStart: round.state === 'draft',
      canClose: round.state === 'open',
      canShowResults: roundStatusOn(round, input.today) === 'closed',
    })),
    units: district.units.map((unit) => ({ title: unit.name, value: unit.id })),
    values: { year: input.today.slice(0, 4), opensOn: '', closesOn: '', targetUnitIds: '', reminderDaysBeforeClose: '7, 2', ...input.values },
    problems,
  });
}

/**
 * One row of a completion table as the status card and the monthly digest show it: the five figures
 * of SPEC §2 in four columns whose headers fit a narrow Teams card (answered of invited; delivered
 * and unreachable in words).
 */
export function completionRow(t: Strings, unit: string, figures: CompletionTable['total'], percent: Intl.NumberFormat) {
  const s = t.survey.status;
  return {
    unit,
    rate: figures.rate === null ? '–' : percent.format(figures.rate),
    answered: s.answeredOf(figures.answered, figures.invited),
    sent: s.sentOutcome(figures.delivered, figures.unreachable),
  };
}

export function surveyStatusCard(t: Strings, district: DistrictConfig, round: SurveyRound, table: CompletionTable): AdaptiveCardJson {
  const language = t.language as Language;
  const percent = new Intl.NumberFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
  const unitName = new Map(district.units.map((unit) => [unit.id, unit.name]));
  const row = (unit: string, figures: CompletionTable['total']) => completionRow(t, unit, figures, percent);
  return renderCard('survey-status', {
    t: t.survey.status,
    roundId: round.id,
    roundTitle: roundTitle(t, round),
    rows: [...table.units.map((unit) => row(unitName.get(unit.unitId) ?? unit.unitId, unit)), row(t.survey.status.total, table.total)],
  });
}

/** Comments beyond this many characters stay out of the card, which must stay well under Teams' 100 KB. */
const RESULTS_COMMENT_BUDGET = 10_000;

/**
 * A closed round's results for the coordinators, from the already suppressed aggregates: the whole
 * round per question, key figures per shown unit, the hidden units by name only (no reason, which
 * would tell which of them has fewer answers), and comments only where the domain released them.
 */
export function surveyResultsCard(t: Strings, district: DistrictConfig, round: SurveyRound, results: SurveyResults): AdaptiveCardJson {
  const r = t.survey.results;
  const locale = t.language === 'sv' ? 'sv-SE' : 'en-GB';
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const optionLabel = surveyOptionLabels(t, district);
  const unitName = new Map(district.units.map((unit) => [unit.id, unit.name]));
  const question = (view: ResultsView, id: QuestionTally['questionId']) => view.questions.find((tally) => tally.questionId === id);
  const share = (view: ResultsView, id: QuestionTally['questionId'], value: string) => {
    const tally = question(view, id);
    const count = tally?.counts.find((entry) => entry.value === value)?.count ?? 0;
    return view.answerCount > 0 ? percent.format(count / view.answerCount) : '–';
  };
  const total = results.total;
  const questions = (total?.questions ?? []).map((tally) => ({
    label: t.survey.questions[tally.questionId],
    facts: [
      ...tally.counts.map(({ value, count }) => ({ title: optionLabel(tally.questionId, value), value: String(count) })),
      ...(tally.mean === null ? [] : [{ title: r.mean, value: decimal.format(tally.mean) }]),
    ],
  }));
  const units = results.units.map((view) => {
    const mean = question(view, 'q_problem')?.mean;
    return {
      name: unitName.get(view.unitId ?? '') ?? view.unitId,
      answers: String(view.answerCount),
      observedYes: share(view, 'q_observed', 'yes'),
      problemMean: mean === null || mean === undefined ? '–' : decimal.format(mean),
      knowsRoutine: share(view, 'q_knows_routine', 'yes'),
    };
  });
  const comments: Array<{ text: string }> = [];
  let used = 0;
  for (const text of total?.comments ?? []) {
    if (used + text.length > RESULTS_COMMENT_BUDGET) break;
    comments.push({ text });
    used += text.length;
  }
  const left = (total?.comments?.length ?? 0) - comments.length;
  const commentNote = total && total.comments === null ? r.commentsWithheld(COMMENT_MIN_ANSWERS) : left > 0 ? r.moreComments(left) : '';
  const hidden = results.hiddenUnits.map(({ unitId }) => unitName.get(unitId) ?? unitId);
  return renderCard('survey-results', {
    t: r,
    roundTitle: roundTitle(t, round),
    summary: total ? r.answers(total.answerCount) : r.tooFew(results.minGroupSize),
    questions,
    units,
    hidden: total && hidden.length > 0 ? `${r.hidden(results.minGroupSize)} ${hidden.join(', ')}` : '',
    comments,
    commentNote,
  });
}
