import type { Logger } from 'pino';
import type { DistrictConfig } from '../config/district';
import type { AppConfig } from '../config/env';
import { lastMonthOf } from '../domain/digest/months';
import { stockholmDate } from '../domain/stockholm-time';
import { queueCaseReminders } from '../services/case-reminders';
import { queueDigest } from '../services/digest-service';
import { runRetention } from '../services/retention-service';
import { queueActivityFollowUps } from '../services/activity-followups';
import { queueForumSteps } from '../services/forum-nudges';
import { queueSurveyReminders } from '../services/survey-reminders';
import type { DocumentStore } from '../store/document-store';
import { JOB_PLANS, type JobPeriod, type JobPlan } from './job-plans';

export interface JobContext {
  config: AppConfig;
  store: DocumentStore;
  log: Logger;
  pseudonymize: (aadObjectId: string) => string;
  district: DistrictConfig;
  /** The real time, for the queue: a job run `--now` ahead of it still delivers what it decided at once. */
  wallClock?: () => Date;
}

export interface Job {
  plan: JobPlan;
  /**
   * Runs the job for one period as if at `now`; what it queues is due from `queueAt` (now, or the
   * real time when that is earlier). Returns counts only (they are logged and printed).
   */
  run(context: JobContext, now: Date, period: JobPeriod, queueAt: Date): Promise<Record<string, number | string>>;
}

/** The scheduled jobs by name; the scheduler and `npm run cli -- jobs run` run the same code. */
export const JOBS: Record<'digest' | 'nudges' | 'survey-reminders' | 'case-deadlines' | 'retention' | 'activity-followup', Job> = {
  digest: {
    plan: JOB_PLANS.digest,
    run: async (context, now, _period, queueAt) => {
      const month = lastMonthOf(stockholmDate(now));
      return { month, digest: await queueDigest(context.store, context.district, month, queueAt, false, stockholmDate(now)) };
    },
  },
  retention: {
    plan: JOB_PLANS.retention,
    run: async (context, now, _period, queueAt) => runRetention(context.store, now, context.config.retentionMonths, { district: context.district, queueAt }),
  },
  'survey-reminders': {
    plan: JOB_PLANS['survey-reminders'],
    run: async (context, now, _period, queueAt) => queueSurveyReminders(context.store, context.pseudonymize, now, queueAt),
  },
  nudges: {
    plan: JOB_PLANS.nudges,
    run: async (context, now, _period, queueAt) => queueForumSteps(context.store, now, queueAt),
  },
  'case-deadlines': {
    plan: JOB_PLANS['case-deadlines'],
    run: async (context, now, _period, queueAt) => queueCaseReminders(context.store, context.district, context.config.caseDeadlines, now, queueAt),
  },
  'activity-followup': {
    plan: JOB_PLANS['activity-followup'],
    run: async (context, now, _period, queueAt) => queueActivityFollowUps(context.store, context.district, now, queueAt),
  },
};

export type JobName = keyof typeof JOBS;

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOBS, name);
}
