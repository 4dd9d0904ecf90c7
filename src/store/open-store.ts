import type { AppConfig } from '../config/env';
import type { DocumentStore } from './document-store';
import { SqliteStore } from './sqlite/sqlite-store';

/** The store the configuration names; the one place that chooses an engine. */
export async function openStore(config: AppConfig): Promise<DocumentStore> {
  switch (config.store) {
    case 'sqlite':
      return new SqliteStore({ dataDir: config.dataDir, busyTimeoutMs: config.sqliteBusyTimeoutMs });
    case 'cosmos': {
      // loadEnv guarantees the endpoint when STORE=cosmos.
      const { endpoint, key, databaseId } = config.cosmos!;
      // Loaded only here: the Cosmos and Azure identity SDKs cost the embedded store's bot ~MBs of memory for nothing.
      const { CosmosStore } = await import('./cosmos/cosmos-store');
      return CosmosStore.open({ endpoint, key, databaseId, requestTimeoutMs: config.outboundTimeoutMs });
    }
  }
}
