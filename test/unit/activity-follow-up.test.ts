import { describe, expect, it } from 'vitest';
import { validateActivityForm, inPlanDuring, type Activity, type ActivityValues } from '../../src/domain/activity/activity';
import { followUpCompletion, followUpDueDate, followUpYearOn, reminderDateFor, validateFollowUp } from '../../src/domain/activity/follow-up';
import { JOB_PLANS } from '../../src/jobs/job-plans';

const setting = (date: string, time = '09:00') => ({ date, time });

describe('the day the yearly follow-up goes out', () => {
  it.each([
    // [year, configured day, due day, why]
    [2026, '11-01', '2026-11-02', 'Sunday 1 November: Monday'],
    [2025, '11-01', '2025-11-03', 'Saturday 1 November is also Alla helgons dag: Monday'],
    [2031, '11-01', '2031-11-03', 'Alla helgons dag on Saturday 1 November again'],
    [2027, '11-01', '2027-11-01', 'Monday 1 November is a working day'],
    [2024, '11-01', '2024-11-01', 'Friday 1 November (allhelgonaafton is no day off)'],
    [2026, '05-01', '2026-05-04', 'Första maj on a Friday, then the weekend'],
    [2027, '01-06', '2027-01-07', 'Trettondedag jul on a Wednesday'],
    [2026, '12-24', '2026-12-28', 'julafton, juldagen, annandag jul, Sunday'],
    [2026, '06-19', '2026-06-22', 'midsommarafton on a Friday'],
  ])('%i with %s: %s (%s)', (year, date, due) => {
    expect(followUpDueDate(year, setting(date))).toBe(due);
  });

  it.each([
    ['2026-11-02', '2026-11-09'],
    // Five working days across Alla helgons dag (a Saturday) and the weekend.
    ['2025-10-30', '2025-11-06'],
    // Across Christmas and New Year.
    ['2026-12-22', '2027-01-04'],
  ])('a card sent %s is reminded on %s', (askedOn, remindOn) => {
    expect(reminderDateFor(askedOn)).toBe(remindOn);
  });

  it.each([
    ['2026-10-30', '11-01', undefined],
    ['2026-11-01', '11-01', undefined],
    ['2026-11-02', '11-01', 2026],
    ['2026-11-30', '11-01', 2026],
    ['2026-12-01', '11-01', undefined],
    // A window that starts in December reaches into January and still follows up the old year.
    ['2027-01-12', '12-20', 2026],
    ['2027-02-15', '12-20', undefined],
  ])('on %s (follow-up day %s) the job follows up %s', (today, date, year) => {
    expect(followUpYearOn(today, setting(date))).toBe(year);
  });

  const at = (iso: string) => new Date(iso);
  it.each([
    ['2026-11-02T08:59:00+01:00', '11-01', '09:00', undefined],
    ['2026-11-02T09:00:00+01:00', '11-01', '09:00', 'activity-followup:2026-11-02'],
    ['2026-11-02T15:59:00+01:00', '11-01', '09:00', 'activity-followup:2026-11-02'],
    ['2026-11-02T16:00:00+01:00', '11-01', '09:00', undefined],
    ['2026-11-01T10:00:00+01:00', '11-01', '09:00', undefined],
    ['2026-11-07T10:00:00+01:00', '11-01', '09:00', undefined],
    ['2026-11-09T10:00:00+01:00', '11-01', '09:00', 'activity-followup:2026-11-09'],
    ['2026-11-02T10:00:00+01:00', '11-01', '13:30', undefined],
    ['2026-11-02T13:30:00+01:00', '11-01', '13:30', 'activity-followup:2026-11-02'],
    ['2026-05-04T09:00:00+02:00', '05-01', '09:00', 'activity-followup:2026-05-04'],
  ])('the job at %s (day %s, time %s) is due as %s', (now, date, time, key) => {
    expect(JOB_PLANS['activity-followup'].periodAt(at(now), { activityFollowUp: setting(date, time) })?.key).toBe(key);
  });

  it('defaults to the first working day of November at 09:00 without a district', () => {
    expect(JOB_PLANS['activity-followup'].periodAt(at('2026-11-02T09:00:00+01:00'))?.key).toBe('activity-followup:2026-11-02');
  });
});

describe('follow-up completion', () => {
  it.each([
    ['none asked, none answered', ['a', 'b'], {}, [], { answered: 0, total: 2, a: { asked: 0, answered: false } }],
    ['asked and answered', ['a', 'b'], { a: 2, b: 1 }, ['a'], { answered: 1, total: 2, a: { asked: 2, answered: true }, b: { asked: 1, answered: false } }],
    ['answered by a coordinator without anyone asked', ['a'], {}, ['a'], { answered: 1, total: 1, a: { asked: 0, answered: true } }],
    ['an answer of an activity no longer listed does not count', ['a'], { a: 1 }, ['gone'], { answered: 0, total: 1, a: { asked: 1, answered: false } }],
  ])('%s', (_name, ids, asked, answered, expected) => {
    const result = followUpCompletion(ids, new Map(Object.entries(asked)), new Set(answered));
    const { answered: count, total, ...perActivity } = expected as Record<string, unknown>;
    expect({ answered: result.answered, total: result.total }).toEqual({ answered: count, total });
    for (const [id, figures] of Object.entries(perActivity)) expect(result.perActivity.get(id)).toEqual(figures);
  });
});

describe('a follow-up answer', () => {
  it.each([
    [{ status: '', whatWasDone: '', nextYear: '' }, { status: 'required' }],
    [{ status: 'finished', whatWasDone: '', nextYear: '' }, { status: 'invalid_choice' }],
    [{ status: 'done', whatWasDone: 'Kontakta Mona på 070-123 45 67', nextYear: '' }, { whatWasDone: 'identifying_data' }],
    [{ status: 'delayed', whatWasDone: '', nextYear: 'Eleven 19811218-9876 ska få stöd' }, { nextYear: 'identifying_data' }],
    [{ status: 'done', whatWasDone: 'x'.repeat(2001), nextYear: '' }, { whatWasDone: 'too_long' }],
  ])('%j is refused: %j', (values, problems) => {
    const result = validateFollowUp(values);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.fromEntries(Object.entries(result.problems).map(([field, problem]) => [field, problem!.kind]))).toEqual(problems);
  });

  it('is taken with empty texts, and with plain ones', () => {
    expect(validateFollowUp({ status: 'not_started', whatWasDone: '', nextYear: '' })).toMatchObject({ ok: true, answer: { status: 'not_started' } });
    expect(validateFollowUp({ status: 'done', whatWasDone: 'Skolprogram i alla tolv grundskolor.', nextYear: 'Samma upplägg.' })).toMatchObject({ ok: true });
  });
});

describe('the activity form', () => {
  const valid: ActivityValues = { title: 'Rutin för kommunikation vid manifestation', category: 'preventing', responsibleRole: 'Förvaltningens samordnare mot VBE', responsibleUsers: '', scheduleKind: 'ongoing', scheduleFrom: '', scheduleTo: '' };
  it.each([
    [{ title: '' }, { title: 'required' }],
    [{ title: 'RUTIN VID UPPKOMST AV VBE I SKOLMILJÖ' }, { title: 'duplicate_title' }],
    [{ category: 'other' }, { category: 'invalid_choice' }],
    [{ responsibleRole: '' }, { responsibleRole: 'required' }],
    [{ responsibleUsers: 'not-a-person' }, { responsibleUsers: 'unknown_user' }],
    [{ scheduleKind: 'range' }, { scheduleFrom: 'required', scheduleTo: 'required' }],
    [{ scheduleKind: 'range', scheduleFrom: '2026-02-30', scheduleTo: '2026-03-01' }, { scheduleFrom: 'invalid_date' }],
    [{ scheduleKind: 'range', scheduleFrom: '2026-06-30', scheduleTo: '2026-01-01' }, { scheduleTo: 'ends_before_start' }],
  ])('%j is refused: %j', (change, problems) => {
    const result = validateActivityForm({ ...valid, ...change }, { otherTitles: ['Rutin vid uppkomst av VBE i skolmiljö'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.fromEntries(Object.entries(result.problems).map(([field, problem]) => [field, problem!.kind]))).toEqual(problems);
  });

  it('takes people from the picker (AAD ids in lower case, Teams ids as typed) and leaves its placeholder out', () => {
    const result = validateActivityForm({ ...valid, responsibleUsers: 'none,33333333-3333-4333-8333-AAAAAAAAAAAA,29:Mona-1', scheduleKind: 'range', scheduleFrom: '2026-01-01', scheduleTo: '2026-06-30' }, { otherTitles: [] });
    expect(result).toMatchObject({ ok: true, draft: { responsibleUserIds: ['33333333-3333-4333-8333-aaaaaaaaaaaa', '29:Mona-1'], schedule: { kind: 'range', from: '2026-01-01', to: '2026-06-30' } } });
  });

  it.each([
    ['registered this year, in the plan', { registeredOn: '2026-03-01', retired: false }, 2026, true],
    ['registered after the year', { registeredOn: '2027-01-10', retired: false }, 2026, false],
    ['retired during the year: still in its table', { registeredOn: '2025-01-10', retired: true, retiredOn: '2026-05-01' }, 2026, true],
    ['retired before the year', { registeredOn: '2025-01-10', retired: true, retiredOn: '2025-12-31' }, 2026, false],
  ])('%s', (_name, fields, year, expected) => {
    expect(inPlanDuring({ ...(fields as Partial<Activity>) } as Activity, year)).toBe(expected);
  });
});
