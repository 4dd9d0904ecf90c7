import { isStoreError, StoreError } from './store-error';

/**
 * The storage port: a document database with partition keys and optimistic concurrency, shaped
 * after Azure Cosmos DB so both the embedded SQLite store and Cosmos can stand behind it.
 * Every method is async, for both implementations. Queries use only what both engines answer
 * well: equality and range conditions, one ORDER BY, a page size and a continuation token.
 */
export const CONTAINERS = ['reports', 'settings', 'rateLimits', 'leases', 'audit', 'outbox', 'jobRuns', 'surveyRounds', 'surveyAnswers', 'surveyParticipation', 'surveyAnswerPool', 'channelMessages', 'forums', 'forumMeetings', 'reporterLinks', 'activities', 'activityFollowUps', 'downloadLinks'] as const;
export type ContainerName = (typeof CONTAINERS)[number];

export interface StoredDocument<T> {
  id: string;
  partitionKey: string;
  /** Changes on every write; pass it back to `replace` to write only if nobody wrote in between. */
  etag: string;
  body: T;
}

export type ConditionValue = string | number | boolean | null;

export interface Condition {
  /** Dotted path into the body, e.g. `channelPost.state`. */
  field: string;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=';
  value: ConditionValue;
}

export interface DocumentQuery {
  /** Omit for a cross-partition query. */
  partitionKey?: string;
  where?: Condition[];
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  /** Page size (default 100). */
  limit?: number;
  continuation?: string;
}

export interface QueryPage<T> {
  items: StoredDocument<T>[];
  /** Present when more items follow; pass it back as `continuation`. */
  continuation?: string;
}

export interface DocumentStore {
  read<T>(container: ContainerName, partitionKey: string, id: string): Promise<StoredDocument<T> | undefined>;
  /** Fails with StoreError `conflict` when the id already exists in the partition. */
  create<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>>;
  /** Fails with StoreError `conflict` when `ifMatch` is not the current etag, `not_found` when gone. */
  replace<T>(container: ContainerName, partitionKey: string, id: string, body: T, ifMatch: string): Promise<StoredDocument<T>>;
  upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>>;
  /** True when something was deleted. */
  delete(container: ContainerName, partitionKey: string, id: string): Promise<boolean>;
  query<T>(container: ContainerName, query: DocumentQuery): Promise<QueryPage<T>>;
  count(container: ContainerName, query: Omit<DocumentQuery, 'orderBy' | 'limit' | 'continuation'>): Promise<number>;
  /** Resolves when the store answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Reads every page of a query (for small, bounded result sets only). */
export async function queryAll<T>(store: DocumentStore, container: ContainerName, query: DocumentQuery): Promise<StoredDocument<T>[]> {
  const items: StoredDocument<T>[] = [];
  let continuation: string | undefined;
  do {
    const page = await store.query<T>(container, { ...query, continuation });
    items.push(...page.items);
    continuation = page.continuation;
  } while (continuation);
  return items;
}

/**
 * Creates the document unless one with its id exists; false when it did. What a seed from the
 * district config needs: it registers once, and never overwrites what was changed since.
 */
export async function createOnce<T>(store: DocumentStore, container: ContainerName, partitionKey: string, id: string, body: T): Promise<boolean> {
  try {
    await store.create(container, partitionKey, id, body);
    return true;
  } catch (error) {
    if (isStoreError(error, 'conflict')) return false;
    throw error;
  }
}

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Splits a condition's field path into names, refusing anything but plain dotted identifiers.
 * Field names come from our own code, never from users; every engine checks them this one way.
 */
export function fieldNames(field: string): string[] {
  if (!FIELD_PATH.test(field)) throw new StoreError('unavailable', `invalid field path: ${field}`);
  return field.split('.');
}
