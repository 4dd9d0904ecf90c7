import { queryAll } from '../../src/store/document-store';
import type { OutboxMessage } from '../../src/store/repositories/outbox-messages';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

/**
 * Every outbox record of one batch, read from a bot's embedded store beside it (WAL lets a second
 * connection read while the bot writes, or after it was killed).
 */
export async function outboxRecords(dataDir: string, batchId: string): Promise<OutboxMessage[]> {
  const store = new SqliteStore({ dataDir });
  try {
    return (await queryAll<OutboxMessage>(store, 'outbox', { partitionKey: batchId })).map((document) => document.body);
  } finally {
    await store.close();
  }
}
