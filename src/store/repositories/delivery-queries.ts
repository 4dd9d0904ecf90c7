import type { DeliveryState } from '../../domain/delivery';
import type { Condition, ContainerName, DocumentStore, StoredDocument } from '../document-store';
import { isStoreError } from '../store-error';

/** "Pending and due by `now`" for a delivery state kept at `path` in a document's body. */
export function dueConditions(path: string, now: Date): Condition[] {
  return [
    { field: `${path}.state`, op: '=', value: 'pending' },
    { field: `${path}.nextAttemptAt`, op: '<=', value: now.toISOString() },
  ];
}

/**
 * Takes a due delivery for one process: its next attempt moves to `until` (so it is not due for
 * anyone else meanwhile), written only if nobody wrote the document since it was read. Undefined
 * when another process was first.
 */
export async function claimDelivery<T>(
  store: DocumentStore,
  container: ContainerName,
  document: StoredDocument<T>,
  field: keyof T & string,
  until: Date,
): Promise<StoredDocument<T> | undefined> {
  const delivery = document.body[field] as unknown as DeliveryState;
  const body = { ...document.body, [field]: { ...delivery, nextAttemptAt: until.toISOString(), claimedUntil: until.toISOString() } };
  try {
    return await store.replace(container, document.partitionKey, document.id, body, document.etag);
  } catch (error) {
    if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found')) return undefined;
    throw error;
  }
}
