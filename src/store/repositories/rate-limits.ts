import { decideRate, REPORTS_PER_HOUR, type RateDecision } from '../../domain/concern/rate-limit';
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
 * What is counted, and how many per hour: reports by a user (the default), follow-up answers and
 * additions by a user, questions about one report. Each has its own record beside the others.
 */
export interface RateKind {
  record: string;
  limit: number;
}

const SUBMISSIONS: RateKind = { record: 'submissions', limit: REPORTS_PER_HOUR };

/**
 * Per-user submission times for the 10-per-hour limit (and the follow-up's limits). The user is
 * known here only by a keyed pseudonym (HMAC), and nothing here points at a report; the questions
 * about a report are counted under its reference, which names no one.
 */
export class RateLimits {
  constructor(private readonly store: DocumentStore) {}

  /** Reserves one submission slot when allowed (atomically, across processes). */
  async reserve(pseudonym: string, now: number, kind: RateKind = SUBMISSIONS): Promise<RateDecision> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const existing = await this.store.read<RateRecord>(CONTAINER, pseudonym, kind.record);
      const decision = decideRate(existing?.body.recent ?? [], now, kind.limit);
      if (!decision.allowed) return decision;
      const body: RateRecord = { recent: [...decision.recent, now], lastAt: new Date(now).toISOString() };
      try {
        if (existing) await this.store.replace(CONTAINER, pseudonym, kind.record, body, existing.etag);
        else await this.store.create(CONTAINER, pseudonym, kind.record, body);
        return decision;
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
      }
    }
    throw new StoreError('conflict', 'rate limit record: too many concurrent updates');
  }

  /** Gives a reserved slot back when the submission it was for could not be stored. */
  async release(pseudonym: string, reservedAt: number, kind: RateKind = SUBMISSIONS): Promise<void> {
    const existing = await this.store.read<RateRecord>(CONTAINER, pseudonym, kind.record);
    if (!existing) return;
    const index = existing.body.recent.indexOf(reservedAt);
    if (index < 0) return;
    const recent = existing.body.recent.filter((_, i) => i !== index);
    await this.store.replace(CONTAINER, pseudonym, kind.record, { ...existing.body, recent }, existing.etag).catch(() => undefined);
  }
}
