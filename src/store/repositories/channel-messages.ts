import type { DeliveryState } from '../../domain/delivery';
import type { DocumentStore, StoredDocument } from '../document-store';
import { isStoreError } from '../store-error';
import { claimDelivery, dueConditions } from './delivery-queries';

const CONTAINER = 'channelMessages';
const PARTITION = 'channel';

/** A card for the coordinators' channel other than a report: a monthly digest, a forum follow-up, a case reminder, a gallrad report's post. */
export interface ChannelMessage {
  kind: 'digest' | 'forum-followup' | 'case-reminder' | 'report-deleted';
  /** The card as it was when queued: a digest shows the figures of the moment it was made. */
  card: Record<string, unknown> & { type: 'AdaptiveCard'; version: string };
  queuedAt: string;
  delivery: DeliveryState;
  /** An edit of a message already posted: its activity id (a report's post marked as gallrad). */
  updates?: string;
}

/**
 * Channel messages by id. The id is the message's identity (e.g. `digest:2026-11`), so queueing
 * the same message twice, from two processes or after a restart, queues it once.
 */
export class ChannelMessages {
  constructor(private readonly store: DocumentStore) {}

  async enqueue(id: string, message: Omit<ChannelMessage, 'delivery' | 'queuedAt'>, now: Date): Promise<'queued' | 'already_queued'> {
    try {
      await this.store.create<ChannelMessage>(CONTAINER, PARTITION, id, {
        ...message,
        queuedAt: now.toISOString(),
        delivery: { state: 'pending', attempts: 0, nextAttemptAt: now.toISOString() },
      });
      return 'queued';
    } catch (error) {
      if (isStoreError(error, 'conflict')) return 'already_queued';
      throw error;
    }
  }

  /** Messages whose post is due, oldest first. */
  async due(now: Date, limit: number): Promise<StoredDocument<ChannelMessage>[]> {
    const page = await this.store.query<ChannelMessage>(CONTAINER, {
      partitionKey: PARTITION,
      where: dueConditions('delivery', now),
      orderBy: { field: 'delivery.nextAttemptAt', direction: 'asc' },
      limit,
    });
    return page.items;
  }

  /** Takes a due message for this process (see claimDelivery). */
  async claim(document: StoredDocument<ChannelMessage>, until: Date): Promise<StoredDocument<ChannelMessage> | undefined> {
    return claimDelivery(this.store, CONTAINER, document, 'delivery', until);
  }

  /** Records the outcome of a post this process claimed. */
  async setDelivery(document: StoredDocument<ChannelMessage>, delivery: DeliveryState): Promise<void> {
    await this.store.upsert<ChannelMessage>(CONTAINER, PARTITION, document.id, { ...document.body, delivery });
  }
}
