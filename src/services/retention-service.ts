import { RATE_WINDOW_MS } from '../domain/concern/rate-limit';
import { retentionCutoff } from '../domain/retention';
import type { Condition, ContainerName, DocumentStore } from '../store/document-store';

export type RetentionResult = {
  reports: number;
  auditEntries: number;
  rateLimitRecords: number;
};

/** Deletes every document matching the conditions; returns how many. Counts only, never content. */
async function deleteWhere(store: DocumentStore, container: ContainerName, where: Condition[]): Promise<number> {
  let deleted = 0;
  // Always read the first page again: deleting shifts what later pages would hold.
  for (;;) {
    const page = await store.query(container, { where, limit: 200 });
    if (page.items.length === 0) return deleted;
    for (const item of page.items) {
      if (await store.delete(container, item.partitionKey, item.id)) deleted += 1;
    }
  }
}

/**
 * Gallring: reports and audit entries older than `retentionMonths`, and rate-limit records idle
 * for over an hour. Expiry is done here in code rather than by a database TTL so that both stores
 * behave the same (the Cosmos emulator never expires anything).
 */
export async function runRetention(store: DocumentStore, now: Date, retentionMonths: number): Promise<RetentionResult> {
  const cutoff = retentionCutoff(now, retentionMonths).toISOString();
  return {
    reports: await deleteWhere(store, 'reports', [{ field: 'submittedAt', op: '<', value: cutoff }]),
    auditEntries: await deleteWhere(store, 'audit', [{ field: 'at', op: '<', value: cutoff }]),
    rateLimitRecords: await deleteWhere(store, 'rateLimits', [
      { field: 'lastAt', op: '<', value: new Date(now.getTime() - RATE_WINDOW_MS).toISOString() },
    ]),
  };
}
