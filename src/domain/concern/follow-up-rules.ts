import { identifyingKinds } from '../identifying-data';
import type { FieldProblem } from './concern-form';
import { FOLLOW_UP_TEXT_MAX_LENGTH, type FollowUpEntry } from './follow-up';

/** A coordinator may ask this many questions about one report in any 60 minutes. */
export const QUESTIONS_PER_HOUR = 5;
/** A reporter may send this many answers and additions in any 60 minutes, all reports together. */
export const FOLLOW_UPS_PER_HOUR = 10;

export type FollowUpTextCheck = { ok: true; text: string } | { ok: false; problem: FieldProblem };

/**
 * The rule for every follow-up text (question, answer, addition): required, at most
 * `FOLLOW_UP_TEXT_MAX_LENGTH` characters, and no identifying data — the same detector as the
 * report's description, so a personnummer written with dots or spaces is refused here too.
 */
export function checkFollowUpText(raw: string): FollowUpTextCheck {
  const text = raw.trim();
  if (!text) return { ok: false, problem: { kind: 'required' } };
  if (text.length > FOLLOW_UP_TEXT_MAX_LENGTH) return { ok: false, problem: { kind: 'too_long', max: FOLLOW_UP_TEXT_MAX_LENGTH } };
  const found = identifyingKinds(text);
  if (found.length > 0) return { ok: false, problem: { kind: 'identifying_data', found } };
  return { ok: true, text };
}

export type QuestionState = 'open' | 'answered' | 'unknown';

/** Whether a question still waits for its answer: each is answered (or declined) once. */
export function questionState(entries: readonly FollowUpEntry[] | undefined, questionId: string): QuestionState {
  const list = entries ?? [];
  if (!list.some((entry) => entry.kind === 'question' && entry.id === questionId)) return 'unknown';
  return list.some((entry) => (entry.kind === 'answer' || entry.kind === 'declined') && entry.questionId === questionId) ? 'answered' : 'open';
}

/** The question's text, for the reporter's card. */
export function questionText(entries: readonly FollowUpEntry[] | undefined, questionId: string): string | undefined {
  return (entries ?? []).find((entry) => entry.kind === 'question' && entry.id === questionId)?.text;
}
