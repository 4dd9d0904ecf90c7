import type { DistrictConfig } from '../config/district';
import { DEFAULT_FOLLOW_UP_SETTING, followUpYearOn } from '../domain/activity/follow-up';
import { firstWorkingDayOfMonth, isWorkingDay } from '../domain/calendar/working-days';
import { lastMonthOf } from '../domain/digest/months';
import { stockholmDate, stockholmInstant } from '../domain/stockholm-time';

/** One run of a job: the period it covers (its idempotency key) and when it became due. */
export interface JobPeriod {
  key: string;
  dueAt: Date;
}

export interface JobPlan {
  /** When node-cron wakes the job (Europe/Stockholm). Waking more often than due is harmless. */
  cron: string;
  /** The period due at `now`, or undefined when nothing is due yet; a plan may read the district's own dates. */
  periodAt(now: Date, district?: Pick<DistrictConfig, 'activityFollowUp'>): JobPeriod | undefined;
}

/** Once a day, due from just after midnight Stockholm time; a missed day is caught up the same day. */
function daily(name: string, time: string, cron: string): JobPlan {
  return {
    cron,
    periodAt(now) {
      const today = stockholmDate(now);
      const dueAt = stockholmInstant(today, time);
      return now >= dueAt ? { key: `${name}:${today}`, dueAt } : undefined;
    },
  };
}

/**
 * Messages to people go out on working days between 09:00 and 16:00 Stockholm time: due from
 * 09:00, and a bot that was down all day does not catch up after 16:00 (a nudge in the evening
 * helps nobody). Woken every quarter hour in those hours.
 */
function workingDayOfficeHours(name: string): JobPlan {
  return {
    cron: '*/15 9-15 * * 1-5',
    periodAt(now) {
      const today = stockholmDate(now);
      if (!isWorkingDay(today)) return undefined;
      const from = stockholmInstant(today, '09:00');
      return now >= from && now < stockholmInstant(today, '16:00') ? { key: `${name}:${today}`, dueAt: from } : undefined;
    },
  };
}

/**
 * The digest of last month (SPEC §4): due from 08:00 on the first working day of the month, and a
 * digest missed while the bot was down is still due later the same month. The period is the
 * month the digest covers, so it is made once.
 */
const monthlyDigest: JobPlan = {
  cron: '0 8 * * *',
  periodAt(now) {
    const today = stockholmDate(now);
    const dueAt = stockholmInstant(firstWorkingDayOfMonth(today.slice(0, 7)), '08:00');
    return now >= dueAt ? { key: `digest:${lastMonthOf(today)}`, dueAt } : undefined;
  },
};

/**
 * The yearly follow-up of the action plan's activities: due on each working day of its window —
 * from the district's follow-up day (default 1 November, moved on to the next working day when it
 * is a weekend or holiday) for FOLLOW_UP_WINDOW_WORKING_DAYS working days — from the configured
 * time until 16:00. The first day sends the cards, a later day the one reminder and the cards of
 * anyone named since; what a run queues is named per year, activity and person, so never twice.
 */
const activityFollowUp: JobPlan = {
  cron: '*/15 8-15 * * 1-5',
  periodAt(now, district) {
    const setting = district?.activityFollowUp ?? DEFAULT_FOLLOW_UP_SETTING;
    const today = stockholmDate(now);
    if (!isWorkingDay(today) || followUpYearOn(today, setting) === undefined) return undefined;
    const from = stockholmInstant(today, setting.time);
    return now >= from && now < stockholmInstant(today, '16:00') ? { key: `activity-followup:${today}`, dueAt: from } : undefined;
  },
};

/** How often each job runs. The digest, reminders and nudges join with their features. */
export const JOB_PLANS = {
  retention: daily('retention', '00:05', '5 * * * *'),
  'survey-reminders': workingDayOfficeHours('survey-reminders'),
  nudges: workingDayOfficeHours('nudges'),
  // Reminders to coordinators are for people too: working days, in office hours.
  'case-deadlines': workingDayOfficeHours('case-deadlines'),
  digest: monthlyDigest,
  'activity-followup': activityFollowUp,
} satisfies Record<string, JobPlan>;
