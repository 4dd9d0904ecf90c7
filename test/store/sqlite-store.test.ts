import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { describeStoreContract } from './document-store-contract';

const freshDir = () => mkdtempSync(join(tmpdir(), 'vbe-sqlite-'));

describeStoreContract('sqlite', async () => new SqliteStore({ dataDir: freshDir() }));

describe('sqlite specifics', () => {
  it('uses WAL, records each migration once, and keeps data across reopening', async () => {
    const dataDir = freshDir();
    const first = new SqliteStore({ dataDir });
    await first.create('reports', 'p', 'kept', { ok: true });
    await first.close();
    const second = new SqliteStore({ dataDir });
    expect((await second.read<{ ok: boolean }>('reports', 'p', 'kept'))?.body.ok).toBe(true);
    await second.close();

    const db = new Database(join(dataDir, 'vbe-stod.sqlite'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
    db.close();
  });

  it('applies each migration once when another instance migrates the same file in between', () => {
    // Two instances starting at once on one file: the other one migrates right after this one
    // has read which versions are applied, before it applies the first.
    const file = join(freshDir(), 'vbe-stod.sqlite');
    const other = new Database(file);
    const db = new Database(file);
    db.pragma('busy_timeout = 1000');
    let otherMigrated = false;
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (sql !== 'SELECT version FROM schema_migrations' || otherMigrated) return statement;
      const all = statement.all.bind(statement);
      return Object.assign(statement, {
        all: (...params: unknown[]) => {
          const rows = all(...params);
          migrate(other);
          otherMigrated = true;
          return rows;
        },
      });
    }) as typeof db.prepare;
    expect(migrate(db)).toEqual([]);
    expect(otherMigrated).toBe(true);
    const versions = prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
    db.close();
    other.close();
  });

  it('fails writes as unavailable while another process holds the lock', async () => {
    const dataDir = freshDir();
    const store = new SqliteStore({ dataDir, busyTimeoutMs: 50 });
    const blocker = new Database(join(dataDir, 'vbe-stod.sqlite'));
    blocker.exec('BEGIN EXCLUSIVE');
    await expect(store.create('reports', 'p', 'x', {})).rejects.toMatchObject({ code: 'unavailable' });
    blocker.exec('ROLLBACK');
    blocker.close();
    await expect(store.create('reports', 'p', 'x', {})).resolves.toMatchObject({ id: 'x' });
    await store.close();
  });
});
