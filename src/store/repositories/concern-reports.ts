import { withPostUpdate, type ConcernReport } from '../../domain/concern/concern-report';
import { formatReference } from '../../domain/concern/reference';
import type { DeliveryState } from '../../domain/delivery';
import { queryAll, type DocumentStore, type StoredDocument } from '../document-store';
import { isStoreError, StoreError } from '../store-error';
import { claimDelivery, dueConditions } from './delivery-queries';

const CONTAINER = 'reports';
/** Bounds the claim loop; 50 concurrent submitters need at most 50 tries each. */
const MAX_REFERENCE_CLAIMS = 1000;

/** Reports are partitioned by district and year: the digest and the reference sequence stay in one partition. */
export function reportPartitionKey(districtId: string, year: number): string {
  return `${districtId}:${year}`;
}

export class ConcernReports {
  constructor(private readonly store: DocumentStore) {}

  private async latestSequence(partitionKey: string): Promise<number> {
    const page = await this.store.query<ConcernReport>(CONTAINER, {
      partitionKey,
      orderBy: { field: 'sequence', direction: 'desc' },
      limit: 1,
    });
    return page.items[0]?.body.sequence ?? 0;
  }

  /**
   * Stores a report under the next free reference of the year. Writing the report *is* claiming
   * its number (the id is unique in its partition), so a failed write leaves no gap and two
   * writers can never share a number: the loser of a race moves on to the next one.
   */
  async createWithNextReference(
    districtId: string,
    year: number,
    build: (sequence: number, reference: string) => ConcernReport,
  ): Promise<ConcernReport> {
    const partitionKey = reportPartitionKey(districtId, year);
    let sequence = (await this.latestSequence(partitionKey)) + 1;
    for (let claim = 0; claim < MAX_REFERENCE_CLAIMS; claim += 1) {
      const reference = formatReference(year, sequence);
      try {
        const created = await this.store.create(CONTAINER, partitionKey, reference, build(sequence, reference));
        return created.body;
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        sequence += 1;
      }
    }
    throw new StoreError('unavailable', 'could not claim a reference number');
  }

  async get(districtId: string, year: number, reference: string): Promise<StoredDocument<ConcernReport> | undefined> {
    return this.store.read<ConcernReport>(CONTAINER, reportPartitionKey(districtId, year), reference);
  }

  /**
   * Every stored report of a district, of any year gallring has left (a cross-partition query):
   * for what runs over all open cases, the case-deadlines job and the digest. A district keeps a
   * few hundred reports a year for RETENTION_MONTHS.
   */
  async ofDistrict(districtId: string): Promise<ConcernReport[]> {
    const documents = await queryAll<ConcernReport>(this.store, CONTAINER, { where: [{ field: 'districtId', op: '=', value: districtId }] });
    return documents.map((document) => document.body);
  }

  /** Reports whose channel post is due, oldest first. */
  async duePosts(now: Date, limit: number): Promise<StoredDocument<ConcernReport>[]> {
    const page = await this.store.query<ConcernReport>(CONTAINER, {
      where: dueConditions('channelPost', now),
      orderBy: { field: 'submittedAt', direction: 'asc' },
      limit,
    });
    return page.items;
  }

  /** Reports submitted in [from, to), counted in the year partitions the range touches. */
  async countSubmitted(districtId: string, from: Date, to: Date): Promise<number> {
    let total = 0;
    for (let year = from.getUTCFullYear() - 1; year <= to.getUTCFullYear(); year += 1) {
      total += await this.store.count(CONTAINER, {
        partitionKey: reportPartitionKey(districtId, year),
        where: [
          { field: 'submittedAt', op: '>=', value: from.toISOString() },
          { field: 'submittedAt', op: '<', value: to.toISOString() },
        ],
      });
    }
    return total;
  }

  async countPendingPosts(): Promise<number> {
    return this.store.count(CONTAINER, { where: [{ field: 'channelPost.state', op: '=', value: 'pending' }] });
  }

  /** Takes a due channel post for this process (see claimDelivery). */
  async claimPost(document: StoredDocument<ConcernReport>, until: Date): Promise<StoredDocument<ConcernReport> | undefined> {
    return claimDelivery(this.store, CONTAINER, document, 'channelPost', until);
  }

  /** Applies a change with optimistic concurrency, re-reading and re-applying on a lost race. */
  async update(
    document: StoredDocument<ConcernReport>,
    change: (report: ConcernReport) => ConcernReport,
  ): Promise<ConcernReport> {
    return (await this.updateIf(document, change))!;
  }

  /**
   * As `update`, but the change may decline (undefined) on what it reads, the first time or after
   * a lost race: then nothing is written and undefined comes back.
   */
  async updateIf(
    document: StoredDocument<ConcernReport>,
    change: (report: ConcernReport) => ConcernReport | undefined,
  ): Promise<ConcernReport | undefined> {
    let current = document;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const next = change(current.body);
      if (!next) return undefined;
      try {
        const written = await this.store.replace(CONTAINER, current.partitionKey, current.id, next, current.etag);
        return written.body;
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        const fresh = await this.store.read<ConcernReport>(CONTAINER, current.partitionKey, current.id);
        if (!fresh) throw new StoreError('not_found', `report ${current.id} disappeared`);
        current = fresh;
      }
    }
    throw new StoreError('conflict', `report ${document.id}: too many concurrent updates`);
  }

  /** Asks for the delivered channel post to be redrawn from the report as stored now (see withPostUpdate). */
  async requestPostUpdate(document: StoredDocument<ConcernReport>, now: Date): Promise<ConcernReport> {
    return this.update(document, (report) => withPostUpdate(report, now));
  }

  /** Reports whose delivered channel post waits to be redrawn, oldest request first. */
  async duePostUpdates(now: Date, limit: number): Promise<StoredDocument<ConcernReport>[]> {
    const page = await this.store.query<ConcernReport>(CONTAINER, {
      // A post still on its way is drawn from the report as it is then; its update waits for its id.
      where: [...dueConditions('postUpdate', now), { field: 'channelPost.state', op: '=', value: 'delivered' }],
      orderBy: { field: 'postUpdate.nextAttemptAt', direction: 'asc' },
      limit,
    });
    return page.items;
  }

  /** Takes a due post update for this process (see claimDelivery). */
  async claimPostUpdate(document: StoredDocument<ConcernReport>, until: Date): Promise<StoredDocument<ConcernReport> | undefined> {
    return claimDelivery(this.store, CONTAINER, document, 'postUpdate', until);
  }

  /**
   * Records the outcome of a post update this process claimed. An update asked for again since
   * the claim (a fresh request has no claim) stays pending: the card sent may predate it.
   */
  async recordPostUpdate(claimed: StoredDocument<ConcernReport>, postUpdate: DeliveryState): Promise<void> {
    const claimedUntil = claimed.body.postUpdate?.claimedUntil;
    await this.updateIf(claimed, (report) => (report.postUpdate?.claimedUntil === claimedUntil ? { ...report, postUpdate } : undefined));
  }

  async setChannelPost(document: StoredDocument<ConcernReport>, channelPost: ConcernReport['channelPost']): Promise<ConcernReport> {
    return this.update(document, (report) => ({ ...report, channelPost }));
  }
}
