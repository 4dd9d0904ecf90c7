import cron, { type ScheduledTask } from 'node-cron';
import { DISTRICT_TIME_ZONE } from '../domain/stockholm-time';
import type { JobRunner } from './job-runner';
import { JOBS, type JobName } from './jobs';

/** A cron expression (with seconds) that fires about every `seconds` seconds. */
export function everySecondsCron(seconds: number): string {
  if (seconds < 60) return `*/${Math.max(1, Math.round(seconds))} * * * * *`;
  return `0 */${Math.min(59, Math.max(1, Math.round(seconds / 60)))} * * * *`;
}

/**
 * Wakes every job on its cron (Europe/Stockholm) and once at start, so a run missed while the bot
 * was down is caught up when it comes back. node-cron keeps no state of its own: whether a period
 * already ran is the runner's business, in the store.
 */
export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly runner: JobRunner,
    private readonly clock: () => Date,
    private readonly onError: (job: JobName, error: unknown) => void,
    /** After a job ran: what it queued can go out now, not at the next flush. */
    private readonly onRan: () => void = () => undefined,
  ) {}

  private wake(name: JobName): void {
    const run = this.runner
      .runIfDue(name, this.clock())
      .then((outcome) => outcome.status === 'ran' && this.onRan())
      .catch((error: unknown) => this.onError(name, error));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /**
   * The outbox flush: sends what failed before or waited while the bot was down. It runs in every
   * instance (each claims what it sends), also when the scheduled jobs are off.
   */
  startFlush(seconds: number, flush: () => void): void {
    this.tasks.push(cron.schedule(everySecondsCron(seconds), flush, { timezone: DISTRICT_TIME_ZONE, noOverlap: true, name: 'outbox-flush' }));
    flush();
  }

  /** The named jobs, each woken on its cron and once now. */
  start(): void {
    for (const name of Object.keys(JOBS) as JobName[]) {
      this.tasks.push(cron.schedule(JOBS[name].plan.cron, () => this.wake(name), { timezone: DISTRICT_TIME_ZONE, noOverlap: true, name }));
      this.wake(name);
    }
  }

  /** Stops waking jobs and waits for those running. */
  async stop(): Promise<void> {
    for (const task of this.tasks) await task.stop();
    this.tasks = [];
    await Promise.allSettled([...this.running]);
  }
}
