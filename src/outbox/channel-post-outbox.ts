import type { Logger } from 'pino';
import type { ConcernReport } from '../domain/concern/concern-report';
import { applyDeliveryOutcome, type DeliveryOutcome } from '../domain/delivery';
import type { AuditLog } from '../store/repositories/audit-log';
import type { ConcernReports } from '../store/repositories/concern-reports';

/** Sends one report to the coordinators' channel; implemented by the Teams transport. */
export interface ChannelPoster {
  post(report: ConcernReport): Promise<DeliveryOutcome>;
}

const BATCH = 50;

/**
 * At-least-once delivery of stored reports to the coordinators' channel. The pending state lives
 * in the report itself (written with it, in one write), so a report that is stored is never
 * forgotten: a failed post is retried with backoff until it goes through, after restarts too.
 */
export class ChannelPostOutbox {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Set when every pending post should go now, not when its backoff says (a channel was just bound). */
  private ignoreBackoff = false;

  constructor(
    private readonly deps: {
      reports: ConcernReports;
      poster: ChannelPoster;
      audit: AuditLog;
      clock: () => Date;
      random: () => number;
      log: Logger;
    },
  ) {}

  /** A channel was bound: every waiting post goes now, whatever its backoff. */
  retryAllNow(): Promise<void> {
    this.ignoreBackoff = true;
    return this.kick();
  }

  /** Starts a flush now (or right after the one running); never throws. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.flushDue();
        } while (this.again && !this.stopped);
      } catch (error) {
        this.deps.log.warn({ event: 'outbox.flush_failed', err: { message: (error as Error).message } }, 'channel post flush failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /**
   * Graceful stop: the post being sent finishes, nothing new starts. What is still pending stays
   * in the store for the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.running) await this.running;
  }

  private async flushDue(): Promise<void> {
    const { reports, poster, clock, random, log } = this.deps;
    while (!this.stopped) {
      const dueBy = this.ignoreBackoff ? new Date(8.64e15) : clock();
      this.ignoreBackoff = false;
      const due = await reports.duePosts(dueBy, BATCH);
      if (due.length === 0) return;
      let anyDelivered = false;
      for (const document of due) {
        if (this.stopped) return;
        const outcome = await poster.post(document.body).catch(
          (error: unknown): DeliveryOutcome => ({ kind: 'transient', code: (error as Error).name || 'error' }),
        );
        const next = applyDeliveryOutcome(document.body.channelPost, outcome, clock(), random());
        await reports.setChannelPost(document, next);
        if (outcome.kind === 'delivered') {
          anyDelivered = true;
          // The report's content is now in front of the coordinators: that is a disclosure to record.
          await this.deps.audit.record({ at: next.deliveredAt!, actor: { kind: 'system' }, action: 'report.posted_to_channel', subject: document.id });
        }
        log.info(
          { event: 'channel_post', reference: document.id, outcome: outcome.kind, attempts: next.attempts, code: next.lastErrorCode },
          'channel post attempt',
        );
        // The channel is down or not bound: the rest would fail the same way; wait for the next round.
        if (outcome.kind !== 'delivered') return;
      }
      if (!anyDelivered || due.length < BATCH) return;
    }
  }
}
