import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  applyCaseAction,
  caseOf,
  CASE_NOTE_MAX_LENGTH,
  CASE_OUTCOMES,
  CASE_STATES,
  closeActionOf,
  newCase,
  type CaseAction,
  type CaseRecord,
  type CaseState,
} from '../../src/domain/concern/case';
import { withPostUpdate, type ConcernReport } from '../../src/domain/concern/concern-report';

const now = new Date('2026-11-30T09:15:00Z');
const later = new Date('2026-12-02T14:00:00Z');

/** A case brought to `state` by the steps a coordinator takes. */
function caseIn(state: CaseState): CaseRecord {
  const path: CaseAction[] = [{ kind: 'acknowledge' }, { kind: 'assess' }, { kind: 'close', outcome: 'police_information', note: 'Polisen informerad.' }];
  let record = newCase();
  for (const action of path.slice(0, CASE_STATES.indexOf(state))) {
    const result = applyCaseAction(record, action, 'Kim', now);
    if (!result.ok) throw new Error(`setup: ${action.kind}`);
    record = result.case;
  }
  return record;
}

const ACTIONS: CaseAction[] = [{ kind: 'acknowledge' }, { kind: 'assess' }, { kind: 'close', outcome: 'no_action' }, { kind: 'reopen' }];
const ALLOWED: Record<CaseState, { action: CaseAction['kind']; to: CaseState } | undefined> = {
  new: { action: 'acknowledge', to: 'received' },
  received: { action: 'assess', to: 'assessing' },
  assessing: { action: 'close', to: 'closed' },
  closed: { action: 'reopen', to: 'assessing' },
};

describe('the case of a report', () => {
  // Every state against every action: exactly one step follows each state.
  const table = CASE_STATES.flatMap((state) => ACTIONS.map((action) => [state, action.kind, ALLOWED[state]?.action === action.kind] as const));
  it.each(table)('from %s, %s is allowed: %s', (state, kind, allowed) => {
    const before = caseIn(state);
    const result = applyCaseAction(before, ACTIONS.find((action) => action.kind === kind)!, 'Alex', later);
    expect(result.ok).toBe(allowed);
    if (!result.ok) return expect(result.reason).toBe('not_allowed');
    expect(result.case.state).toBe(ALLOWED[state]!.to);
    expect(result.step).toEqual({ action: kind, to: ALLOWED[state]!.to, at: later.toISOString(), byName: 'Alex' });
    expect(result.case.history).toEqual([...before.history, result.step]);
    // The step never changes what it was given.
    expect(before).toEqual(caseIn(state));
  });

  it.each(CASE_STATES)('offers as buttons from %s exactly the step that is allowed', (state) => {
    expect(actionsFrom(state)).toEqual([ALLOWED[state]!.action]);
  });

  it.each([
    ['the first acknowledgement is kept on reopen', (c: CaseRecord) => c.acknowledgedAt, now.toISOString()],
    ['reopening drops the close time', (c: CaseRecord) => c.closedAt, undefined],
    ['reopening keeps the outcome of the earlier close in the record', (c: CaseRecord) => c.outcome, 'police_information'],
  ] as const)('%s', (_name, read, expected) => {
    const reopened = applyCaseAction(caseIn('closed'), { kind: 'reopen' }, 'Alex', later);
    if (!reopened.ok) throw new Error('reopen');
    expect(read(reopened.case)).toEqual(expected);
  });

  it('a second close replaces the outcome and the note, and a close without a note drops the old one', () => {
    const reopened = applyCaseAction(caseIn('closed'), { kind: 'reopen' }, 'Alex', later);
    if (!reopened.ok) throw new Error('reopen');
    const closed = applyCaseAction(reopened.case, { kind: 'close', outcome: 'unit_support' }, 'Alex', later);
    if (!closed.ok) throw new Error('close');
    expect(closed.case).toMatchObject({ state: 'closed', outcome: 'unit_support', closedAt: later.toISOString() });
    expect(closed.case.note).toBeUndefined();
  });

  it.each([
    ['no case, open', { status: 'open' }, 'new'],
    ['no case, nothing', {}, 'new'],
    ['handled before case handling', { status: 'handled', handled: { byName: 'Kim', on: '2026-11-29' } }, 'received'],
    ['a case wins over the old status', { status: 'handled', handled: { byName: 'Kim', on: '2026-11-29' }, case: caseIn('closed') }, 'closed'],
  ] as const)('reads a stored report: %s', (_name, stored, state) => {
    expect(caseOf(stored).state).toBe(state);
  });
});

describe('the close form', () => {
  const long = 'x'.repeat(CASE_NOTE_MAX_LENGTH + 1);
  it.each([
    ['an outcome from the list, no note', { outcome: 'no_action', note: '' }, { ok: true, action: { kind: 'close', outcome: 'no_action' } }],
    ['a note is trimmed', { outcome: 'other', note: '  Se SIG-protokoll.  ' }, { ok: true, action: { kind: 'close', outcome: 'other', note: 'Se SIG-protokoll.' } }],
    ['no outcome', { outcome: '', note: '' }, { ok: false, problems: { outcome: { kind: 'required' } } }],
    ['a forged outcome', { outcome: 'burned', note: '' }, { ok: false, problems: { outcome: { kind: 'invalid_choice' } } }],
    ['a note too long', { outcome: 'other', note: long }, { ok: false, problems: { note: { kind: 'too_long', max: CASE_NOTE_MAX_LENGTH } } }],
    ['a personnummer in the note', { outcome: 'other', note: 'Gäller 811228-9874.' }, { ok: false, problems: { note: { kind: 'identifying_data', found: ['personnummer'] } } }],
    ['both wrong at once', { outcome: '', note: 'Ring 070-123 45 67' }, { ok: false, problems: { outcome: { kind: 'required' }, note: { kind: 'identifying_data', found: ['phone'] } } }],
  ] as const)('%s', (_name, values, expected) => {
    expect(closeActionOf(values)).toEqual(expected);
  });

  it('accepts every outcome of the fixed list', () => {
    for (const outcome of CASE_OUTCOMES) expect(closeActionOf({ outcome, note: '' }).ok).toBe(true);
  });
});

describe('asking for the channel post to be redrawn', () => {
  const report = (channelPost: ConcernReport['channelPost']) => ({ channelPost }) as ConcernReport;
  it.each([
    ['a delivered post with its id', { state: 'delivered', attempts: 1, activityId: 'a1' }, true],
    ['a post still on its way (it may be drawn before the change)', { state: 'pending', attempts: 0 }, true],
    ['a post delivered before ids were kept', { state: 'delivered', attempts: 1 }, false],
    ['a post given up', { state: 'unreachable', attempts: 3 }, false],
  ] as const)('%s: %s', (_name, channelPost, asked) => {
    const result = withPostUpdate(report(channelPost), now);
    expect(result.postUpdate).toEqual(asked ? { state: 'pending', attempts: 0, nextAttemptAt: now.toISOString() } : undefined);
  });
});
