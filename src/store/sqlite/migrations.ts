import type Database from 'better-sqlite3';

/**
 * Versioned schema changes, applied in order inside one transaction each. Never edit a shipped
 * migration: add the next one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'documents',
    sql: `
      CREATE TABLE documents (
        container     TEXT NOT NULL,
        partition_key TEXT NOT NULL,
        id            TEXT NOT NULL,
        etag          TEXT NOT NULL,
        body          TEXT NOT NULL CHECK (json_valid(body)),
        PRIMARY KEY (container, partition_key, id)
      ) WITHOUT ROWID;
      CREATE INDEX documents_by_container ON documents (container, id);
    `,
  },
  {
    // The reference claim reads the highest sequence of a year and the outbox the pending posts on
    // every submit: without these, both scan every report of the year as the store grows.
    version: 2,
    name: 'report indexes',
    sql: `
      CREATE INDEX documents_by_sequence
        ON documents (container, partition_key, json_extract(body, '$.sequence'));
      CREATE INDEX documents_by_pending_post
        ON documents (container, json_extract(body, '$.channelPost.state'), json_extract(body, '$.channelPost.nextAttemptAt'));
    `,
  },
  {
    // The direct-message outbox asks for its due messages on every flush.
    version: 3,
    name: 'outbox due index',
    sql: `
      CREATE INDEX documents_by_due_message
        ON documents (container, json_extract(body, '$.delivery.state'), json_extract(body, '$.delivery.nextAttemptAt'));
    `,
  },
];

export function migrate(db: Database.Database): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version),
  );
  const newlyApplied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    const ran = db.transaction(() => {
      // Another process on the same file (two instances starting at once) may have applied it
      // since the read above: the write lock of BEGIN IMMEDIATE makes this check the last word.
      if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version)) return false;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      return true;
    }).immediate();
    if (ran) newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
