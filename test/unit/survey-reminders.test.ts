import { describe, expect, it } from 'vitest';
/** Weekdays only: the tests give the calendar explicitly, so holidays are the test's choice. */
const isWeekday = (date: string) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
import {
  isInsideReminderHours,
  reminderDates,
  reminderDecision,
  reminderDecisionAt,
} from '../../src/domain/survey/reminders';
import type { SurveyRound } from '../../src/domain/survey/survey-round';

const round = (overrides: Partial<SurveyRound> = {}): SurveyRound => ({
  id: 'r-2026',
  year: 2026,
  opensOn: '2026-11-02',
  closesOn: '2026-11-30', // a Monday
  targetUnitIds: ['ung-fritid'],
  reminderDaysBeforeClose: [7, 2],
  state: 'open',
  ...overrides,
});

/** A stand-in for the Swedish calendar: weekends plus julafton and juldagen off. */
const withChristmas = (date: string) => isWeekday(date) && !['2026-12-24', '2026-12-25'].includes(date);

describe('reminderDates', () => {
  it.each([
    ['both on weekdays', { closesOn: '2026-12-03', reminderDaysBeforeClose: [7, 2] }, isWeekday, [['2026-11-26', [7]], ['2026-12-01', [2]]]],
    ['Saturday moves to Friday', { closesOn: '2026-11-30', reminderDaysBeforeClose: [7, 2] }, isWeekday, [['2026-11-23', [7]], ['2026-11-27', [2]]]],
    ['Sunday moves to Friday', { closesOn: '2026-12-06', reminderDaysBeforeClose: [7, 2] }, isWeekday, [['2026-11-27', [7]], ['2026-12-04', [2]]]],
    ['Saturday and Sunday meet on Friday', { closesOn: '2026-12-07', reminderDaysBeforeClose: [1, 2] }, isWeekday, [['2026-12-04', [2, 1]]]],
    ['a holiday moves further back', { closesOn: '2026-12-26', reminderDaysBeforeClose: [2, 1] }, withChristmas, [['2026-12-23', [2, 1]]]],
    ['on or before the open day is dropped', { opensOn: '2026-11-27', closesOn: '2026-11-30', reminderDaysBeforeClose: [2, 1] }, isWeekday, []],
  ])('%s', (_name, overrides, isWorkingDay, expected) => {
    const dates = reminderDates(round(overrides), isWorkingDay).map(({ date, daysBeforeClose }) => [date, daysBeforeClose]);
    expect(dates).toEqual(expected);
  });

  it('gives up on a reminder when the calendar has no working day at all', () => {
    expect(reminderDates(round(), () => false)).toEqual([]);
  });
});

describe('isInsideReminderHours', () => {
  it.each([
    ['08:59', false],
    ['09:00', true],
    ['12:30', true],
    ['15:59', true],
    ['16:00', false],
    ['23:10', false],
    ['9:30', false],
  ])('%s → %s', (time, inside) => {
    expect(isInsideReminderHours(time)).toBe(inside);
  });
});

describe('reminderDecision', () => {
  it.each([
    ['reminder day inside hours', round(), '2026-11-27', '10:00', { send: true, reminderDate: '2026-11-27', daysBeforeClose: [2] }],
    ['the Saturday itself', round(), '2026-11-28', '10:00', { send: false, reason: 'not_a_reminder_day' }],
    ['an ordinary day', round(), '2026-11-25', '10:00', { send: false, reason: 'not_a_reminder_day' }],
    ['reminder day before 09:00', round(), '2026-11-23', '08:30', { send: false, reason: 'outside_hours' }],
    ['reminder day at 16:00', round(), '2026-11-23', '16:00', { send: false, reason: 'outside_hours' }],
    ['a draft round', round({ state: 'draft' }), '2026-11-23', '10:00', { send: false, reason: 'round_not_open' }],
    ['a round closed early', round({ state: 'closed', closedEarlyOn: '2026-11-20' }), '2026-11-23', '10:00', { send: false, reason: 'round_not_open' }],
  ])('%s', (_name, subject, today, time, expected) => {
    expect(reminderDecision(subject, today, time)).toEqual(expected);
  });

  it('uses the Swedish calendar by default, or the caller’s', () => {
    const christmas = round({ opensOn: '2026-12-01', closesOn: '2026-12-26', reminderDaysBeforeClose: [2] });
    // Julafton is not a working day in the Swedish calendar: the reminder moves to the 23rd.
    expect(reminderDecision(christmas, '2026-12-24', '10:00').send).toBe(false);
    expect(reminderDecision(christmas, '2026-12-23', '10:00').send).toBe(true);
    expect(reminderDecision(christmas, '2026-12-24', '10:00', isWeekday).send).toBe(true);
    expect(reminderDecision(christmas, '2026-12-24', '10:00', withChristmas).send).toBe(false);
    expect(reminderDecision(christmas, '2026-12-23', '10:00', withChristmas).send).toBe(true);
  });

  it.each([
    ['winter 08:30 UTC is 09:30 in Stockholm', round(), '2026-11-27T08:30:00Z', true],
    ['winter 07:59 UTC is 08:59 in Stockholm', round(), '2026-11-27T07:59:00Z', false],
    ['winter 15:00 UTC is 16:00 in Stockholm', round(), '2026-11-27T15:00:00Z', false],
    ['summer 07:30 UTC is 09:30 in Stockholm', round({ opensOn: '2026-06-01', closesOn: '2026-06-19', reminderDaysBeforeClose: [2] }), '2026-06-17T07:30:00Z', true],
    ['summer 14:30 UTC is 16:30 in Stockholm', round({ opensOn: '2026-06-01', closesOn: '2026-06-19', reminderDaysBeforeClose: [2] }), '2026-06-17T14:30:00Z', false],
  ])('reads an instant in Stockholm time: %s', (_name, subject, instant, send) => {
    expect(reminderDecisionAt(subject, new Date(instant)).send).toBe(send);
  });

  it('takes the Stockholm date, not the UTC one: 23:30 UTC on Thursday is Friday (a reminder day) 00:30', () => {
    expect(reminderDecisionAt(round(), new Date('2026-11-26T23:30:00Z'))).toEqual({ send: false, reason: 'outside_hours' });
  });
});
