import { applyDeliveryOutcome, type DeliveryOutcome, type DeliveryState } from '../../domain/delivery';
import type { DocumentStore, StoredDocument } from '../document-store';
import { isStoreError } from '../store-error';
import { dueConditions } from './delivery-queries';

const CONTAINER = 'outbox';
export const DEFAULT_MAX_ATTEMPTS = 8;
/** A claim outlives any single send (the Teams sender must give up well before it). */
export const DEFAULT_CLAIM_TTL_MS = 60_000;
/** Parallel creates when a batch is enqueued: a round of thousands should not take minutes on Cosmos. */
const ENQUEUE_CONCURRENCY = 8;

/** Who to write to: as much as is known; the Teams sender creates the 1:1 chat when no conversationId is stored. */
export interface OutboxRecipient {
  aadObjectId: string;
  /** The Teams user id (`29:…`) from the roster, when known. */
  userId?: string;
  name?: string;
  tenantId?: string;
  /** The 1:1 conversation, once known: stored after the first send so later sends skip createConversation. */
  conversationId?: string;
}

/** What to send, small and opaque here: the sender interprets it, e.g. `{ kind: 'survey', roundId }`. */
export interface OutboxPayloadRef {
  readonly kind: string;
  readonly [field: string]: string | number | boolean | null;
}

/** `failed` is the outbox's own end state: attempts ran out (DeliveryState itself retries forever). */
export type OutboxState = DeliveryState['state'] | 'failed';
export const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'delivered', 'unreachable', 'failed'];

export type OutboxDelivery = Omit<DeliveryState, 'state'> & { state: OutboxState };

export interface OutboxMessage {
  batchId: string;
  /** The conversation key for rate limiting and the id: the recipient's AAD object id, lower case. */
  recipientKey: string;
  recipient: OutboxRecipient;
  /** A label the caller counts by (e.g. the unit of a survey recipient). */
  group?: string;
  payloadRef: OutboxPayloadRef;
  enqueuedAt: string;
  delivery: OutboxDelivery;
  /** Who is sending it right now, and until when that claim holds (ISO). */
  claimedBy?: string;
  claimedUntil?: string;
}

export type OutboxDocument = StoredDocument<OutboxMessage>;
export type SendResult = DeliveryOutcome & { conversationId?: string };

export function recipientKeyOf(recipient: Pick<OutboxRecipient, 'aadObjectId'>): string {
  return recipient.aadObjectId.trim().toLowerCase();
}

export function outboxMessageId(batchId: string, recipientKey: string): string {
  return `${batchId}:${recipientKey}`;
}

/** Characters Cosmos DB refuses in ids; both parts come from our code, so this is a bug guard. */
const INVALID_ID = /[/\\?#]|^$/;

/**
 * The outbox of proactive 1:1 messages: one document per (batch, recipient), partitioned by batch.
 * The document *is* the promise to send, written before anything is sent, so a restart resumes
 * where it stopped. Sending is guarded by a claim (a conditional write) so that two processes
 * never send the same message at once; the only way a recipient gets a message twice is a claim
 * that expired while its send had in fact gone through (process killed mid-send).
 */
export class OutboxMessages {
  private readonly maxAttempts: number;
  private readonly claimTtlMs: number;

  constructor(
    private readonly store: DocumentStore,
    options: { maxAttempts?: number; claimTtlMs?: number } = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.claimTtlMs = options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
  }

  /**
   * Adds one pending message per recipient; a recipient already in the batch is left as it is,
   * so starting a round again never sends anyone a second card.
   */
  async enqueueAll(
    batchId: string,
    recipients: ReadonlyArray<OutboxRecipient & { group?: string }>,
    payloadRef: OutboxPayloadRef,
    now: Date,
  ): Promise<{ created: number; existing: number }> {
    if (INVALID_ID.test(batchId)) throw new RangeError(`invalid outbox batch id: ${batchId}`);
    const unique = new Map<string, OutboxRecipient & { group?: string }>();
    for (const recipient of recipients) {
      const key = recipientKeyOf(recipient);
      if (INVALID_ID.test(key)) throw new RangeError('invalid recipient AAD object id');
      if (!unique.has(key)) unique.set(key, recipient);
    }
    const queue = [...unique];
    let created = 0;
    let existing = 0;
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [recipientKey, { group, ...recipient }] = next;
        const message: OutboxMessage = {
          batchId,
          recipientKey,
          recipient,
          ...(group === undefined ? {} : { group }),
          payloadRef,
          enqueuedAt: now.toISOString(),
          delivery: { state: 'pending', attempts: 0, nextAttemptAt: now.toISOString() },
        };
        try {
          await this.store.create(CONTAINER, batchId, outboxMessageId(batchId, recipientKey), message);
          created += 1;
        } catch (error) {
          if (!isStoreError(error, 'conflict')) throw error;
          existing += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: ENQUEUE_CONCURRENCY }, worker));
    return { created, existing };
  }

  async get(batchId: string, recipientKey: string): Promise<OutboxDocument | undefined> {
    return this.store.read<OutboxMessage>(CONTAINER, batchId, outboxMessageId(batchId, recipientKey));
  }

  /**
   * Pending messages due by `now`, every batch, longest waiting first. A claimed message is not
   * due: the claim moves `nextAttemptAt` to its expiry, so an expired claim comes back by itself.
   */
  async due(now: Date, limit: number): Promise<OutboxDocument[]> {
    const page = await this.store.query<OutboxMessage>(CONTAINER, {
      where: dueConditions('delivery', now),
      orderBy: { field: 'delivery.nextAttemptAt', direction: 'asc' },
      limit,
    });
    return page.items;
  }

  /**
   * Takes a due message for sending (a conditional write on its etag): undefined when another
   * process was faster or it is no longer due. A claim found expired means its holder died
   * mid-send: that counts as an attempt, so a message that kills the process cannot loop forever.
   */
  async claim(document: OutboxDocument, owner: string, now: Date): Promise<OutboxDocument | undefined> {
    const { delivery } = document.body;
    if (delivery.state !== 'pending' || Date.parse(delivery.nextAttemptAt ?? '') > now.getTime()) return undefined;
    const abandoned = document.body.claimedUntil !== undefined;
    const attempts = delivery.attempts + (abandoned ? 1 : 0);
    const lastErrorCode = abandoned ? 'claim_expired' : delivery.lastErrorCode;
    const claimedUntil = new Date(now.getTime() + this.claimTtlMs).toISOString();
    const body: OutboxMessage =
      attempts >= this.maxAttempts
        ? withoutClaim({ ...document.body, delivery: { state: 'failed', attempts, lastErrorCode } })
        : {
            ...document.body,
            delivery: { ...delivery, attempts, lastErrorCode, nextAttemptAt: claimedUntil },
            claimedBy: owner,
            claimedUntil,
          };
    try {
      const written = await this.store.replace(CONTAINER, document.partitionKey, document.id, body, document.etag);
      return body.claimedBy === owner ? written : undefined;
    } catch (error) {
      if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found')) return undefined;
      throw error;
    }
  }

  /**
   * Records a send's outcome on a claimed message (the delivery state machine, then `failed` once
   * attempts run out) and keeps a conversation id the sender learnt. If the claim was lost (it
   * expired and another process took the message), a delivery is still recorded — it happened —
   * but a failure is left to the new holder.
   */
  async markResult(claimed: OutboxDocument, result: SendResult, now: Date, random: number): Promise<OutboxDocument | undefined> {
    let current: OutboxDocument | undefined = claimed;
    for (let attempt = 0; attempt < 5 && current; attempt += 1) {
      const ours = current === claimed;
      if (current.body.delivery.state !== 'pending') return current;
      if (!ours && result.kind !== 'delivered') return current;
      const body = this.afterSend(current.body, claimed.body.delivery.attempts, result, now, random);
      try {
        return await this.store.replace(CONTAINER, current.partitionKey, current.id, body, current.etag);
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        current = await this.store.read<OutboxMessage>(CONTAINER, claimed.partitionKey, claimed.id);
      }
    }
    return current;
  }

  /**
   * Gives a claimed message back unsent, due again at `until` (the rate limit said later, or the
   * process is stopping): no attempt is counted, and it need not wait for the claim to expire.
   */
  async release(claimed: OutboxDocument, until: Date): Promise<void> {
    const body = withoutClaim({ ...claimed.body, delivery: { ...claimed.body.delivery, nextAttemptAt: until.toISOString() } });
    try {
      await this.store.replace(CONTAINER, claimed.partitionKey, claimed.id, body, claimed.etag);
    } catch (error) {
      if (!isStoreError(error, 'conflict') && !isStoreError(error, 'not_found')) throw error;
    }
  }

  /** How many messages one batch holds, whatever their state. */
  async countInBatch(batchId: string): Promise<number> {
    return this.store.count(CONTAINER, { partitionKey: batchId });
  }

  /** Messages per state in one batch (optionally one group). Cosmos has no GROUP BY: one count per state. */
  async countsByState(batchId: string, group?: string): Promise<Record<OutboxState, number>> {
    const counts = await Promise.all(
      OUTBOX_STATES.map((state) =>
        this.store.count(CONTAINER, {
          partitionKey: batchId,
          where: [{ field: 'delivery.state', op: '=', value: state }, ...(group === undefined ? [] : [{ field: 'group', op: '=' as const, value: group }])],
        }),
      ),
    );
    return Object.fromEntries(OUTBOX_STATES.map((state, index) => [state, counts[index] ?? 0])) as Record<OutboxState, number>;
  }

  private afterSend(message: OutboxMessage, attemptsBefore: number, result: SendResult, now: Date, random: number): OutboxMessage {
    const { conversationId, ...outcome } = result;
    const previous: DeliveryState = { ...message.delivery, state: 'pending', attempts: Math.max(attemptsBefore, message.delivery.attempts) };
    const next = applyDeliveryOutcome(previous, outcome as DeliveryOutcome, now, random);
    const delivery: OutboxDelivery =
      next.state === 'pending' && next.attempts >= this.maxAttempts
        ? { state: 'failed', attempts: next.attempts, lastErrorCode: next.lastErrorCode }
        : next;
    const recipient = conversationId ? { ...message.recipient, conversationId } : message.recipient;
    return withoutClaim({ ...message, recipient, delivery });
  }
}

function withoutClaim(message: OutboxMessage): OutboxMessage {
  const { claimedBy: _by, claimedUntil: _until, ...rest } = message;
  return rest;
}
