import { decideRate, type RateDecision } from '../../domain/concern/rate-limit';
import type { DocumentStore } from '../document-store';
import { isStoreError, StoreError } from '../store-error';

const CONTAINER = 'rateLimits';

interface RateRecord {
  /** Epoch ms of the user's submissions in the last hour; older ones are dropped on every write. */
  recent: number[];
  /** ISO instant of the latest submission: gallring removes records idle for over an hour. */
  lastAt: string;
}

/**
 * Per-user submission times for the 10-per-hour limit. The user is known here only by a keyed
 * pseudonym (HMAC), and nothing here points at a report.
 */
export class RateLimits {
  constructor(private readonly store: DocumentStore) {}

  /** Reserves one submission slot when allowed (atomically, across processes). */
  async reserve(pseudonym: string, now: number): Promise<RateDecision> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const existing = await this.store.read<RateRecord>(CONTAINER, pseudonym, 'submissions');
      const decision = decideRate(existing?.body.recent ?? [], now);
      if (!decision.allowed) return decision;
      const body: RateRecord = { recent: [...decision.recent, now], lastAt: new Date(now).toISOString() };
      try {
        if (existing) await this.store.replace(CONTAINER, pseudonym, 'submissions', body, existing.etag);
        else await this.store.create(CONTAINER, pseudonym, 'submissions', body);
        return decision;
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
      }
    }
    throw new StoreError('conflict', 'rate limit record: too many concurrent updates');
  }

  /** Gives a reserved slot back when the submission it was for could not be stored. */
  async release(pseudonym: string, reservedAt: number): Promise<void> {
    const existing = await this.store.read<RateRecord>(CONTAINER, pseudonym, 'submissions');
    if (!existing) return;
    const index = existing.body.recent.indexOf(reservedAt);
    if (index < 0) return;
    const recent = existing.body.recent.filter((_, i) => i !== index);
    await this.store.replace(CONTAINER, pseudonym, 'submissions', { ...existing.body, recent }, existing.etag).catch(() => undefined);
  }
}
