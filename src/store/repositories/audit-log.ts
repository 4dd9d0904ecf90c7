import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../domain/audit';
import { queryAll, type DocumentStore } from '../document-store';

const CONTAINER = 'audit';

/** Audit entries, partitioned by month: reading a month is one partition, gallring deletes old ones. */
export class AuditLog {
  constructor(private readonly store: DocumentStore) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.store.create(CONTAINER, entry.at.slice(0, 7), randomUUID(), entry);
  }

  async month(yearMonth: string): Promise<AuditEntry[]> {
    const documents = await queryAll<AuditEntry>(this.store, CONTAINER, { partitionKey: yearMonth, orderBy: { field: 'at', direction: 'asc' } });
    return documents.map((document) => document.body);
  }
}
