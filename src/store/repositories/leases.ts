import { canTakeLease, leaseUntil, type LeaseState } from '../../domain/lease';
import type { DocumentStore } from '../document-store';
import { isStoreError } from '../store-error';

const CONTAINER = 'leases';

/** A lease as its holder knows it: the etag proves nobody took it over since. */
export interface HeldLease {
  name: string;
  holder: string;
  expiresAt: string;
  etag: string;
}

/**
 * Leases on the document store, one document per lease name (its own partition). Taking and
 * renewing are conditional writes, so of two instances racing for a lease exactly one wins.
 */
export class Leases {
  constructor(private readonly store: DocumentStore) {}

  async acquire(name: string, holder: string, ttlMs: number, now: Date): Promise<HeldLease | undefined> {
    const current = await this.store.read<LeaseState>(CONTAINER, name, name);
    if (!canTakeLease(current?.body, holder, now)) return undefined;
    const next = leaseUntil(name, holder, now, ttlMs);
    try {
      const written = current
        ? await this.store.replace(CONTAINER, name, name, next, current.etag)
        : await this.store.create(CONTAINER, name, name, next);
      return { ...next, etag: written.etag };
    } catch (error) {
      if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found')) return undefined; // someone else was faster
      throw error;
    }
  }

  /** Extends a lease still held; undefined when it was lost (expired and taken by another). */
  async renew(lease: HeldLease, ttlMs: number, now: Date): Promise<HeldLease | undefined> {
    const next = leaseUntil(lease.name, lease.holder, now, ttlMs);
    try {
      const written = await this.store.replace(CONTAINER, lease.name, lease.name, next, lease.etag);
      return { ...next, etag: written.etag };
    } catch (error) {
      if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found')) return undefined;
      throw error;
    }
  }

  /** Gives the lease up at once (if still ours), so another instance need not wait for expiry. */
  async release(lease: HeldLease, now: Date): Promise<void> {
    try {
      await this.store.replace(CONTAINER, lease.name, lease.name, { ...leaseUntil(lease.name, lease.holder, now, 0), released: true }, lease.etag);
    } catch (error) {
      if (!isStoreError(error, 'conflict') && !isStoreError(error, 'not_found')) throw error;
    }
  }
}
