import type { FollowUpStatus } from '../activity/follow-up';
/**
 * The figures of the yearly lokal lägesbild (issue 14), as data: where the material comes from
 * (Kartläggning), reports by environment, event type, place type and area against the previous
 * period (Lokal lägesbild), the staff survey under its own suppression (Enkäten), forum coverage
 * (Samverkan) and the action plan's activities with this year's follow-up.
 *
 * Pure: the caller reads the store; this module only counts. Counts only — no report text,
 * references or reporters, and nothing per unit except the survey's, which results.ts suppresses.
 */
import { ENVIRONMENTS, EVENT_TYPES, PLACE_TYPES } from '../concern/concern-options';
import { forumCoverage, forumFactsOf, type DigestForumFacts } from '../digest/forum-coverage';
import { hadVbeItem, type ForumMeeting } from '../forum/meeting';
import type { CompletionTable } from '../survey/completion';
import type { ResultsView, SurveyResults } from '../survey/results';
import { TRAINING_NEEDS } from '../survey/survey-questions';
import { shownChange, shownCount, shownPartition, type ShownCount } from './counts';
import { inPeriod, lastDayOf, type Period } from './period';

export interface LagesbildReportFacts {
  /** Stockholm date the report was submitted. */
  submittedOn: string;
  eventTypes: readonly string[];
  environment: string;
  placeType: string;
  area: string;
}

export interface LagesbildSurveyFacts {
  roundId: string;
  year: number;
  opensOn: string;
  /** The day it closed (early or as planned). */
  closedOn: string;
  /** Aggregated under results.ts's rules (MIN_GROUP_SIZE, complementary suppression). */
  results: SurveyResults;
  completion?: CompletionTable;
}

export interface LagesbildForumFacts {
  id: string;
  name: string;
  registeredOn: string;
  meetings: readonly ForumMeeting[];
}


/** One activity of the action plan with this year's follow-up, as the activities registry provides it. */
export interface LagesbildActivityRow {
  title: string;
  responsible: string;
  /** As the plan writes it: "Pågående", "2026-01 – 2026-06". */
  schedule: string;
  status?: FollowUpStatus;
  whatWasDone?: string;
  nextYear?: string;
}

export interface LagesbildInput {
  year: number;
  period: Period;
  previousPeriod: Period;
  /** Anything stored from before `period.from` (reports, forums, survey rounds): else this is the first year. */
  hasDataBefore: boolean;
  /** At least the reports of both periods; others are ignored. */
  reports: readonly LagesbildReportFacts[];
  survey?: LagesbildSurveyFacts;
  previousSurvey?: LagesbildSurveyFacts;
  forums: readonly LagesbildForumFacts[];
  activities: readonly LagesbildActivityRow[];
}

export interface CountRow {
  key: string;
  current: ShownCount;
  /** null when there is no previous period to compare with (the first year). */
  previous: ShownCount | null;
  change: number | null;
}

export const REPORT_DIMENSIONS = ['environment', 'eventType', 'placeType', 'area'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface ReportFigures {
  total: CountRow;
  rows: Record<ReportDimension, CountRow[]>;
}

/** The survey's share figures of the whole round, each the share answering "yes" (the mean for q_problem). */
export const SURVEY_KEY_FIGURES = ['q_observed', 'q_met_sympathiser', 'q_threatened', 'q_knows_routine', 'q_knows_coordinator', 'q_training_done', 'q_problem'] as const;
export type SurveyKeyFigure = (typeof SURVEY_KEY_FIGURES)[number];

export interface SurveyFigures {
  roundId: string;
  year: number;
  opensOn: string;
  closedOn: string;
  invited: number | null;
  /** From the who-has-answered marks; null when they are not known (then only results.ts's views speak). */
  answered: number | null;
  /** answered / invited, 0..1; null when nobody is known to have been invited. */
  responseRate: number | null;
  minGroupSize: number;
  /** null when the whole round has fewer than MIN_GROUP_SIZE answers: nothing of it is shown. */
  keyFigures: Record<SurveyKeyFigure, number | null> | null;
  /** Per shown unit only (results.ts decides which); hidden units are named, never counted. */
  trainingByUnit: Array<{ unitId: string; answers: number; doneShare: number | null }>;
  hiddenUnitIds: string[];
  /** What staff ask training for, over the whole round; null when the round is suppressed. */
  trainingNeed: Array<{ value: string; count: number; share: number | null }> | null;
}

export interface ForumFigures {
  forums: number;
  meetings: number;
  /** Meetings with VBE on the agenda (confirmed, or discussed according to the follow-up). */
  vbeOnAgenda: number;
  discussed: number;
  /** discussed / meetings; null without meetings. */
  discussedShare: number | null;
  rows: Array<{ forumId: string; name: string; meetings: number; vbeOnAgenda: number; discussed: number; flagged: boolean }>;
  /** Forums without VBE on the agenda for three months at the end of the period (digest/forum-coverage.ts). */
  flagged: string[];
}

export interface Lagesbild {
  year: number;
  period: Period;
  previousPeriod: Period;
  /** False in the first year: nothing stored before the period, so no previous figures exist. */
  comparable: boolean;
  sources: {
    reports: CountRow;
    surveyAnswers: number | null;
    responseRate: number | null;
    vbeMeetings: { current: number; previous: number | null };
  };
  reports: ReportFigures;
  survey?: SurveyFigures;
  previousSurvey?: SurveyFigures;
  forums: { current: ForumFigures; previous: ForumFigures | null };
  activities: LagesbildActivityRow[];
}

const FIXED_KEYS: Partial<Record<ReportDimension, readonly string[]>> = { environment: ENVIRONMENTS, eventType: EVENT_TYPES, placeType: PLACE_TYPES };
/** Tables whose rows add up to the total: complementary suppression applies (counts.ts). */
const PARTITIONS: ReadonlySet<ReportDimension> = new Set(['environment', 'placeType', 'area']);

function keysOf(report: LagesbildReportFacts, dimension: ReportDimension): string[] {
  switch (dimension) {
    case 'environment':
      return [report.environment];
    case 'eventType':
      return [...new Set(report.eventTypes)];
    case 'placeType':
      return [report.placeType];
    case 'area':
      return [report.area];
  }
}

function tally(reports: readonly LagesbildReportFacts[], dimension: ReportDimension, keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  for (const report of reports) for (const key of keysOf(report, dimension)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function shownCells(dimension: ReportDimension, counts: Map<string, number>): Map<string, ShownCount> {
  const entries = [...counts.entries()].map(([key, count]) => ({ key, count }));
  return PARTITIONS.has(dimension) ? shownPartition(entries) : new Map(entries.map(({ key, count }) => [key, shownCount(count)]));
}

function reportFigures(current: readonly LagesbildReportFacts[], previous: readonly LagesbildReportFacts[] | null): ReportFigures {
  const row = (key: string, now: ShownCount, then: ShownCount | null): CountRow => ({ key, current: now, previous: then, change: shownChange(now, then) });
  const total = row('total', shownCount(current.length), previous ? shownCount(previous.length) : null);
  const rowsOf = (dimension: ReportDimension): CountRow[] => {
    // Areas: those with a report in either period; the fixed lists keep every option, zeros included.
    const keys = FIXED_KEYS[dimension] ?? [];
    const now = tally(current, dimension, keys);
    const then = previous ? tally(previous, dimension, keys) : undefined;
    for (const key of then?.keys() ?? []) if (!now.has(key)) now.set(key, 0);
    for (const key of now.keys()) if (then && !then.has(key)) then.set(key, 0);
    const nowShown = shownCells(dimension, now);
    const thenShown = then ? shownCells(dimension, then) : undefined;
    const rows = [...now.keys()].map((key) => row(key, nowShown.get(key)!, thenShown?.get(key) ?? null));
    if (FIXED_KEYS[dimension]) return rows;
    // Sorted by name, not by count: an order by count would rank the "1–2" cells against each other.
    return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  return { total, rows: { environment: rowsOf('environment'), eventType: rowsOf('eventType'), placeType: rowsOf('placeType'), area: rowsOf('area') } };
}

function yesShare(view: ResultsView, questionId: string): number | null {
  const question = view.questions.find((candidate) => candidate.questionId === questionId);
  if (!question || question.respondents === 0) return null;
  return (question.counts.find((entry) => entry.value === 'yes')?.count ?? 0) / question.respondents;
}

function surveyFigures(facts: LagesbildSurveyFacts): SurveyFigures {
  const { results, completion } = facts;
  const total = results.total;
  const answered = completion?.total.answered ?? total?.answerCount ?? null;
  const invited = completion && completion.total.invited > 0 ? completion.total.invited : null;
  const keyFigures = total
    ? (Object.fromEntries(
        SURVEY_KEY_FIGURES.map((id) => [id, id === 'q_problem' ? (total.questions.find((q) => q.questionId === id)?.mean ?? null) : yesShare(total, id)]),
      ) as Record<SurveyKeyFigure, number | null>)
    : null;
  const need = total?.questions.find((question) => question.questionId === 'q_training_need');
  return {
    roundId: facts.roundId,
    year: facts.year,
    opensOn: facts.opensOn,
    closedOn: facts.closedOn,
    invited,
    answered,
    responseRate: invited && answered !== null ? answered / invited : null,
    minGroupSize: results.minGroupSize,
    keyFigures,
    trainingByUnit: results.units.map((unit) => ({ unitId: unit.unitId ?? '', answers: unit.answerCount, doneShare: yesShare(unit, 'q_training_done') })),
    hiddenUnitIds: results.hiddenUnits.map((unit) => unit.unitId),
    trainingNeed: need
      ? TRAINING_NEEDS.map((value) => {
          const count = need.counts.find((entry) => entry.value === value)?.count ?? 0;
          return { value, count, share: need.respondents > 0 ? count / need.respondents : null };
        })
      : null,
  };
}

function forumFigures(forums: readonly LagesbildForumFacts[], period: Period): ForumFigures {
  const lastDay = lastDayOf(period);
  const facts: DigestForumFacts[] = [];
  const counted = new Map<string, { vbeOnAgenda: number }>();
  for (const forum of forums) {
    const vbeOnAgenda = forum.meetings.filter((meeting) => !meeting.cancelled && inPeriod(meeting.date, period) && hadVbeItem(meeting)).length;
    counted.set(forum.id, { vbeOnAgenda });
    facts.push(forumFactsOf(forum, forum.meetings, period.from, lastDay));
  }
  // The flag of the digest for the period's last month: three months without VBE on the agenda.
  const coverage = forumCoverage(facts, lastDay.slice(0, 7));
  const rows = coverage.forums.map((row) => ({
    forumId: row.forumId,
    name: row.name,
    meetings: row.meetings,
    vbeOnAgenda: counted.get(row.forumId)?.vbeOnAgenda ?? 0,
    discussed: row.discussed,
    flagged: row.flagged,
  }));
  const meetings = coverage.totals.meetings;
  return {
    forums: rows.length,
    meetings,
    vbeOnAgenda: rows.reduce((sum, row) => sum + row.vbeOnAgenda, 0),
    discussed: coverage.totals.discussed,
    discussedShare: meetings > 0 ? coverage.totals.discussed / meetings : null,
    rows,
    flagged: coverage.flagged.map((row) => row.name),
  };
}

export function buildLagesbild(input: LagesbildInput): Lagesbild {
  const comparable = input.hasDataBefore;
  const current = input.reports.filter((report) => inPeriod(report.submittedOn, input.period));
  const previous = comparable ? input.reports.filter((report) => inPeriod(report.submittedOn, input.previousPeriod)) : null;
  const reports = reportFigures(current, previous);
  const survey = input.survey ? surveyFigures(input.survey) : undefined;
  const previousSurvey = comparable && input.previousSurvey ? surveyFigures(input.previousSurvey) : undefined;
  const forums = { current: forumFigures(input.forums, input.period), previous: comparable ? forumFigures(input.forums, input.previousPeriod) : null };
  return {
    year: input.year,
    period: input.period,
    previousPeriod: input.previousPeriod,
    comparable,
    sources: {
      reports: reports.total,
      surveyAnswers: survey ? survey.answered : null,
      responseRate: survey ? survey.responseRate : null,
      vbeMeetings: { current: forums.current.vbeOnAgenda, previous: forums.previous?.vbeOnAgenda ?? null },
    },
    reports,
    ...(survey ? { survey } : {}),
    ...(previousSurvey ? { previousSurvey } : {}),
    forums,
    activities: [...input.activities],
  };
}
