import cron, { type ScheduledTask } from 'node-cron';
import { DISTRICT_TIME_ZONE } from '../domain/stockholm-time';
import type { JobRunner } from './job-runner';
import { JOBS, type JobName } from './jobs';

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
  ) {}

  private wake(name: JobName): void {
    const run = this.runner.runIfDue(name, this.clock()).catch((error: unknown) => this.onError(name, error));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

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
