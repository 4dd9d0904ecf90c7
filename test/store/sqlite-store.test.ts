import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations';
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
