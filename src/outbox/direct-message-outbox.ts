import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createSendRateLimiter, type SendRateLimiter } from '../domain/send-rate-limit';
import type {
  OutboxDocument,
  OutboxMessages,
  OutboxPayloadRef,
  OutboxRecipient,
  SendResult,
} from '../store/repositories/outbox-messages';
import { FlushLoop } from './flush-loop';
import { errorFields } from '../log';

/**
 * Awaited by the sender right before each request to Teams leaves (createConversation, the send):
 * resolves when the app's and the recipient's rate limits let it go, and counts it then.
 */
export type RequestSlot = () => Promise<void>;

/**
 * Sends one message to one user in their 1:1 chat; implemented by the Teams transport. It creates
 * the chat (createConversation) when the recipient has no `conversationId` and returns the id it
 * used, so the outbox stores it for next time. 429 → `throttled` with Retry-After; 403/404 →
 * `unreachable` (app not installed for the user); 412/5xx/timeouts → `transient`. It must give up
 * well within the claim's lifetime (60 s), or the message may be claimed and sent again. Whatever
 * it reads first (settings, the card's data) it reads before its first `requestSlot()`: a slot
 * taken before slow store reads would let requests leave later in bursts over the app's rate.
 */
export interface DirectMessageSender {
  send(recipient: OutboxRecipient, payloadRef: OutboxPayloadRef, requestSlot: RequestSlot): Promise<SendResult>;
}

export interface DirectMessageOutboxDeps {
  messages: OutboxMessages;
  sender: DirectMessageSender;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  log: Logger;
  /** Defaults to Teams' limits with 40 requests/s for the app. One limiter per process. */
  limiter?: SendRateLimiter;
  /** Sends in flight at once (to different users); default 8. */
  concurrency?: number;
  /** Names this process on its claims; default a random id. */
  owner?: string;
}

export const DEFAULT_CONCURRENCY = 8;
const PAGE_SIZE = 100;
/** A claimed message waits at most this long for its slot; longer waits go back to the store. */
const MAX_SLOT_WAIT_MS = 10_000;
/** Sleeps are cut into slices so a stop is noticed soon. */
const SLEEP_SLICE_MS = 1_000;
/** A 429 pauses every send briefly: Teams' throttling is usually about the app, not one chat. */
const APP_PAUSE_WITHOUT_RETRY_AFTER_MS = 1_000;
const APP_PAUSE_MAX_MS = 5_000;

/**
 * What one send costs the app's request budget: a recipient without a stored 1:1 chat needs
 * createConversation first (the sender's contract above), so two requests; Teams counts both.
 */
export function appRequestsFor(recipient: OutboxRecipient): number {
  return recipient.conversationId ? 1 : 2;
}

/**
 * At-least-once delivery of proactive 1:1 messages (survey cards, forum nudges) from the outbox
 * store, under Teams' rate limits. Each message is claimed before it is sent, so several
 * processes (or a restart overlapping the old process) never send the same one at once. One
 * message per recipient is in flight at a time; up to `concurrency` recipients in parallel.
 */
export class DirectMessageOutbox {
  private readonly loop: FlushLoop;
  private readonly inFlight = new Set<string>();
  private readonly limiter: SendRateLimiter;
  private readonly concurrency: number;
  private readonly owner: string;

  constructor(private readonly deps: DirectMessageOutboxDeps) {
    this.limiter = deps.limiter ?? createSendRateLimiter();
    this.concurrency = Math.max(1, Math.floor(deps.concurrency ?? DEFAULT_CONCURRENCY));
    this.owner = deps.owner ?? `direct-messages:${randomUUID()}`;
    this.loop = new FlushLoop(
      () => this.flushDue(),
      (error) => deps.log.warn({ event: 'direct_outbox.flush_failed', err: errorFields(error) }, 'direct message flush failed'),
    );
  }

  private get stopped(): boolean {
    return this.loop.stopped;
  }

  /** Sends what is due now (or joins the flush already running, which then goes round again); never throws. */
  flush(): Promise<void> {
    return this.loop.run();
  }

  /** For timers and events: starts a flush without waiting for it. */
  kick(): void {
    void this.flush();
  }

  /** Resolves when no flush is running. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Graceful stop: sends in flight finish and are recorded, nothing new starts; the rest waits in the store. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async flushDue(): Promise<void> {
    while (!this.stopped) {
      const page = await this.deps.messages.due(this.deps.clock(), PAGE_SIZE);
      if (page.length === 0) return;
      // Messages are sent, failed into backoff or handed back, so each page differs from the last;
      // a page where nothing moved (every claim lost to another process) ends the flush.
      if (!(await this.sendPage(page))) return;
    }
  }

  private async sendPage(page: OutboxDocument[]): Promise<boolean> {
    const queue = [...page];
    let moved = false;
    let failure: unknown;
    const worker = async () => {
      for (let document = queue.shift(); document && !this.stopped && failure === undefined; document = queue.shift()) {
        const key = document.body.recipientKey;
        // Never two sends into one chat at once; a second message for this user comes with the next page.
        if (this.inFlight.has(key)) continue;
        this.inFlight.add(key);
        try {
          if (await this.sendOne(document)) moved = true;
        } catch (error) {
          failure ??= error;
        } finally {
          this.inFlight.delete(key);
        }
      }
    };
    // Settled, not raced: a store failure in one worker must not end the flush while others still send.
    await Promise.allSettled(Array.from({ length: Math.min(this.concurrency, page.length) }, worker));
    if (failure !== undefined) throw failure;
    return moved;
  }

  /** Claims, sends (each request in its rate slot) and records one message; false when another process had it. */
  private async sendOne(document: OutboxDocument): Promise<boolean> {
    const { messages, sender, clock, random, log } = this.deps;
    const claimed = await messages.claim(document, this.owner, clock());
    if (!claimed) return false;
    const key = claimed.body.recipientKey;
    // A message whose requests could not all go soon goes back to the store rather than holding
    // a worker; the slots themselves are taken as each request leaves (`requestSlot`).
    const checkedAt = clock().getTime();
    const earliest = this.limiter.earliest(key, checkedAt, appRequestsFor(claimed.body.recipient));
    if (this.stopped || earliest - checkedAt > MAX_SLOT_WAIT_MS) {
      await messages.release(claimed, new Date(this.stopped ? checkedAt : earliest));
      return true;
    }
    const requestSlot = () => this.takeSlot(key);
    const result = await sender.send(claimed.body.recipient, claimed.body.payloadRef, requestSlot).catch(
      (error: unknown): SendResult => ({ kind: 'transient', code: (error as Error).name || 'error' }),
    );
    const now = clock();
    if (result.kind === 'throttled') this.throttled(key, now.getTime(), result.retryAfterMs);
    const recorded = await messages.markResult(claimed, result, now, random());
    log.info(
      {
        event: 'direct_message',
        batch: claimed.body.batchId,
        outcome: result.kind,
        state: recorded?.body.delivery.state,
        attempts: recorded?.body.delivery.attempts,
        code: result.kind === 'transient' || result.kind === 'unreachable' ? result.code : undefined,
      },
      'direct message attempt',
    );
    return true;
  }

  /**
   * Waits until one more request to `key` keeps every window, and counts it. No await between the
   * check and the count, so concurrent workers never both take the last slot.
   */
  private async takeSlot(key: string): Promise<void> {
    for (;;) {
      const now = this.deps.clock().getTime();
      const earliest = this.limiter.earliest(key, now);
      if (earliest <= now) {
        this.limiter.record(key, now);
        return;
      }
      await this.deps.sleep(Math.min(earliest - now, SLEEP_SLICE_MS));
    }
  }

  /** Retry-After holds that chat (the store holds the message too); the whole app pauses briefly. */
  private throttled(key: string, now: number, retryAfterMs: number | undefined): void {
    const wait = Math.max(0, retryAfterMs ?? 0);
    this.limiter.holdKey(key, now + wait);
    this.limiter.holdApp(now + Math.min(APP_PAUSE_MAX_MS, wait || APP_PAUSE_WITHOUT_RETRY_AFTER_MS));
  }
}
