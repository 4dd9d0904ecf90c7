import { exportStore } from '../../src/store/dump';
import type { DocumentStore } from '../../src/store/document-store';

/** Every document in the store as dump lines: two snapshots are equal when nothing was written. */
export async function storeSnapshot(store: DocumentStore): Promise<string[]> {
  const lines: string[] = [];
  await exportStore(store, (line) => void lines.push(line));
  return lines;
}
