import { describe, expect, it } from 'vitest';
import { monthlyRuleOf, nextMeetingAfter, nthWeekdayOfMonth } from '../../src/domain/forum/cadence';
import { forumFormSchema, validateForumForm } from '../../src/domain/forum/forum';
import { applyChairAction, applyFollowup, dueStep, markStepQueued, newMeeting, type ForumMeeting } from '../../src/domain/forum/meeting';

describe('cadence', () => {
  it.each([
    [{ kind: 'weekly' } as const, '2027-05-11', '2027-05-18'],
    [{ kind: 'biweekly' } as const, '2027-05-11', '2027-05-25'],
    [{ kind: 'every4weeks' } as const, '2027-12-21', '2028-01-18'],
    // The 2nd Tuesday: 11 May → 8 June; across a year end.
    [{ kind: 'monthly', ...monthlyRuleOf('2027-05-11') } as const, '2027-05-11', '2027-06-08'],
    [{ kind: 'monthly', nth: 2, weekday: 2 } as const, '2027-12-14', '2028-01-11'],
    // From the 29th on: the last such weekday (Friday 29 Jan 2027 → Friday 26 Feb 2027).
    [{ kind: 'monthly', ...monthlyRuleOf('2027-01-29') } as const, '2027-01-29', '2027-02-26'],
    [{ kind: 'dates', dates: ['2027-01-12', '2027-03-09'] } as const, '2027-01-12', '2027-03-09'],
    [{ kind: 'dates', dates: ['2027-01-12', '2027-03-09'] } as const, '2027-03-09', undefined],
  ])('%j after %s is %s', (cadence, planned, next) => {
    expect(nextMeetingAfter(cadence, planned)).toBe(next);
  });

  it('finds the nth and the last weekday of a month', () => {
    expect(nthWeekdayOfMonth('2027-05', 1, 1)).toBe('2027-05-03');
    expect(nthWeekdayOfMonth('2027-05', 4, 5)).toBe('2027-05-28');
    expect(nthWeekdayOfMonth('2027-02', -1, 7)).toBe('2027-02-28');
    expect(monthlyRuleOf('2027-05-31')).toEqual({ nth: -1, weekday: 1 });
  });
});

describe('the registry form', () => {
  const valid = { name: ' SSPF  Västberga ', chair: '33333333-3333-4333-8333-333333333333', cadence: 'monthly', dates: '', nextMeetingOn: '2027-05-11', time: '13:00', leadWorkingDays: '' };
  const context = { today: '2027-04-20', otherNames: ['Polis–skola Älvsjö'] };

  it('accepts a complete form, with the default lead time and the monthly rule of the date', () => {
    const result = validateForumForm(forumFormSchema.parse(valid), context);
    expect(result).toEqual({
      ok: true,
      draft: { name: 'SSPF Västberga', chairId: valid.chair, cadence: { kind: 'monthly', nth: 2, weekday: 2 }, time: '13:00', leadWorkingDays: 5, nextMeetingOn: '2027-05-11' },
    });
  });

  it('names every problem at once', () => {
    const result = validateForumForm(
      forumFormSchema.parse({ name: 'polis–skola älvsjö', chair: 'none', cadence: 'daily', nextMeetingOn: '2027-04-01', time: '25:00', leadWorkingDays: '0' }),
      context,
    );
    expect(result.ok ? {} : result.problems).toEqual({
      name: { kind: 'duplicate_name' },
      chair: { kind: 'required' },
      cadence: { kind: 'invalid_choice' },
      nextMeetingOn: { kind: 'in_past' },
      time: { kind: 'invalid_time' },
      leadWorkingDays: { kind: 'invalid_lead', max: 20 },
    });
  });

  it.each([
    ['33333333-3333-4333-8333-333333333333', '33333333-3333-4333-8333-333333333333'],
    ['33333333-AAAA-4333-8333-333333333333', '33333333-aaaa-4333-8333-333333333333'],
    // The Agents Playground's people picker gives the Teams user id; its case is kept.
    ['29:ali-ordforande', '29:ali-ordforande'],
    ['29:1AbC_dE-f', '29:1AbC_dE-f'],
  ])('takes the chair %s as the people picker gives it', (chair, chairId) => {
    const result = validateForumForm(forumFormSchema.parse({ ...valid, chair }), context);
    expect(result.ok && result.draft.chairId).toBe(chairId);
  });

  it.each(['29:', '28:bot-id', '29:a b', '29:x/../y', 'mailto:a@b.se', '3333-3333', '29:' + 'x'.repeat(201)])('refuses %s as a chair', (chair) => {
    const result = validateForumForm(forumFormSchema.parse({ ...valid, chair }), context);
    expect(result.ok ? {} : result.problems).toEqual({ chair: { kind: 'unknown_chair' } });
  });

  it('takes explicit dates, the next meeting being the first still to come', () => {
    const result = validateForumForm(forumFormSchema.parse({ ...valid, cadence: 'dates', nextMeetingOn: '', dates: '2027-06-01, 2027-03-02 2027-05-04' }), context);
    expect(result.ok && result.draft.nextMeetingOn).toBe('2027-05-04');
    expect(result.ok && result.draft.cadence).toEqual({ kind: 'dates', dates: ['2027-03-02', '2027-05-04', '2027-06-01'] });
    const bad = validateForumForm(forumFormSchema.parse({ ...valid, cadence: 'dates', nextMeetingOn: '', dates: '4 maj' }), context);
    expect(bad.ok ? {} : bad.problems).toEqual({ dates: { kind: 'invalid_date' }, nextMeetingOn: { kind: 'required' } });
  });
});

describe('a meeting’s steps', () => {
  // Tuesday 11 May 2027; Kristi himmelfärd is Thursday 6 May.
  const meeting = newMeeting('f1', '2027-05-11', '13:00');
  const at = (m: ForumMeeting, today: string) => dueStep(m, 5, today);

  it.each([
    ['2027-04-30', undefined],
    ['2027-05-03', 'nudge'],
    ['2027-05-10', 'nudge'], // missed while down: still nudged before the meeting
    ['2027-05-11', undefined], // the meeting day
    ['2027-05-12', 'followup'],
  ])('unanswered, on %s: %s', (today, step) => {
    expect(at(meeting, today)).toBe(step);
  });

  it('reminds once, two working days before, only while unanswered', () => {
    const nudged = markStepQueued(meeting, 'nudge', '2027-05-03');
    expect(at(nudged, '2027-05-05')).toBeUndefined();
    expect(at(nudged, '2027-05-07')).toBe('reminder');
    expect(at(markStepQueued(nudged, 'reminder', '2027-05-07'), '2027-05-10')).toBeUndefined();
    const confirmed = applyChairAction(nudged, { kind: 'confirm' }, '2027-05-04');
    expect(confirmed.ok && at(confirmed.meeting, '2027-05-07')).toBeUndefined();
  });

  it('snoozes to the next working day, never past the meeting', () => {
    const nudged = markStepQueued(meeting, 'nudge', '2027-05-05');
    const snoozed = applyChairAction(nudged, { kind: 'snooze' }, '2027-05-05');
    expect(snoozed.ok && snoozed.meeting.agenda.snoozedUntil).toBe('2027-05-07'); // over the holiday
    expect(snoozed.ok && at(snoozed.meeting, '2027-05-06')).toBeUndefined();
    expect(snoozed.ok && at(snoozed.meeting, '2027-05-07')).toBe('nudge');
    expect(applyChairAction(nudged, { kind: 'snooze' }, '2027-05-10')).toEqual({ ok: false, problem: 'too_late_to_snooze' });
  });

  it('moves and cancels; answers on a passed or cancelled meeting change nothing', () => {
    const moved = applyChairAction(markStepQueued(meeting, 'nudge', '2027-05-03'), { kind: 'move', date: '2027-05-18', time: '09:00' }, '2027-05-04');
    expect(moved.ok && moved.meeting).toMatchObject({ plannedOn: '2027-05-11', date: '2027-05-18', time: '09:00', agenda: { state: 'waiting' } });
    expect(applyChairAction(meeting, { kind: 'move', date: '2027-05-01', time: '09:00' }, '2027-05-04')).toEqual({ ok: false, problem: 'meeting_passed' });
    const cancelled = applyChairAction(meeting, { kind: 'cancel' }, '2027-05-04');
    expect(cancelled.ok && at(cancelled.meeting, '2027-05-12')).toBeUndefined();
    expect(cancelled.ok && applyChairAction(cancelled.meeting, { kind: 'confirm' }, '2027-05-05')).toEqual({ ok: false, problem: 'cancelled' });
    expect(applyChairAction(meeting, { kind: 'confirm' }, '2027-05-11')).toEqual({ ok: false, problem: 'meeting_passed' });
    expect(applyFollowup(meeting, { discussed: 'yes', note: '' }, '2027-05-10')).toEqual({ ok: false, problem: 'not_passed' });
    const answered = applyFollowup(meeting, { discussed: 'no', note: ' ' }, '2027-05-12');
    expect(answered.ok && answered.meeting.followup).toEqual({ answeredOn: '2027-05-12', discussed: 'no' });
    expect(answered.ok && applyFollowup(answered.meeting, { discussed: 'yes', note: '' }, '2027-05-13')).toEqual({ ok: false, problem: 'already_answered' });
  });
});
