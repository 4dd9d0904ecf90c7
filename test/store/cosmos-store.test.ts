import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAll } from '../../src/store/document-store';
import { CosmosStore } from '../../src/store/cosmos/cosmos-store';
import { isStoreError } from '../../src/store/store-error';
import { startCosmosEmulator, type CosmosEmulator } from '../support/cosmos-emulator';
import { describeStoreContract } from './document-store-contract';

/*
 * Runs against @vercel/cosmosdb-server in-process (test/support/cosmos-emulator.ts). Where
 * production Cosmos behaves differently from the emulator, it is said next to the test and in
 * docs/cosmos.md. In short, the emulator has one partition key range and no query plans, so the
 * cross-partition pipeline of the SDK (ORDER BY merge, query control, aggregate merge) never runs
 * here; it never returns a continuation token that leads to an empty page, so the peek that
 * drops such tokens is exercised only in its "more follows" branch; and it never throttles (429).
 */

let emulator: CosmosEmulator;
let databases = 0;

const openStore = (target: CosmosEmulator = emulator, pingTimeoutMs = 2000) =>
  CosmosStore.open({
    endpoint: target.endpoint,
    key: target.key,
    // A new database per store: every factory call gives a fresh, empty store.
    databaseId: `test-${process.pid}-${++databases}`,
    clientOptions: target.clientOptions,
    pingTimeoutMs,
  });

beforeAll(async () => {
  emulator = await startCosmosEmulator();
});

afterAll(async () => {
  await emulator?.stop();
});

describeStoreContract('cosmos', () => openStore());

describe('cosmos specifics', () => {
  it('stores the body nested under `body`, so its fields never meet Cosmos system fields', async () => {
    const store = await openStore();
    try {
      const created = await store.create('reports', 'p', 'doc', { id: 'inner', _etag: 'mine', _ts: 1, value: 'x' });
      expect(await store.read('reports', 'p', 'doc')).toEqual(created);
      // `value` is a keyword in Cosmos SQL: field names are written in bracket notation.
      const page = await store.query('reports', { where: [{ field: 'value', op: '=', value: 'x' }] });
      expect(page.items.map((item) => item.id)).toEqual(['doc']);
      expect(await store.count('reports', { where: [{ field: '_etag', op: '=', value: 'mine' }] })).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('of two replaces with the same etag exactly one succeeds', async () => {
    const store = await openStore();
    try {
      const original = await store.create('leases', 'digest', 'digest', { holder: 'nobody' });
      const results = await Promise.allSettled([
        store.replace('leases', 'digest', 'digest', { holder: 'a' }, original.etag),
        store.replace('leases', 'digest', 'digest', { holder: 'b' }, original.etag),
      ]);
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(isStoreError(lost[0]!.reason, 'conflict')).toBe(true);
      const winner = (won[0] as PromiseFulfilledResult<{ body: { holder: string }; etag: string }>).value;
      const current = await store.read<{ holder: string }>('leases', 'digest', 'digest');
      expect(current?.body.holder).toBe(winner.body.holder);
      expect(current?.etag).toBe(winner.etag);
    } finally {
      await store.close();
    }
  });

  it('pages exactly to the end: no continuation on a last page that is exactly full', async () => {
    const store = await openStore();
    try {
      for (let i = 1; i <= 10; i += 1) await store.create('audit', '2026-11', `e${i}`, { at: `2026-11-${String(i).padStart(2, '0')}` });
      const first = await store.query<{ at: string }>('audit', { partitionKey: '2026-11', orderBy: { field: 'at', direction: 'asc' }, limit: 5 });
      expect(first.items).toHaveLength(5);
      expect(first.continuation).toBeDefined();
      const second = await store.query<{ at: string }>('audit', {
        partitionKey: '2026-11',
        orderBy: { field: 'at', direction: 'asc' },
        limit: 5,
        continuation: first.continuation,
      });
      expect(second.items.map((item) => item.id)).toEqual(['e6', 'e7', 'e8', 'e9', 'e10']);
      expect(second.continuation).toBeUndefined();
      const all = await queryAll(store, 'audit', { partitionKey: '2026-11', limit: 1 });
      expect(all).toHaveLength(10);
    } finally {
      await store.close();
    }
  });

  it('treats a missing field and a JSON null alike, as the SQLite store does', async () => {
    const store = await openStore();
    try {
      await store.create('reports', 'p', 'missing', { other: 1 });
      await store.create('reports', 'p', 'null', { state: null });
      await store.create('reports', 'p', 'set', { state: 'pending' });
      const ids = async (where: Parameters<typeof store.count>[1]['where']) =>
        (await queryAll(store, 'reports', { where })).map((item) => item.id).sort();
      expect(await ids([{ field: 'state', op: '=', value: null }])).toEqual(['missing', 'null']);
      expect(await ids([{ field: 'state', op: '!=', value: null }])).toEqual(['set']);
      // SQLite: NULL != 'x' is NULL (no match); plain Cosmos would say null != 'x' is true.
      expect(await ids([{ field: 'state', op: '!=', value: 'x' }])).toEqual(['set']);
      await expect(store.query('reports', { where: [{ field: 'state', op: '<', value: null }] })).rejects.toSatisfy((error) =>
        isStoreError(error, 'unavailable'),
      );
    } finally {
      await store.close();
    }
  });

  it('refuses ids Cosmos cannot address', async () => {
    const store = await openStore();
    try {
      await expect(store.create('reports', 'p', 'a/b', {})).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
    } finally {
      await store.close();
    }
  });
});

describe('cosmos outage', () => {
  // Its own emulator: stopping it must not disturb the other tests.
  let outage: CosmosEmulator;
  beforeAll(async () => {
    outage = await startCosmosEmulator();
  });
  afterAll(async () => {
    await outage?.stop();
  });

  it('fails as unavailable while the emulator is down and recovers when it is back', async () => {
    const store = await openStore(outage);
    try {
      await store.create('settings', 'settings', 'before', { ok: true });
      await outage.stop();
      await expect(store.ping()).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
      await expect(store.read('settings', 'settings', 'before')).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
      await expect(store.create('settings', 'settings', 'during', {})).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));

      await outage.restart();
      // The emulator keeps data in memory only: the database is gone. A real Cosmos account keeps
      // its data through a network outage; there ping just answers again. Until ping has run,
      // the missing database shows as unavailable (never as an empty result or not_found)...
      await expect(store.count('settings', {})).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
      await expect(store.query('settings', {})).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
      // ...and ping finds the database missing and creates it with its containers again (as open does).
      await expect(store.ping()).resolves.toBeUndefined();
      expect(await store.read('settings', 'settings', 'before')).toBeUndefined();
      const created = await store.create('settings', 'settings', 'after', { ok: true });
      expect(await store.read('settings', 'settings', 'after')).toEqual(created);
    } finally {
      await store.close();
    }
  });

  /** Runs `check` while the emulator's port accepts connections and never answers. */
  const whileBlackHoled = async (store: CosmosStore, check: () => Promise<void>) => {
    const sockets: net.Socket[] = [];
    const blackHole = net.createServer((socket) => sockets.push(socket));
    try {
      await outage.stop();
      await new Promise<void>((resolve) => blackHole.listen(outage.port, '127.0.0.1', () => resolve()));
      await check();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
      await store.close();
      await outage.restart();
    }
  };

  it('ping gives up after pingTimeoutMs when the server accepts connections but never answers', async () => {
    const store = await openStore(outage, 300);
    await whileBlackHoled(store, async () => {
      const started = Date.now();
      await expect(store.ping()).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  it('every operation gives up at requestTimeoutMs, retries included, when the server accepts connections but never answers', async () => {
    const store = await CosmosStore.open({
      endpoint: outage.endpoint,
      key: outage.key,
      databaseId: `test-${process.pid}-${++databases}`,
      clientOptions: outage.clientOptions,
      requestTimeoutMs: 300,
    });
    await whileBlackHoled(store, async () => {
      // Without a deadline the SDK waits 60 s per request and retries a timed-out read.
      const operations = [
        () => store.read('settings', 'settings', 'a'),
        () => store.create('settings', 'settings', 'b', {}),
        () => store.query('settings', {}),
        () => store.count('settings', {}),
      ];
      for (const operation of operations) {
        const started = Date.now();
        await expect(operation()).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
        expect(Date.now() - started).toBeLessThan(2000);
      }
    });
  });
});
