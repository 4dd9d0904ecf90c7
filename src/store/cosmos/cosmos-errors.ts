import { StoreError } from '../store-error';

/** Cosmos substatus of a 404 whose *container or database* is missing (not the document). */
const OWNER_RESOURCE_NOT_FOUND = 1003;

/** The HTTP status of a Cosmos error, or undefined for network failures, timeouts and aborts. */
export function cosmosStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  if (typeof statusCode === 'number') return statusCode;
  return undefined;
}

function substatus(error: unknown): number | undefined {
  const value = (error as { substatus?: unknown } | null)?.substatus;
  return typeof value === 'number' ? value : undefined;
}

/** A 404 about the document itself (read → undefined, delete → false, replace → not_found). */
export function isDocumentNotFound(error: unknown): boolean {
  return cosmosStatus(error) === 404 && substatus(error) !== OWNER_RESOURCE_NOT_FOUND;
}

/**
 * The one mapping from Cosmos / network failures to the port's codes:
 * 409 (id exists) and 412 (etag mismatch) → conflict; 404 → not_found only for an operation on
 * one existing document (`documentNotFound: true`, i.e. replace); everything else → unavailable:
 * network errors, timeouts, aborts, 408, 429 after the SDK's own retries, 5xx, 401/403 (wrong key
 * or missing role assignment), 400, and any other 404 (for a create, upsert, query or count it
 * can only mean the container or database is missing; substatus 1003 says so too).
 * Messages carry the operation and the status, never document content.
 */
export function toStoreError(what: string, error: unknown, options: { documentNotFound?: boolean } = {}): StoreError {
  if (error instanceof StoreError) return error;
  const status = cosmosStatus(error);
  if (status === 409) return new StoreError('conflict', `${what}: already exists`, { cause: error });
  if (status === 412) return new StoreError('conflict', `${what}: etag mismatch`, { cause: error });
  if (options.documentNotFound && isDocumentNotFound(error)) return new StoreError('not_found', `${what}: not found`, { cause: error });
  return new StoreError('unavailable', `${what}: ${describe(error, status)}`, { cause: error });
}

function describe(error: unknown, status: number | undefined): string {
  if (status !== undefined) {
    const sub = substatus(error);
    return `cosmos status ${status}${sub ? `/${sub}` : ''}`;
  }
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && code) return code;
  if (typeof name === 'string' && name && name !== 'Error') return name;
  return error instanceof Error ? error.message : String(error);
}
