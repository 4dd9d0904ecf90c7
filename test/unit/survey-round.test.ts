import { describe, expect, it } from 'vitest';
import {
  canAnswer,
  closeRound,
  createRound,
  draftProblem,
  editDraft,
  newRoundSchema,
  roundStatusOn,
  roundValuesOf,
  startRound,
  validateNewRound,
  type SurveyRound,
} from '../../src/domain/survey/survey-round';

const TODAY = '2026-10-15';
const unitIds = ['ung-fritid', 'skola-syd', 'forskola'];

const round = (overrides: Partial<SurveyRound> = {}): SurveyRound => ({
  id: 'r-2026',
  year: 2026,
  opensOn: '2026-11-02',
  closesOn: '2026-11-30',
  targetUnitIds: ['ung-fritid'],
  reminderDaysBeforeClose: [7, 2],
  state: 'draft',
  ...overrides,
});

const validValues = {
  year: '2026',
  opensOn: '2026-11-02',
  closesOn: '2026-11-30',
  targetUnitIds: 'ung-fritid,skola-syd',
  reminderDaysBeforeClose: '',
};

const check = (overrides: Record<string, unknown>, existingRounds: SurveyRound[] = []) =>
  validateNewRound(newRoundSchema.parse({ ...validValues, ...overrides }), { unitIds, existingRounds, today: TODAY });

describe('validateNewRound', () => {
  it('accepts a valid round with the default reminders 7 and 2 days before close', () => {
    const result = check({});
    expect(result).toEqual({
      ok: true,
      draft: {
        year: 2026,
        opensOn: '2026-11-02',
        closesOn: '2026-11-30',
        targetUnitIds: ['ung-fritid', 'skola-syd'],
        reminderDaysBeforeClose: [7, 2],
      },
    });
    if (result.ok) expect(createRound('r-1', result.draft)).toMatchObject({ id: 'r-1', state: 'draft' });
  });

  it.each([
    ['year', '', 'year', 'required'],
    ['year', '26', 'year', 'invalid_year'],
    ['year', '2026.5', 'year', 'invalid_year'],
    ['opensOn', '', 'opensOn', 'required'],
    ['opensOn', '2026-02-30', 'opensOn', 'invalid_date'],
    ['opensOn', '2026-10-14', 'opensOn', 'opens_in_past'],
    ['closesOn', '2026-11-01', 'closesOn', 'closes_before_opens'],
    ['closesOn', '30/11/2026', 'closesOn', 'invalid_date'],
    ['targetUnitIds', '', 'targetUnitIds', 'no_target_units'],
    ['targetUnitIds', 'ung-fritid,narnia', 'targetUnitIds', 'unknown_units'],
    ['reminderDaysBeforeClose', '7,0', 'reminderDaysBeforeClose', 'invalid_reminder_days'],
    ['reminderDaysBeforeClose', '7,-2', 'reminderDaysBeforeClose', 'invalid_reminder_days'],
    ['reminderDaysBeforeClose', '2.5', 'reminderDaysBeforeClose', 'invalid_reminder_days'],
    ['reminderDaysBeforeClose', 'seven', 'reminderDaysBeforeClose', 'invalid_reminder_days'],
    ['reminderDaysBeforeClose', '7,2,7', 'reminderDaysBeforeClose', 'duplicate_reminder_days'],
    ['reminderDaysBeforeClose', '28', 'reminderDaysBeforeClose', 'reminder_before_open'],
  ])('%s = %j is refused under %s as %s', (field, value, key, kind) => {
    const result = check({ [field]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[key as keyof typeof result.problems]?.kind).toBe(kind);
  });

  it('names the unknown units', () => {
    const result = check({ targetUnitIds: 'narnia,ung-fritid,mordor' });
    expect(result).toEqual({ ok: false, problems: { targetUnitIds: { kind: 'unknown_units', unitIds: ['narnia', 'mordor'] } } });
  });

  it('accepts opening today and any day list; refuses a reminder on or before the open day', () => {
    expect(check({ opensOn: TODAY, closesOn: '2026-11-30' }).ok).toBe(true);
    expect(check({ opensOn: '2026-11-29', closesOn: '2026-11-30', reminderDaysBeforeClose: '1' }).ok).toBe(false);
    expect(check({ reminderDaysBeforeClose: '14, 3 1' })).toMatchObject({
      ok: true,
      draft: { reminderDaysBeforeClose: [14, 3, 1] },
    });
  });

  it.each([
    ['a draft sharing days', round({ state: 'draft', opensOn: '2026-11-20', closesOn: '2026-12-10' }), 'overlaps_round'],
    ['a started round sharing days', round({ state: 'open', opensOn: '2026-10-01', closesOn: '2026-11-02' }), 'another_round_open'],
    ['a round started for later', round({ state: 'open', opensOn: '2026-11-30', closesOn: '2026-12-20' }), 'another_round_open'],
  ])('refuses overlapping %s', (_name, other, kind) => {
    const result = check({}, [other]);
    // The other round is named by its dates, so the coordinator can find it on the card.
    expect(result).toEqual({ ok: false, problems: { round: { kind, roundId: 'r-2026', opensOn: other.opensOn, closesOn: other.closesOn } } });
  });

  it.each([
    ['a closed round', round({ state: 'closed', opensOn: '2026-10-01', closesOn: '2026-11-20', closedEarlyOn: '2026-10-10' })],
    ['an open round whose close date has passed', round({ state: 'open', opensOn: '2026-09-01', closesOn: '2026-10-14' })],
    ['an open round that ends before the new one opens', round({ state: 'open', opensOn: '2026-10-01', closesOn: '2026-11-01' })],
  ])('ignores %s', (_name, other) => {
    expect(check({}, [other]).ok).toBe(true);
  });
});

describe('round status', () => {
  it.each([
    ['draft', round(), '2026-11-10', 'not_started'],
    ['draft after its close date', round(), '2026-12-01', 'closed'],
    ['started, before open day', round({ state: 'open' }), '2026-11-01', 'not_started'],
    ['started, on open day', round({ state: 'open' }), '2026-11-02', 'open'],
    ['started, on close day', round({ state: 'open' }), '2026-11-30', 'open'],
    ['started, the day after close', round({ state: 'open' }), '2026-12-01', 'closed'],
    ['closed early', round({ state: 'closed', closedEarlyOn: '2026-11-10' }), '2026-11-10', 'closed'],
  ])('%s on %s: %s', (_name, subject, today, status) => {
    expect(roundStatusOn(subject, today)).toBe(status);
    expect(canAnswer(subject, today)).toBe(status === 'open');
  });
});

describe('startRound and closeRound', () => {
  it('starts a draft', () => {
    expect(startRound(round(), { existingRounds: [], today: TODAY })).toEqual({ ok: true, round: round({ state: 'open' }) });
  });

  it.each([
    ['an already started round', round({ state: 'open' }), [], 'not_draft'],
    ['a closed round', round({ state: 'closed' }), [], 'not_draft'],
    ['a draft past its close date', round({ closesOn: '2026-10-14', opensOn: '2026-10-01' }), [], 'close_date_passed'],
    ['while another is open', round(), [round({ id: 'other', state: 'open', opensOn: '2026-10-01', closesOn: '2026-10-20' })], 'another_round_open'],
  ])('refuses to start %s', (_name, subject, existingRounds, problem) => {
    const result = startRound(subject, { existingRounds, today: TODAY });
    expect(result).toMatchObject({ ok: false, problem });
  });

  it('starts when the other round is over by date even if nobody closed it, and ignores itself', () => {
    const stale = round({ id: 'old', state: 'open', opensOn: '2025-11-01', closesOn: '2025-11-30' });
    expect(startRound(round(), { existingRounds: [stale, round()], today: TODAY }).ok).toBe(true);
  });

  it('closes an open round early; answers are refused from then on', () => {
    const result = closeRound(round({ state: 'open' }), '2026-11-10');
    expect(result).toEqual({ ok: true, round: round({ state: 'closed', closedEarlyOn: '2026-11-10' }) });
    if (result.ok) expect(canAnswer(result.round, '2026-11-10')).toBe(false);
  });

  it.each([
    ['a draft', round(), '2026-11-10', 'not_open'],
    ['a closed round', round({ state: 'closed', closedEarlyOn: '2026-11-05' }), '2026-11-10', 'already_closed'],
    ['a round past its close date', round({ state: 'open' }), '2026-12-01', 'already_closed'],
  ])('refuses to close %s', (_name, subject, today, problem) => {
    expect(closeRound(subject, today)).toEqual({ ok: false, problem });
  });
});

describe('editing and deleting drafts', () => {
  it.each([
    ['a draft', round(), TODAY, undefined],
    ['a draft whose dates have passed (never started)', round({ opensOn: '2026-09-01', closesOn: '2026-09-30' }), TODAY, undefined],
    ['a round started for later', round({ state: 'open' }), TODAY, 'round_started'],
    ['an open round', round({ state: 'open' }), '2026-11-10', 'round_started'],
    ['an open round past its close date', round({ state: 'open' }), '2026-12-01', 'round_closed'],
    ['a closed round', round({ state: 'closed', closedEarlyOn: '2026-11-10' }), '2026-11-10', 'round_closed'],
  ])('%s on %s: %s', (_name, subject, today, problem) => {
    expect(draftProblem(subject, today)).toBe(problem);
    const edit = editDraft(subject, newRoundSchema.parse(validValues), { unitIds, existingRounds: [subject], today });
    if (problem) expect(edit).toEqual({ ok: false, problem });
    else expect(edit.ok).toBe(true);
  });

  it('saves a draft with new values, keeping its id and draft state, and ignores its own dates', () => {
    const draft = round();
    const edit = editDraft(draft, newRoundSchema.parse({ ...validValues, closesOn: '2026-12-04', reminderDaysBeforeClose: '3' }), { unitIds, existingRounds: [draft], today: TODAY });
    expect(edit).toEqual({ ok: true, round: { ...draft, closesOn: '2026-12-04', targetUnitIds: ['ung-fritid', 'skola-syd'], reminderDaysBeforeClose: [3] } });
  });

  it.each([
    ['values a new round may not have', { closesOn: '2026-11-01' }, [], { closesOn: { kind: 'closes_before_opens' } }],
    [
      'days of another draft',
      {},
      [round({ id: 'other', opensOn: '2026-11-25', closesOn: '2026-12-15' })],
      { round: { kind: 'overlaps_round', roundId: 'other', opensOn: '2026-11-25', closesOn: '2026-12-15' } },
    ],
  ])('refuses %s', (_name, overrides, others, problems) => {
    const draft = round();
    const edit = editDraft(draft, newRoundSchema.parse({ ...validValues, ...overrides }), { unitIds, existingRounds: [draft, ...others], today: TODAY });
    expect(edit).toEqual({ ok: false, problems });
  });

  it('fills the form with a stored round as the card sends it back', () => {
    const draft = round({ targetUnitIds: ['ung-fritid', 'forskola'], reminderDaysBeforeClose: [14, 2] });
    const values = roundValuesOf(draft);
    expect(values).toEqual({ year: '2026', opensOn: '2026-11-02', closesOn: '2026-11-30', targetUnitIds: 'ung-fritid,forskola', reminderDaysBeforeClose: '14, 2' });
    expect(editDraft(draft, values, { unitIds, existingRounds: [draft], today: TODAY })).toEqual({ ok: true, round: draft });
  });
});
