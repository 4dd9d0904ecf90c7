import type { Logger } from 'pino';
import type { AppConfig } from '../config/env';
import { runRetention } from '../services/retention-service';
import type { DocumentStore } from '../store/document-store';

export interface JobContext {
  config: AppConfig;
  store: DocumentStore;
  log: Logger;
}

/** The scheduled jobs by name; the scheduler and `npm run cli -- jobs run` run the same code. */
export const JOBS = {
  retention: async (context: JobContext, now: Date) => runRetention(context.store, now, context.config.retentionMonths),
} satisfies Record<string, (context: JobContext, now: Date) => Promise<Record<string, number>>>;

export type JobName = keyof typeof JOBS;

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOBS, name);
}
