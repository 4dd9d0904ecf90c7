/**
 * A report's case (issue 13): the steps a coordinator takes from taking in a concern to closing it.
 * Pure: who may press what is checked by the transport; this says which step may follow which.
 *
 *   new ──acknowledge──▶ received ──assess──▶ assessing ──close(outcome, note?)──▶ closed
 *                                                 ▲                                   │
 *                                                 └──────────────reopen───────────────┘
 */
import { freeTextProblem, type FreeTextProblem } from '../forum/meeting';

export const CASE_STATES = ['new', 'received', 'assessing', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** What was done, from a fixed list (issue 13). */
export const CASE_OUTCOMES = [
  'no_action',
  'social_services_report',
  'police_information',
  'samverkan_referral',
  'unit_support',
  'other',
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CASE_NOTE_MAX_LENGTH = 500;

export type CaseAction =
  | { kind: 'acknowledge' }
  | { kind: 'assess' }
  | { kind: 'close'; outcome: CaseOutcome; note?: string }
  | { kind: 'reopen' };

export type CaseActionKind = CaseAction['kind'];

/** One step taken, for the post and the history; the audit log has the same with the actor's id. */
export interface CaseStep {
  action: CaseActionKind;
  to: CaseState;
  /** ISO instant. */
  at: string;
  /** The coordinator's display name (coordinators see each other; the reporter never appears). */
  byName: string;
}

export interface CaseRecord {
  state: CaseState;
  /** ISO instant of the first acknowledgement (kept on reopen: the deadline was met or not once). */
  acknowledgedAt?: string;
  /** ISO instant of the latest close; dropped on reopen. */
  closedAt?: string;
  outcome?: CaseOutcome;
  /** Short note at close, checked for identifying data like every free text; shown on request only. */
  note?: string;
  history: CaseStep[];
}

const NEXT: Record<CaseActionKind, { from: CaseState; to: CaseState }> = {
  acknowledge: { from: 'new', to: 'received' },
  assess: { from: 'received', to: 'assessing' },
  close: { from: 'assessing', to: 'closed' },
  reopen: { from: 'closed', to: 'assessing' },
};

/** The actions that may follow a state (the buttons a post shows). */
export function actionsFrom(state: CaseState): CaseActionKind[] {
  return (Object.keys(NEXT) as CaseActionKind[]).filter((kind) => NEXT[kind].from === state);
}

export function newCase(): CaseRecord {
  return { state: 'new', history: [] };
}

/**
 * Reports stored before case handling had `status: 'open' | 'handled'` and `handled`. "Handled"
 * meant that a coordinator had taken the report on, not what was done: it reads as *received*.
 */
export function caseOf(report: {
  case?: CaseRecord;
  status?: string;
  handled?: { byName: string; on: string };
}): CaseRecord {
  if (report.case) return report.case;
  if (report.status === 'handled' && report.handled) {
    const at = `${report.handled.on}T12:00:00.000Z`;
    return { state: 'received', acknowledgedAt: at, history: [{ action: 'acknowledge', to: 'received', at, byName: report.handled.byName }] };
  }
  return newCase();
}

export type CaseStepResult = { ok: true; case: CaseRecord; step: CaseStep } | { ok: false; reason: 'not_allowed' };

/** Takes one step, or refuses a step that does not follow the current state (out of order, replayed). */
export function applyCaseAction(current: CaseRecord, action: CaseAction, byName: string, now: Date): CaseStepResult {
  const rule = NEXT[action.kind];
  if (current.state !== rule.from) return { ok: false, reason: 'not_allowed' };
  const at = now.toISOString();
  const step: CaseStep = { action: action.kind, to: rule.to, at, byName };
  const history = [...current.history, step];
  switch (action.kind) {
    case 'acknowledge':
      return { ok: true, step, case: { ...current, state: rule.to, acknowledgedAt: current.acknowledgedAt ?? at, history } };
    case 'assess':
      return { ok: true, step, case: { ...current, state: rule.to, history } };
    case 'close': {
      const { note: _note, ...rest } = current;
      const note = action.note?.trim();
      return {
        ok: true,
        step,
        case: { ...rest, state: rule.to, closedAt: at, outcome: action.outcome, ...(note ? { note } : {}), history },
      };
    }
    case 'reopen': {
      const { closedAt: _closedAt, ...rest } = current;
      return { ok: true, step, case: { ...rest, state: rule.to, history } };
    }
  }
}

export type CloseProblems = { outcome?: { kind: 'required' } | { kind: 'invalid_choice' }; note?: FreeTextProblem };

/**
 * The close form as the card sends it (every value a string): an outcome from the fixed list and
 * an optional short note, checked for identifying data like every free text.
 */
export function closeActionOf(values: { outcome: string; note: string }): { ok: true; action: CaseAction } | { ok: false; problems: CloseProblems } {
  const problems: CloseProblems = {};
  const outcome = values.outcome.trim();
  if (outcome === '') problems.outcome = { kind: 'required' };
  else if (!(CASE_OUTCOMES as readonly string[]).includes(outcome)) problems.outcome = { kind: 'invalid_choice' };
  const note = values.note.trim();
  const noteProblem = freeTextProblem(note, CASE_NOTE_MAX_LENGTH);
  if (noteProblem) problems.note = noteProblem;
  if (problems.outcome || problems.note) return { ok: false, problems };
  return { ok: true, action: { kind: 'close', outcome: outcome as CaseOutcome, ...(note ? { note } : {}) } };
}
