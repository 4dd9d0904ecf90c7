import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { JOB_PLANS } from '../../src/jobs/job-plans';
import { everySecondsCron } from '../../src/jobs/scheduler';

const at = (iso: string) => new Date(iso);

describe('when each job is due (Europe/Stockholm)', () => {
  it.each([
    // The digest: from 08:00 on the first working day; 1 Jan and the weekend push it to Monday 4 Jan 2027.
    ['digest', '2027-01-04T07:59:00+01:00', undefined],
    ['digest', '2027-01-04T08:00:00+01:00', 'digest:2026-12'],
    ['digest', '2027-01-02T12:00:00+01:00', undefined],
    ['digest', '2027-01-27T23:00:00+01:00', 'digest:2026-12'], // caught up later in the month
    // Nudges and survey reminders: working days, 09:00–16:00; not on Kristi himmelfärd.
    ['nudges', '2027-05-06T10:00:00+02:00', undefined],
    ['nudges', '2027-05-07T08:59:00+02:00', undefined],
    ['nudges', '2027-05-07T09:00:00+02:00', 'nudges:2027-05-07'],
    ['nudges', '2027-05-07T16:00:00+02:00', undefined],
    ['survey-reminders', '2026-12-24T10:00:00+01:00', undefined], // julafton is no working day
    ['survey-reminders', '2026-12-23T15:59:00+01:00', 'survey-reminders:2026-12-23'],
    // Case deadlines: working days 09:00–16:00; not on trettondedag jul.
    ['case-deadlines', '2027-01-06T10:00:00+01:00', undefined],
    ['case-deadlines', '2027-01-07T09:00:00+01:00', 'case-deadlines:2027-01-07'],
    ['case-deadlines', '2027-01-09T10:00:00+01:00', undefined],
    ['retention', '2026-12-01T00:04:00+01:00', undefined],
    ['retention', '2026-12-01T00:05:00+01:00', 'retention:2026-12-01'],
  ] as const)('%s at %s: %s', (job, now, key) => {
    expect(JOB_PLANS[job].periodAt(at(now))?.key).toBe(key);
  });

  it('wakes every job on a valid cron, and the outbox flush about as often as configured', () => {
    for (const plan of Object.values(JOB_PLANS)) expect(cron.validate(plan.cron)).toBe(true);
    expect(everySecondsCron(1)).toBe('*/1 * * * * *');
    expect(everySecondsCron(30)).toBe('*/30 * * * * *');
    expect(everySecondsCron(300)).toBe('0 */5 * * * *');
    for (const seconds of [1, 30, 59, 60, 3600]) expect(cron.validate(everySecondsCron(seconds))).toBe(true);
  });
});
