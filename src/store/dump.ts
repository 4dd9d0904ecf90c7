import { CONTAINERS, type ContainerName, type DocumentStore } from './document-store';
import { isKeyMaterial } from './repositories/settings';

/** One line of a store dump (JSON Lines): a document with where it lives. */
export interface DumpLine {
  container: ContainerName;
  partitionKey: string;
  id: string;
  body: unknown;
}

/**
 * Writes every document of every container, page by page (memory stays flat for a large store),
 * except key material: a dump is a copy of the data, and with the key beside it anyone holding
 * the dump could tell who answered what. A store without DATA_KEY makes itself a new secret.
 */
export async function exportStore(store: DocumentStore, write: (line: string) => Promise<void> | void): Promise<number> {
  let count = 0;
  for (const container of CONTAINERS) {
    let continuation: string | undefined;
    do {
      const page = await store.query(container, { orderBy: undefined, limit: 500, continuation });
      for (const item of page.items) {
        if (isKeyMaterial(container, item.id)) continue;
        const line: DumpLine = { container, partitionKey: item.partitionKey, id: item.id, body: item.body };
        await write(`${JSON.stringify(line)}\n`);
        count += 1;
      }
      continuation = page.continuation;
    } while (continuation);
  }
  return count;
}

function parseLine(text: string, lineNumber: number): DumpLine {
  const line = JSON.parse(text) as Partial<DumpLine>;
  if (!CONTAINERS.includes(line.container as ContainerName) || typeof line.partitionKey !== 'string' || typeof line.id !== 'string' || line.body === undefined)
    throw new Error(`line ${lineNumber}: not a store dump line`);
  return line as DumpLine;
}

/**
 * Reads a dump and upserts every document: importing twice changes nothing. Key material in a
 * dump made before it was left out is skipped, so a dump can never set a store's key.
 */
export async function importStore(store: DocumentStore, lines: AsyncIterable<string>): Promise<number> {
  let count = 0;
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    const line = parseLine(text, lineNumber);
    if (isKeyMaterial(line.container, line.id)) continue;
    await store.upsert(line.container, line.partitionKey, line.id, line.body);
    count += 1;
  }
  return count;
}
