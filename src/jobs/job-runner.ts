import { Leases } from '../store/repositories/leases';
import { isStoreError } from '../store/store-error';
import { JOBS, type JobContext, type JobName } from './jobs';

/** A job is given this long; a holder that dies mid-run frees the job after it. */
const LEASE_MS = 10 * 60_000;

export type JobRunOutcome =
  | { status: 'ran'; key: string; result: Record<string, number | string> }
  | { status: 'already_ran'; key: string }
  | { status: 'not_due' }
  | { status: 'busy'; key: string };

interface JobRunRecord {
  key: string;
  ranAt: string;
  holder: string;
  result: Record<string, number | string>;
}

/**
 * Runs a job at most once per period, across every bot instance on the same store: the period's
 * key is recorded once it ran, and the run itself happens under the job's lease.
 */
export class JobRunner {
  private readonly leases: Leases;

  constructor(
    private readonly context: JobContext,
    private readonly holder: string,
  ) {
    this.leases = new Leases(context.store);
  }

  private async alreadyRan(name: JobName, key: string): Promise<boolean> {
    return (await this.context.store.read<JobRunRecord>('jobRuns', name, key)) !== undefined;
  }

  async runIfDue(name: JobName, now: Date): Promise<JobRunOutcome> {
    const job = JOBS[name];
    const period = job.plan.periodAt(now, this.context.district);
    if (!period) return { status: 'not_due' };
    if (await this.alreadyRan(name, period.key)) return { status: 'already_ran', key: period.key };
    const lease = await this.leases.acquire(`job:${name}`, this.holder, LEASE_MS, now);
    if (!lease) return { status: 'busy', key: period.key };
    try {
      // Checked again under the lease: another instance may have finished between the two reads.
      if (await this.alreadyRan(name, period.key)) return { status: 'already_ran', key: period.key };
      const wallNow = this.context.wallClock?.() ?? now;
      const result = await job.run(this.context, now, period, wallNow < now ? wallNow : now);
      try {
        await this.context.store.create<JobRunRecord>('jobRuns', name, period.key, { key: period.key, ranAt: now.toISOString(), holder: this.holder, result });
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
      }
      this.context.log.info({ event: 'job.ran', job: name, key: period.key, ...result }, 'job ran');
      return { status: 'ran', key: period.key, result };
    } finally {
      await this.leases.release(lease, now);
    }
  }
}
