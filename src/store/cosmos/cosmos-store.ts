import { CosmosClient, type Container, type CosmosClientOptions, type Database, type SqlQuerySpec } from '@azure/cosmos';
import type {
  ContainerName,
  DocumentQuery,
  DocumentStore,
  QueryPage,
  StoredDocument,
} from '../document-store';
import { withDeadline } from '../../deadline';
import { StoreError } from '../store-error';
import { COSMOS_CONTAINER_NAMES, PARTITION_KEY_PATH } from './cosmos-containers';
import { cosmosStatus, isDocumentNotFound, toStoreError } from './cosmos-errors';
import { countQuery, selectQuery } from './cosmos-query';

/** What `aadCredentials` accepts (an @azure/identity credential), without importing @azure/core-auth. */
export type CosmosTokenCredential = NonNullable<CosmosClientOptions['aadCredentials']>;

/** Client options the store passes through (e.g. `agent`, `connectionPolicy`, `userAgentSuffix`). */
export type CosmosStoreClientOptions = Omit<CosmosClientOptions, 'endpoint' | 'key' | 'aadCredentials'>;

export interface CosmosStoreOptions {
  /** Account endpoint, e.g. `https://<account>.documents.azure.com:443/`. */
  endpoint: string;
  /** Account key. When given it wins over `credential`. */
  key?: string;
  /** Entra ID credential; default (no key, no credential) is `new DefaultAzureCredential()` (managed identity). */
  credential?: CosmosTokenCredential;
  databaseId: string;
  clientOptions?: CosmosStoreClientOptions;
  /**
   * Autoscale maximum RU/s shared by the containers, used only when this store creates the
   * database. Leave undefined for a serverless account (and when infrastructure provisions it).
   */
  databaseMaxThroughput?: number;
  /** How long `ping` waits before reporting `unavailable` (default 5000 ms). */
  pingTimeoutMs?: number;
  /**
   * The deadline of each operation, its retries included (default 15000 ms); also each HTTP
   * request's timeout. The SDK alone waits 60 s per request and retries a timed-out read up to
   * 120 times, so a Cosmos that accepts connections and never answers would hold a turn for hours.
   */
  requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** Creating a database and its containers on a real account takes seconds, not milliseconds. */
const SCHEMA_DEADLINE_FACTOR = 4;

/** How documents lie in Cosmos: the body nested, so its fields never meet `id`, `_etag`, `_ts`. */
type CosmosDocument<T> = {
  id: string;
  pk: string;
  body: T;
  _etag?: string;
};

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
/** Round trips one `query` call may spend filling a page (partitions answer with partial pages). */
const MAX_FETCHES_PER_PAGE = 20;
/** Round trips spent checking that a continuation token really leads somewhere. */
const MAX_PEEKS = 10;
/** Characters Cosmos refuses in an id (they would break the resource URL). */
const INVALID_ID = /[/\\?#]/;
/** Cosmos' limit on the length of an id. */
const MAX_ID_BYTES = 1023;

/**
 * The Azure Cosmos DB (NoSQL API) store behind the port. One container per `ContainerName`, all
 * partitioned on `/pk`; the etag is Cosmos' `_etag`. See docs/cosmos.md for the partitioning and
 * request-unit reasoning and for what the emulator used in tests lacks.
 */
export class CosmosStore implements DocumentStore {
  private closed = false;

  private constructor(
    private readonly client: CosmosClient,
    private readonly database: Database,
    private readonly options: CosmosStoreOptions,
  ) {}

  /** Connects, and creates the database and every container when missing. */
  static async open(options: CosmosStoreOptions): Promise<CosmosStore> {
    let client: CosmosClient | undefined;
    try {
      client = new CosmosClient({
        ...options.clientOptions,
        connectionPolicy: { ...options.clientOptions?.connectionPolicy, requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS },
        endpoint: options.endpoint,
        ...(options.key !== undefined
          ? { key: options.key }
          : { aadCredentials: options.credential ?? (await defaultCredential()) }),
      });
      const store = new CosmosStore(client, client.database(options.databaseId), options);
      await store.ensureSchema();
      return store;
    } catch (error) {
      client?.dispose();
      throw toStoreError('open', error);
    }
  }

  /**
   * Creates the database and containers that are missing (idempotent, safe to race with another
   * instance) and checks that existing containers are partitioned on `/pk`. With a managed
   * identity only the reads succeed: Cosmos data-plane roles cannot create databases or
   * containers, so infrastructure must provision them (docs/cosmos.md).
   */
  async ensureSchema(): Promise<void> {
    await this.run('ensureSchema', async (abortSignal) => {
      const throughput = this.options.databaseMaxThroughput;
      await retryOnConflict(() =>
        this.client.databases.createIfNotExists({ id: this.options.databaseId, ...(throughput ? { maxThroughput: throughput } : {}) }, { abortSignal }),
      );
      await Promise.all(
        COSMOS_CONTAINER_NAMES.map(async (name) => {
          const { resource } = await retryOnConflict(() =>
            this.database.containers.createIfNotExists({ id: name, partitionKey: { paths: [PARTITION_KEY_PATH] } }, { abortSignal }),
          );
          const paths = resource?.partitionKey?.paths ?? [];
          if (paths.length !== 1 || paths[0] !== PARTITION_KEY_PATH) {
            throw new StoreError('unavailable', `container ${name} is partitioned on ${paths.join(',') || 'nothing'}, expected ${PARTITION_KEY_PATH}`);
          }
        }),
      );
    }, { deadlineFactor: SCHEMA_DEADLINE_FACTOR });
  }

  private container(name: ContainerName): Container {
    return this.database.container(name);
  }

  /**
   * Every operation goes through here: closed check, the deadline (its signal aborts the SDK's
   * request and ends its retries) and the one error mapping. `documentNotFound` marks the
   * operations for which a 404 means "this document does not exist" (replace).
   */
  private async run<R>(
    what: string,
    operation: (abortSignal: AbortSignal) => Promise<R>,
    options: { documentNotFound?: boolean; deadlineFactor?: number } = {},
  ): Promise<R> {
    if (this.closed) throw new StoreError('unavailable', `${what}: store is closed`);
    const deadlineMs = (this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) * (options.deadlineFactor ?? 1);
    try {
      return await withDeadline(deadlineMs, `cosmos ${what}`, operation);
    } catch (error) {
      throw toStoreError(what, error, options);
    }
  }

  async read<T>(container: ContainerName, partitionKey: string, id: string): Promise<StoredDocument<T> | undefined> {
    return this.run('read', async (abortSignal) => {
      checkId(id);
      try {
        const response = await this.container(container).item(id, partitionKey).read<CosmosDocument<T>>({ abortSignal });
        // The SDK answers a missing document with a 404 response rather than an error.
        if (response.statusCode === 404 && isDocumentNotFound({ code: 404, substatus: response.substatus })) return undefined;
        if (!response.resource) throw Object.assign(new Error('read: empty response'), { code: response.statusCode, substatus: response.substatus });
        return toStored(response.resource);
      } catch (error) {
        if (isDocumentNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  async create<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>> {
    return this.run('create', async (abortSignal) => {
      checkId(id);
      const response = await this.container(container).items.create<CosmosDocument<T>>({ id, pk: partitionKey, body }, { abortSignal });
      return { id, partitionKey, etag: etagOf(response), body };
    });
  }

  async replace<T>(container: ContainerName, partitionKey: string, id: string, body: T, ifMatch: string): Promise<StoredDocument<T>> {
    return this.run('replace', async (abortSignal) => {
      checkId(id);
      const response = await this.container(container)
        .item(id, partitionKey)
        .replace<CosmosDocument<T>>({ id, pk: partitionKey, body }, { accessCondition: { type: 'IfMatch', condition: ifMatch }, abortSignal });
      return { id, partitionKey, etag: etagOf(response), body };
    }, { documentNotFound: true });
  }

  async upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>> {
    return this.run('upsert', async (abortSignal) => {
      checkId(id);
      const response = await this.container(container).items.upsert<CosmosDocument<T>>({ id, pk: partitionKey, body }, { abortSignal });
      return { id, partitionKey, etag: etagOf(response), body };
    });
  }

  async delete(container: ContainerName, partitionKey: string, id: string): Promise<boolean> {
    return this.run('delete', async (abortSignal) => {
      checkId(id);
      try {
        await this.container(container).item(id, partitionKey).delete({ abortSignal });
        return true;
      } catch (error) {
        if (isDocumentNotFound(error)) return false;
        throw error;
      }
    });
  }

  /**
   * One page of up to `limit` items. Cosmos may answer a request with fewer items than asked (a
   * partial page, or an empty one while partitions are still being scanned), so this keeps asking
   * until the page is full or the results end. And because Cosmos may hand out a continuation
   * token even when nothing follows, a full page's token is checked with a one-item peek and
   * dropped when it leads nowhere: `continuation` is present only when more items follow.
   */
  async query<T>(container: ContainerName, query: DocumentQuery): Promise<QueryPage<T>> {
    return this.run('query', async (abortSignal) => {
      const spec = selectQuery(query);
      const limit = Math.max(1, Math.min(Math.floor(query.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE));
      const items: StoredDocument<T>[] = [];
      let token = query.continuation;
      for (let fetches = 0; items.length < limit && fetches < MAX_FETCHES_PER_PAGE; fetches += 1) {
        const page = await this.fetchPage<T>(container, spec, query.partitionKey, limit - items.length, token, abortSignal);
        items.push(...page.resources.map((resource) => toStored(resource)));
        token = page.continuationToken;
        if (!token) break;
      }
      if (token && items.length >= limit && !(await this.leadsSomewhere(container, spec, query.partitionKey, token, abortSignal))) token = undefined;
      return token ? { items, continuation: token } : { items };
    });
  }

  private async fetchPage<T>(
    container: ContainerName,
    spec: SqlQuerySpec,
    partitionKey: string | undefined,
    maxItemCount: number,
    continuationToken: string | undefined,
    abortSignal: AbortSignal,
  ): Promise<{ resources: CosmosDocument<T>[]; continuationToken?: string }> {
    const response = await this.container(container)
      .items.query<CosmosDocument<T>>(spec, {
        abortSignal,
        maxItemCount,
        ...(continuationToken ? { continuationToken } : {}),
        ...(partitionKey !== undefined ? { partitionKey } : {}),
        // SDK 4.x returns continuation tokens for cross-partition (pipelined) queries only with
        // query control on; without it a token passed back in is refused.
        enableQueryControl: true,
      })
      .fetchNext();
    const resources = response.resources ?? [];
    return response.continuationToken ? { resources, continuationToken: response.continuationToken } : { resources };
  }

  private async leadsSomewhere(
    container: ContainerName,
    spec: SqlQuerySpec,
    partitionKey: string | undefined,
    token: string,
    abortSignal: AbortSignal,
  ): Promise<boolean> {
    let next: string | undefined = token;
    for (let peek = 0; next && peek < MAX_PEEKS; peek += 1) {
      const page: { resources: unknown[]; continuationToken?: string } = await this.fetchPage(container, spec, partitionKey, 1, next, abortSignal);
      if (page.resources.length > 0) return true;
      next = page.continuationToken;
    }
    // Still undecided after MAX_PEEKS empty answers: keep the token (a later page may be empty).
    return next !== undefined;
  }

  async count(container: ContainerName, query: Omit<DocumentQuery, 'orderBy' | 'limit' | 'continuation'>): Promise<number> {
    return this.run('count', async (abortSignal) => {
      const { resources } = await this.container(container)
        .items.query<number>(countQuery(query), { abortSignal, ...(query.partitionKey !== undefined ? { partitionKey: query.partitionKey } : {}) })
        .fetchAll();
      // A single-partition aggregate may come back as partial counts over several pages: add them.
      return resources.reduce((sum, value) => sum + (typeof value === 'number' ? value : 0), 0);
    });
  }

  /**
   * Reads the database (a metadata read, no documents). When the database is gone it is created
   * again with its containers, as `open` would do: with the emulator after a restart, or with a
   * key after someone deleted it (with a managed identity the creation fails and ping keeps
   * reporting `unavailable`).
   */
  async ping(): Promise<void> {
    await this.run('ping', async (abortSignal) => {
      try {
        await this.database.read({ abortSignal: AbortSignal.any([abortSignal, AbortSignal.timeout(this.options.pingTimeoutMs ?? 5000)]) });
      } catch (error) {
        if (cosmosStatus(error) !== 404) throw error;
        await this.ensureSchema();
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.dispose();
  }
}

async function defaultCredential(): Promise<CosmosTokenCredential> {
  // Loaded only when used: key-based setups and tests never pay for @azure/identity.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}

async function retryOnConflict<R>(operation: () => Promise<R>): Promise<R> {
  try {
    return await operation();
  } catch (error) {
    // Another instance created it between our read and our create: read it now.
    if (cosmosStatus(error) === 409) return operation();
    throw error;
  }
}

function checkId(id: string): void {
  if (!id || INVALID_ID.test(id) || Buffer.byteLength(id) > MAX_ID_BYTES) throw new StoreError('unavailable', 'invalid document id for Cosmos DB');
}

function toStored<T>(resource: CosmosDocument<T>): StoredDocument<T> {
  if (!resource._etag) throw new StoreError('unavailable', 'document without etag');
  return { id: resource.id, partitionKey: resource.pk, etag: resource._etag, body: resource.body };
}

function etagOf(response: { etag?: string; resource?: { _etag?: string } }): string {
  const etag = response.etag || response.resource?._etag;
  if (!etag) throw new StoreError('unavailable', 'write answered without etag');
  return etag;
}
