/**
 * Cases in the digest (issue 13): the open cases by state and age on the day the digest is made,
 * and how long acknowledging and closing took in the digest's month. Counts and medians only: no
 * reference, no unit, so a small count cannot be read back to a report.
 */
import type { CaseState } from '../concern/case';
import { daysBetween, workingDaysBetween } from '../concern/case-deadlines';

export const OPEN_CASE_STATES = ['new', 'received', 'assessing'] as const satisfies readonly CaseState[];
export type OpenCaseState = (typeof OPEN_CASE_STATES)[number];

/** Age bands in calendar days since the day a report came in: 0–7, 8–30, over 30. */
export const CASE_AGE_BANDS = [
  { label: '0–7', upTo: 7 },
  { label: '8–30', upTo: 30 },
  { label: '>30', upTo: Infinity },
] as const;

export interface DigestCaseFacts {
  /** Stockholm date the report came in. */
  submittedOn: string;
  /** The state today. */
  state: CaseState;
  /** Stockholm date of the first acknowledgement. */
  acknowledgedOn?: string;
  /** Stockholm date of every close in the case's history (closed, reopened, closed again: two). */
  closedOn: string[];
}

export interface OpenCaseRow {
  state: OpenCaseState;
  /** One count per CASE_AGE_BANDS entry. */
  bands: number[];
  total: number;
}

/** A median with the number of cases it is taken over; `median` is null when there were none. */
export interface MedianFigure {
  count: number;
  median: number | null;
}

export interface CaseFigures {
  /** The day the open cases were counted on, and their age measured to. */
  countedOn: string;
  open: OpenCaseRow[];
  /** Every open state together, per band and in all. */
  openTotal: { bands: number[]; total: number };
  /** Age in days of the oldest open case; null when none is open. */
  oldestOpenDays: number | null;
  /** Reports first acknowledged in the month: Swedish working days from the day they came in. */
  acknowledged: MedianFigure;
  /** Cases closed in the month (the last close in it counts): calendar days from the day they came in. */
  closed: MedianFigure;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const bandOf = (ageDays: number) => CASE_AGE_BANDS.findIndex((band) => ageDays <= band.upTo);

/** The case figures of the digest of `month` (`YYYY-MM`), open cases counted on `countedOn`. */
export function caseFigures(cases: readonly DigestCaseFacts[], month: string, countedOn: string): CaseFigures {
  const zeros = () => CASE_AGE_BANDS.map(() => 0);
  const open = OPEN_CASE_STATES.map((state) => ({ state, bands: zeros(), total: 0 }));
  const openTotal = { bands: zeros(), total: 0 };
  let oldestOpenDays: number | null = null;
  const daysToAcknowledge: number[] = [];
  const daysToClose: number[] = [];
  const inMonth = (date: string) => date.slice(0, 7) === month;
  for (const facts of cases) {
    const row = open.find((candidate) => candidate.state === facts.state);
    if (row) {
      const age = Math.max(0, daysBetween(facts.submittedOn, countedOn));
      const band = bandOf(age);
      row.bands[band]! += 1;
      row.total += 1;
      openTotal.bands[band]! += 1;
      openTotal.total += 1;
      oldestOpenDays = Math.max(oldestOpenDays ?? 0, age);
    }
    if (facts.acknowledgedOn && inMonth(facts.acknowledgedOn)) daysToAcknowledge.push(workingDaysBetween(facts.submittedOn, facts.acknowledgedOn));
    const lastClose = facts.closedOn.filter(inMonth).sort().at(-1);
    if (lastClose) daysToClose.push(daysBetween(facts.submittedOn, lastClose));
  }
  return {
    countedOn,
    open,
    openTotal,
    oldestOpenDays,
    acknowledged: { count: daysToAcknowledge.length, median: median(daysToAcknowledge) },
    closed: { count: daysToClose.length, median: median(daysToClose) },
  };
}
