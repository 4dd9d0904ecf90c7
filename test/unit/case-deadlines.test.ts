import { describe, expect, it } from 'vitest';
import { applyCaseAction, newCase, type CaseRecord } from '../../src/domain/concern/case';
import {
  caseDeadlines,
  daysBetween,
  dueCaseReminders,
  workingDaysBetween,
  type CaseDeadlineSettings,
} from '../../src/domain/concern/case-deadlines';

const DEFAULTS: CaseDeadlineSettings = { ackWorkingDays: 2, closeTargetDays: 90 };

describe('the acknowledgement deadline and its reminder day', () => {
  it.each([
    // [came in (Stockholm date), ACK_WORKING_DAYS, due by the end of, reminder on, why]
    ['2026-11-27', 2, '2026-12-01', '2026-12-02', 'Friday: Monday and Tuesday count'],
    ['2026-11-28', 2, '2026-12-01', '2026-12-02', 'Saturday: as from Friday'],
    ['2026-11-30', 2, '2026-12-02', '2026-12-03', 'Monday: the day itself never counts'],
    ['2027-01-04', 2, '2027-01-07', '2027-01-08', 'Trettondedag jul (Wednesday) skipped'],
    ['2027-05-04', 2, '2027-05-07', '2027-05-10', 'Kristi himmelsfärdsdag (Thursday) skipped, reminder after the weekend'],
    ['2026-05-12', 2, '2026-05-15', '2026-05-18', 'Kristi himmelsfärdsdag 2026'],
    ['2026-06-18', 2, '2026-06-23', '2026-06-24', 'midsommarafton, midsommardagen and the weekend skipped'],
    ['2026-12-23', 2, '2026-12-29', '2026-12-30', 'julafton to the weekend skipped'],
    ['2026-01-02', 1, '2026-01-05', '2026-01-07', 'one working day; the reminder skips trettondedag jul'],
    ['2027-01-04', 5, '2027-01-12', '2027-01-13', 'five working days over trettondedag jul'],
  ] as const)('in on %s with %i → due %s, reminder %s (%s)', (submittedOn, ackWorkingDays, acknowledgeBy, reminderOn, _why) => {
    const deadlines = caseDeadlines(submittedOn, { ...DEFAULTS, ackWorkingDays });
    expect(deadlines.acknowledgeBy).toBe(acknowledgeBy);
    expect(deadlines.acknowledgeReminderOn).toBe(reminderOn);
  });

  it.each([
    ['2026-11-27', 90, '2027-02-25', '2027-02-11'],
    ['2026-12-31', 90, '2027-03-31', '2027-03-17'],
    ['2026-11-27', 15, '2026-12-12', '2026-11-28'],
  ] as const)('in on %s, close target %i days → %s, reminder %s', (submittedOn, closeTargetDays, closeBy, reminderOn) => {
    const deadlines = caseDeadlines(submittedOn, { ...DEFAULTS, closeTargetDays });
    expect(deadlines.closeBy).toBe(closeBy);
    expect(deadlines.closeReminderOn).toBe(reminderOn);
  });

  it.each([
    ['2026-11-27', '2026-11-27', 0],
    ['2026-11-27', '2026-11-30', 1],
    ['2027-01-04', '2027-01-07', 2],
    ['2026-12-23', '2026-12-31', 3],
    ['2026-12-01', '2026-11-27', 0],
  ] as const)('working days after %s up to %s: %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it('counts calendar days across the change to summer time', () => {
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2026-11-27', '2027-02-25')).toBe(90);
  });
});

const by = 'Kim Samordnare';
const at = (iso: string) => new Date(iso);
const acknowledged = (on: string): CaseRecord => {
  const step = applyCaseAction(newCase(), { kind: 'acknowledge' }, by, at(`${on}T09:00:00Z`));
  if (!step.ok) throw new Error('not allowed');
  return step.case;
};
const closedThenReopened = (): CaseRecord => {
  let record = acknowledged('2026-11-30');
  for (const [action, on] of [
    [{ kind: 'assess' }, '2026-12-01'],
    [{ kind: 'close', outcome: 'no_action' }, '2026-12-10'],
    [{ kind: 'reopen' }, '2027-02-20'],
  ] as const) {
    const step = applyCaseAction(record, action, by, at(`${on}T09:00:00Z`));
    if (!step.ok) throw new Error('not allowed');
    record = step.case;
  }
  return record;
};
const closed = (): CaseRecord => {
  let record = acknowledged('2026-11-30');
  for (const action of [{ kind: 'assess' }, { kind: 'close', outcome: 'other' }] as const) {
    const step = applyCaseAction(record, action, by, at('2026-12-01T09:00:00Z'));
    if (!step.ok) throw new Error('not allowed');
    record = step.case;
  }
  return record;
};

describe('which reminders are due (report in on Friday 27 November 2026, 14:00)', () => {
  const report = (record: CaseRecord | undefined, extra: Record<string, unknown> = {}) => ({
    reference: 'VBE-2026-0042',
    submittedAt: '2026-11-27T13:00:00.000Z',
    ...(record ? { case: record } : {}),
    ...extra,
  });
  it.each([
    ['new, on the deadline day', newCase(), '2026-12-01', []],
    ['new, the working day after the deadline', newCase(), '2026-12-02', ['acknowledge']],
    ['new, a week late (a missed run is caught up)', newCase(), '2026-12-09', ['acknowledge']],
    ['acknowledged in time', acknowledged('2026-11-30'), '2026-12-02', []],
    ['acknowledged late, before the job ran', acknowledged('2026-12-02'), '2026-12-02', []],
    ['received, the day before the close reminder', acknowledged('2026-11-30'), '2027-02-10', []],
    ['received, 14 days before the close target', acknowledged('2026-11-30'), '2027-02-11', ['close']],
    ['still new at the close reminder: both', newCase(), '2027-02-11', ['acknowledge', 'close']],
    ['closed', closed(), '2027-02-11', []],
    ['reopened after the reminder day: the close reminder, not the acknowledgement one', closedThenReopened(), '2027-02-20', ['close']],
    ['a stored report without a case (status open) reads as new', undefined, '2026-12-02', ['acknowledge']],
  ] as const)('%s: %j', (_why, record, today, expected) => {
    expect(dueCaseReminders(report(record), today, DEFAULTS).map((reminder) => reminder.kind)).toEqual(expected);
  });

  it('a stored report marked handled reads as received: no acknowledgement reminder', () => {
    const legacy = report(undefined, { status: 'handled', handled: { byName: by, on: '2026-12-04' } });
    expect(dueCaseReminders(legacy, '2026-12-07', DEFAULTS)).toEqual([]);
  });

  it('says the state, the age and the deadline, counted from the Stockholm date the report came in', () => {
    // 23:30 UTC on Friday is 00:30 on Saturday in Stockholm: in on Saturday, due Tuesday as well.
    const [ack, close] = dueCaseReminders({ reference: 'VBE-2026-0043', submittedAt: '2026-11-27T23:30:00.000Z' }, '2027-02-12', DEFAULTS);
    expect(ack).toEqual({ kind: 'acknowledge', reference: 'VBE-2026-0043', state: 'new', submittedOn: '2026-11-28', ageDays: 76, dueOn: '2026-12-01', daysLeft: -73 });
    expect(close).toMatchObject({ kind: 'close', dueOn: '2027-02-26', daysLeft: 14 });
  });
});
