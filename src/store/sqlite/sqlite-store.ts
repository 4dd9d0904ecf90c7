import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  fieldNames,
  type Condition,
  type ContainerName,
  type DocumentQuery,
  type DocumentStore,
  type QueryPage,
  type StoredDocument,
} from '../document-store';
import { StoreError } from '../store-error';
import { migrate } from './migrations';

export interface SqliteStoreOptions {
  /** Folder of the database file (`vbe-stod.sqlite`). */
  dataDir: string;
  /** How long a write waits for another process's lock before failing as `unavailable`. */
  busyTimeoutMs?: number;
}

interface Row {
  partition_key: string;
  id: string;
  etag: string;
  body: string;
}

const DEFAULT_PAGE_SIZE = 100;
function jsonPath(field: string): string {
  return `json_extract(body, '$.${fieldNames(field).join('.')}')`;
}

function sqlValue(value: Condition['value']): string | number | null {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/** The embedded store: one SQLite file in WAL mode, documents as JSON rows. */
export class SqliteStore implements DocumentStore {
  private readonly db: Database.Database;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.db = new Database(join(options.dataDir, 'vbe-stod.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    this.db.pragma('foreign_keys = ON');
    // Deleted text must not linger in free pages of the file.
    this.db.pragma('secure_delete = ON');
    migrate(this.db);
  }

  private run<T>(what: string, operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT')) throw new StoreError('conflict', `${what}: already exists`, { cause: error });
      throw new StoreError('unavailable', `${what}: ${code || (error as Error).message}`, { cause: error });
    }
  }

  private toDocument<T>(row: Row): StoredDocument<T> {
    return { id: row.id, partitionKey: row.partition_key, etag: row.etag, body: JSON.parse(row.body) as T };
  }

  async read<T>(container: ContainerName, partitionKey: string, id: string): Promise<StoredDocument<T> | undefined> {
    return this.run('read', () => {
      const row = this.db
        .prepare('SELECT partition_key, id, etag, body FROM documents WHERE container = ? AND partition_key = ? AND id = ?')
        .get(container, partitionKey, id) as Row | undefined;
      return row ? this.toDocument<T>(row) : undefined;
    });
  }

  async create<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>> {
    return this.run('create', () => {
      const etag = randomUUID();
      this.db
        .prepare('INSERT INTO documents (container, partition_key, id, etag, body) VALUES (?, ?, ?, ?, ?)')
        .run(container, partitionKey, id, etag, JSON.stringify(body));
      return { id, partitionKey, etag, body };
    });
  }

  async replace<T>(container: ContainerName, partitionKey: string, id: string, body: T, ifMatch: string): Promise<StoredDocument<T>> {
    return this.run('replace', () => {
      const etag = randomUUID();
      const result = this.db
        .prepare('UPDATE documents SET etag = ?, body = ? WHERE container = ? AND partition_key = ? AND id = ? AND etag = ?')
        .run(etag, JSON.stringify(body), container, partitionKey, id, ifMatch);
      if (result.changes === 1) return { id, partitionKey, etag, body };
      const exists = this.db
        .prepare('SELECT 1 FROM documents WHERE container = ? AND partition_key = ? AND id = ?')
        .get(container, partitionKey, id);
      throw new StoreError(exists ? 'conflict' : 'not_found', `replace ${container}/${id}: ${exists ? 'etag mismatch' : 'not found'}`);
    });
  }

  async upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>> {
    return this.run('upsert', () => {
      const etag = randomUUID();
      this.db
        .prepare(
          `INSERT INTO documents (container, partition_key, id, etag, body) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (container, partition_key, id) DO UPDATE SET etag = excluded.etag, body = excluded.body`,
        )
        .run(container, partitionKey, id, etag, JSON.stringify(body));
      return { id, partitionKey, etag, body };
    });
  }

  async delete(container: ContainerName, partitionKey: string, id: string): Promise<boolean> {
    return this.run('delete', () => {
      const result = this.db
        .prepare('DELETE FROM documents WHERE container = ? AND partition_key = ? AND id = ?')
        .run(container, partitionKey, id);
      return result.changes > 0;
    });
  }

  private whereClause(container: ContainerName, query: Pick<DocumentQuery, 'partitionKey' | 'where'>) {
    const clauses = ['container = ?'];
    const params: Array<string | number | null> = [container];
    if (query.partitionKey !== undefined) {
      clauses.push('partition_key = ?');
      params.push(query.partitionKey);
    }
    for (const condition of query.where ?? []) {
      const path = jsonPath(condition.field);
      if (condition.value === null) {
        if (condition.op !== '=' && condition.op !== '!=') throw new StoreError('unavailable', 'null only compares with = or !=');
        clauses.push(`${path} IS ${condition.op === '=' ? '' : 'NOT '}NULL`);
      } else {
        clauses.push(`${path} ${condition.op} ?`);
        params.push(sqlValue(condition.value));
      }
    }
    return { sql: clauses.join(' AND '), params };
  }

  async query<T>(container: ContainerName, query: DocumentQuery): Promise<QueryPage<T>> {
    return this.run('query', () => {
      const { sql, params } = this.whereClause(container, query);
      const limit = Math.max(1, Math.min(query.limit ?? DEFAULT_PAGE_SIZE, 1000));
      const offset = query.continuation ? decodeContinuation(query.continuation) : 0;
      // Ties are broken in the same direction, so an index on the ordered field serves the whole ORDER BY.
      const direction = query.orderBy?.direction === 'desc' ? 'DESC' : 'ASC';
      const order = query.orderBy
        ? `${jsonPath(query.orderBy.field)} ${direction}, partition_key ${direction}, id ${direction}`
        : 'partition_key, id';
      const rows = this.db
        .prepare(`SELECT partition_key, id, etag, body FROM documents WHERE ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .all(...params, limit + 1, offset) as Row[];
      const items = rows.slice(0, limit).map((row) => this.toDocument<T>(row));
      return { items, continuation: rows.length > limit ? encodeContinuation(offset + limit) : undefined };
    });
  }

  async count(container: ContainerName, query: Pick<DocumentQuery, 'partitionKey' | 'where'>): Promise<number> {
    return this.run('count', () => {
      const { sql, params } = this.whereClause(container, query);
      const row = this.db.prepare(`SELECT COUNT(*) AS n FROM documents WHERE ${sql}`).get(...params) as { n: number };
      return row.n;
    });
  }

  async ping(): Promise<void> {
    this.run('ping', () => this.db.prepare('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function encodeContinuation(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeContinuation(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new StoreError('unavailable', 'invalid continuation token');
}
