import type { Logger } from 'pino';
import type { AdaptiveCardJson } from '../cards/render-card';
import { applyDeliveryOutcome, type DeliveryOutcome, type DeliveryState } from '../domain/delivery';
import { FlushLoop } from './flush-loop';
import { errorFields } from '../log';

/** Posts cards to the coordinators' channel and edits them; implemented by the Teams transport. */
export interface ChannelPoster {
  /** Delivered carries the id Teams gave the new message, when it said. */
  post(card: AdaptiveCardJson): Promise<DeliveryOutcome>;
  /** Replaces a posted message's card for everyone in the channel. */
  update(activityId: string, card: AdaptiveCardJson): Promise<DeliveryOutcome>;
}

/** One thing waiting for the coordinators' channel; its delivery state lives in its own record. */
export interface PendingChannelPost {
  /** For logs: a report reference or a message id, never content. */
  id: string;
  kind: string;
  delivery: DeliveryState;
  card(): AdaptiveCardJson;
  /** Set when this edits a message already posted (its activity id) instead of posting a new one. */
  updates?: string;
  /**
   * Takes the post for this process until `until` (a conditional write); false when another
   * process took it first. Several bot instances on one store post each thing once.
   */
  claim(until: Date): Promise<boolean>;
  /** Stores the new delivery state in the record (after a claim), with the posted message's id when delivered. */
  record(next: DeliveryState, activityId?: string): Promise<void>;
  /** After a delivery, e.g. to audit a disclosure. */
  delivered?(next: DeliveryState): Promise<void>;
}

/** A kind of record that holds channel posts (reports, digests, forum follow-ups). */
export interface ChannelPostSource {
  due(by: Date, limit: number): Promise<PendingChannelPost[]>;
}

const BATCH = 50;
/**
 * "Due by the end of time", for "everything now". Stores compare due times as ISO text, so it
 * must sort after every real instant: year 9999 does; `new Date(8.64e15)` is `+275760-…`, whose
 * "+" sorts before "2", so nothing was due and a just-bound channel waited out every backoff.
 */
export const EVERYTHING_DUE = new Date('9999-12-31T23:59:59.999Z');
/** A claimed post that was not recorded by then (the process died) is due again. */
export const CLAIM_MS = 60_000;

/**
 * At-least-once delivery to the coordinators' channel of everything that waits for it. The
 * pending state lives in the record itself (written with it, in one write), so what is stored is
 * never forgotten: a failed post is retried with backoff until it goes through, after restarts too.
 */
export class ChannelPostOutbox {
  private readonly loop: FlushLoop;
  /** Set when every pending post should go now, not when its backoff says (a channel was just bound). */
  private ignoreBackoff = false;

  constructor(
    private readonly deps: {
      sources: readonly ChannelPostSource[];
      poster: ChannelPoster;
      clock: () => Date;
      random: () => number;
      log: Logger;
    },
  ) {
    this.loop = new FlushLoop(
      () => this.flushDue(),
      (error) => deps.log.warn({ event: 'outbox.flush_failed', err: errorFields(error) }, 'channel post flush failed'),
    );
  }

  private get stopped(): boolean {
    return this.loop.stopped;
  }

  /** A channel was bound: every waiting post goes now, whatever its backoff. */
  retryAllNow(): Promise<void> {
    this.ignoreBackoff = true;
    return this.kick();
  }

  /** Starts a flush now (or right after the one running); never throws. */
  kick(): Promise<void> {
    return this.loop.run();
  }

  /**
   * Graceful stop: the post being sent finishes, nothing new starts. What is still pending stays
   * in the store for the next start.
   */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async flushDue(): Promise<void> {
    const dueBy = this.ignoreBackoff ? EVERYTHING_DUE : this.deps.clock();
    this.ignoreBackoff = false;
    for (const source of this.deps.sources) {
      // The channel is down or not bound: the rest would fail the same way; wait for the next round.
      if (!(await this.flushSource(source, dueBy))) return;
    }
  }

  /** Posts what the source has due; false when a post failed. */
  private async flushSource(source: ChannelPostSource, dueBy: Date): Promise<boolean> {
    const { poster, clock, random, log } = this.deps;
    while (!this.stopped) {
      const due = await source.due(dueBy, BATCH);
      let posted = 0;
      for (const post of due) {
        if (this.stopped) return true;
        // "Everything now" (a channel was just bound) skips backoff, never another process's claim.
        if (post.delivery.claimedUntil && Date.parse(post.delivery.claimedUntil) > clock().getTime()) continue;
        if (!(await post.claim(new Date(clock().getTime() + CLAIM_MS)))) continue;
        posted += 1;
        const send = post.updates ? poster.update(post.updates, post.card()) : poster.post(post.card());
        const outcome = await send.catch(
          (error: unknown): DeliveryOutcome => ({ kind: 'transient', code: (error as Error).name || 'error' }),
        );
        const next = applyDeliveryOutcome(post.delivery, outcome, clock(), random());
        await post.record(next, outcome.kind === 'delivered' ? outcome.activityId : undefined);
        if (outcome.kind === 'delivered') await post.delivered?.(next);
        log.info(
          { event: 'channel_post', kind: post.kind, reference: post.id, outcome: outcome.kind, attempts: next.attempts, code: next.lastErrorCode },
          'channel post attempt',
        );
        // Unreachable is one message gone (an edit of a post deleted in Teams), not the channel down.
        if (outcome.kind !== 'delivered' && outcome.kind !== 'unreachable') return false;
      }
      // A short page is the last; a page where others held every post would come back the same.
      if (due.length < BATCH || posted === 0) return true;
    }
    return true;
  }
}
