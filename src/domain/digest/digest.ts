/**
 * The coordinators' monthly digest (SPEC §4), as data: reports by event type, environment, area
 * and unit with the change against the previous month and the same month last year; open
 * cases by state and age, and the median time to acknowledge and to close; the survey round's
 * completion per unit; forum coverage and flagged forums.
 *
 * Pure: the caller reads the store and the clock; this module only counts. Counts only — a digest
 * never holds report text, references or reporters.
 */
import { ENVIRONMENTS, EVENT_TYPES } from '../concern/concern-options';
import type { CompletionTable } from '../survey/completion';
import { caseFigures, type CaseFigures, type DigestCaseFacts } from './case-figures';
import { forumCoverage, type DigestForumFacts, type ForumCoverage } from './forum-coverage';
import { isMonth, previousMonth, sameMonthLastYear } from './months';

export { CASE_AGE_BANDS, OPEN_CASE_STATES, median, type CaseFigures, type DigestCaseFacts, type OpenCaseState } from './case-figures';
export { FLAG_AFTER_MONTHS, flagWindowStart, isForumFlagged, type DigestForumFacts, type DigestForumRow } from './forum-coverage';
export { addMonths, firstDayOf, isMonth, lastDayOf, lastMonthOf, previousMonth, sameMonthLastYear } from './months';

export interface DigestReportFacts {
  /** `YYYY-MM`, the Stockholm month the report was submitted in. */
  submittedMonth: string;
  eventTypes: string[];
  environment: string;
  area: string;
  unit: string;
}

export interface DigestInput {
  /** The month the digest covers, `YYYY-MM`. */
  month: string;
  /** At least the reports of month, month-1 and month-12; reports of other months are ignored. */
  reports: DigestReportFacts[];
  /** Every stored report's case, of any month: open cases are counted over all of them. */
  cases: DigestCaseFacts[];
  /** The Stockholm date the digest is made: open cases are counted, and aged, on it. */
  casesCountedOn: string;
  /** A survey round open or closed in that month. */
  survey?: { title: string; completion: CompletionTable };
  /** Coverage in that month, one row per registered forum. */
  forums: DigestForumFacts[];
  /**
   * The first month whose reports are all in the store (`YYYY-MM`), e.g. the month the bot went
   * live. A comparison with an earlier month would compare with nothing and is left out (null,
   * shown as "–"). Unset: every month is comparable.
   */
  comparableFrom?: string;
}

export const DIGEST_DIMENSIONS = ['eventType', 'environment', 'area', 'unit'] as const;
export type DigestDimension = (typeof DIGEST_DIMENSIONS)[number];

export interface DigestFigures {
  count: number;
  previousMonth: number;
  sameMonthLastYear: number;
  /** count − previousMonth; null when the previous month is not comparable. */
  changeMonth: number | null;
  /** count − sameMonthLastYear; null when that month is not comparable. */
  changeYear: number | null;
}

export type DigestRow = DigestFigures & { key: string };

export interface Digest {
  month: string;
  previousMonth: string;
  sameMonthLastYear: string;
  /** Reports submitted in each month. */
  total: DigestFigures;
  /**
   * Rows per dimension. Event types and environments list every option of SPEC §1 in form order
   * (zeros included, so the chart keeps its axis); areas and units list those with a report in
   * any of the three months, most reports first. A report with several event types counts once
   * under each of them, so event-type rows may add up to more than the total.
   */
  rows: Record<DigestDimension, DigestRow[]>;
  cases: CaseFigures;
  survey?: { title: string; completion: CompletionTable };
  forums: ForumCoverage;
}

type Period = 'count' | 'previousMonth' | 'sameMonthLastYear';

function keysOf(report: DigestReportFacts, dimension: DigestDimension): string[] {
  switch (dimension) {
    case 'eventType':
      return [...new Set(report.eventTypes)];
    case 'environment':
      return [report.environment];
    case 'area':
      return [report.area];
    case 'unit':
      return [report.unit];
  }
}

const FIXED_KEYS: Partial<Record<DigestDimension, readonly string[]>> = { eventType: EVENT_TYPES, environment: ENVIRONMENTS };

export function buildDigest(input: DigestInput): Digest {
  const { month } = input;
  if (!isMonth(month)) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  if (input.comparableFrom !== undefined && !isMonth(input.comparableFrom))
    throw new RangeError(`not a month (YYYY-MM): ${input.comparableFrom}`);
  const periods = new Map<string, Period>([
    [month, 'count'],
    [previousMonth(month), 'previousMonth'],
    [sameMonthLastYear(month), 'sameMonthLastYear'],
  ]);
  const comparable = (other: string) => input.comparableFrom === undefined || other >= input.comparableFrom;
  const monthComparable = comparable(previousMonth(month));
  const yearComparable = comparable(sameMonthLastYear(month));
  const figures = (counts: Record<Period, number>): DigestFigures => ({
    ...counts,
    changeMonth: monthComparable ? counts.count - counts.previousMonth : null,
    changeYear: yearComparable ? counts.count - counts.sameMonthLastYear : null,
  });

  const zero = (): Record<Period, number> => ({ count: 0, previousMonth: 0, sameMonthLastYear: 0 });
  const total = zero();
  const tallies = Object.fromEntries(DIGEST_DIMENSIONS.map((dimension) => [dimension, new Map<string, Record<Period, number>>()])) as Record<
    DigestDimension,
    Map<string, Record<Period, number>>
  >;
  for (const dimension of DIGEST_DIMENSIONS) for (const key of FIXED_KEYS[dimension] ?? []) tallies[dimension].set(key, zero());

  for (const report of input.reports) {
    const period = periods.get(report.submittedMonth);
    if (!period) continue;
    total[period] += 1;
    for (const dimension of DIGEST_DIMENSIONS) {
      for (const key of keysOf(report, dimension)) {
        const tally = tallies[dimension].get(key) ?? zero();
        tally[period] += 1;
        tallies[dimension].set(key, tally);
      }
    }
  }

  const rowsOf = (dimension: DigestDimension): DigestRow[] => {
    const rows = [...tallies[dimension].entries()].map(([key, counts]) => ({ key, ...figures(counts) }));
    if (FIXED_KEYS[dimension]) return rows;
    return rows.sort(
      (a, b) => b.count - a.count || b.previousMonth - a.previousMonth || b.sameMonthLastYear - a.sameMonthLastYear || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  };

  return {
    month,
    previousMonth: previousMonth(month),
    sameMonthLastYear: sameMonthLastYear(month),
    total: figures(total),
    rows: { eventType: rowsOf('eventType'), environment: rowsOf('environment'), area: rowsOf('area'), unit: rowsOf('unit') },
    cases: caseFigures(input.cases, month, input.casesCountedOn),
    ...(input.survey ? { survey: input.survey } : {}),
    forums: forumCoverage(input.forums, month),
  };
}
