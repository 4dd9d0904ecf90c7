import { describe, expect, it } from 'vitest';
import { queryAll, type DocumentStore } from '../../src/store/document-store';
import { ConcernReports } from '../../src/store/repositories/concern-reports';
import { Leases } from '../../src/store/repositories/leases';
import { isStoreError } from '../../src/store/store-error';
import type { ConcernReport } from '../../src/domain/concern/concern-report';

/**
 * The behaviour every store behind the port must have. Each engine's test file calls this with a
 * factory for a fresh, empty store.
 */
export function describeStoreContract(engine: string, openStore: () => Promise<DocumentStore>): void {
  describe(`${engine} store contract`, () => {
    const withStore = (test: (store: DocumentStore) => Promise<void>) => async () => {
      const store = await openStore();
      try {
        await test(store);
      } finally {
        await store.close();
      }
    };

    it('creates and reads a document; a second create of the same id conflicts', withStore(async (store) => {
      const created = await store.create('reports', 'p1', 'a', { n: 1 });
      expect(created.etag).toBeTruthy();
      expect(await store.read('reports', 'p1', 'a')).toEqual(created);
      await expect(store.create('reports', 'p1', 'a', { n: 2 })).rejects.toSatisfy((error) => isStoreError(error, 'conflict'));
      // The same id in another partition or container is another document.
      await store.create('reports', 'p2', 'a', { n: 3 });
      await store.create('settings', 'p1', 'a', { n: 4 });
      expect((await store.read<{ n: number }>('reports', 'p1', 'a'))?.body.n).toBe(1);
      expect(await store.read('reports', 'p3', 'a')).toBeUndefined();
    }));

    it('replaces only with the current etag; a stale etag fails as a conflict', withStore(async (store) => {
      const first = await store.create('reports', 'p', 'doc', { v: 1 });
      const second = await store.replace('reports', 'p', 'doc', { v: 2 }, first.etag);
      expect(second.etag).not.toBe(first.etag);
      await expect(store.replace('reports', 'p', 'doc', { v: 3 }, first.etag)).rejects.toSatisfy((error) => isStoreError(error, 'conflict'));
      expect((await store.read<{ v: number }>('reports', 'p', 'doc'))?.body.v).toBe(2);
      await expect(store.replace('reports', 'p', 'missing', { v: 1 }, 'x')).rejects.toSatisfy((error) => isStoreError(error, 'not_found'));
    }));

    it('upserts and deletes', withStore(async (store) => {
      const inserted = await store.upsert('settings', 's', 'k', { a: 1 });
      const updated = await store.upsert('settings', 's', 'k', { a: 2 });
      expect(updated.etag).not.toBe(inserted.etag);
      expect((await store.read<{ a: number }>('settings', 's', 'k'))?.body.a).toBe(2);
      expect(await store.delete('settings', 's', 'k')).toBe(true);
      expect(await store.delete('settings', 's', 'k')).toBe(false);
      expect(await store.read('settings', 's', 'k')).toBeUndefined();
    }));

    it('queries with conditions on nested fields, ordering and continuation paging', withStore(async (store) => {
      for (let i = 1; i <= 25; i += 1) {
        await store.create('reports', i % 2 ? 'odd' : 'even', `r${i}`, {
          sequence: i,
          state: { name: i % 3 === 0 ? 'pending' : 'delivered', at: `2026-11-${String(i).padStart(2, '0')}` },
          flag: i > 20,
          missing: i === 1 ? null : 'present',
        });
      }
      const firstPage = await store.query<{ sequence: number }>('reports', { orderBy: { field: 'sequence', direction: 'desc' }, limit: 10 });
      expect(firstPage.items.map((item) => item.body.sequence)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
      expect(firstPage.continuation).toBeDefined();
      const all = await queryAll<{ sequence: number }>(store, 'reports', { orderBy: { field: 'sequence', direction: 'asc' }, limit: 7 });
      expect(all.map((item) => item.body.sequence)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));

      const pending = await queryAll<{ sequence: number }>(store, 'reports', {
        where: [
          { field: 'state.name', op: '=', value: 'pending' },
          { field: 'state.at', op: '<=', value: '2026-11-15' },
        ],
        orderBy: { field: 'sequence', direction: 'asc' },
      });
      expect(pending.map((item) => item.body.sequence)).toEqual([3, 6, 9, 12, 15]);
      const inPartition = await queryAll<{ sequence: number }>(store, 'reports', { partitionKey: 'even', where: [{ field: 'flag', op: '=', value: true }] });
      expect(inPartition.map((item) => item.body.sequence).sort((a, b) => a - b)).toEqual([22, 24]);
      expect(await store.count('reports', { where: [{ field: 'sequence', op: '>', value: 20 }] })).toBe(5);
      expect(await store.count('reports', { where: [{ field: 'missing', op: '=', value: null }] })).toBe(1);
      expect(await store.count('reports', { partitionKey: 'odd' })).toBe(13);
      expect(await store.count('settings', {})).toBe(0);
    }));

    it('refuses field paths that are not plain names', withStore(async (store) => {
      await expect(store.query('reports', { where: [{ field: "x') OR 1=1 --", op: '=', value: 1 }] })).rejects.toThrow();
    }));

    it('claims 50 concurrent report references without gaps or duplicates', withStore(async (store) => {
      const reports = new ConcernReports(store);
      const build = (sequence: number, reference: string) => ({ sequence, reference, submittedAt: new Date().toISOString() }) as unknown as ConcernReport;
      const claimed = await Promise.all(Array.from({ length: 50 }, () => reports.createWithNextReference('district', 2026, build)));
      expect(claimed.map((report) => report.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(claimed.map((report) => report.reference)).size).toBe(50);
      // Another year starts again at 1.
      expect((await reports.createWithNextReference('district', 2027, build)).reference).toBe('VBE-2027-0001');
    }));

    it('leases: of two racing holders exactly one wins; renew, release and expiry', withStore(async (store) => {
      const leases = new Leases(store);
      const t0 = new Date('2026-12-01T07:00:00Z');
      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
      const [a, b] = await Promise.all([leases.acquire('digest', 'a', 30_000, t0), leases.acquire('digest', 'b', 30_000, t0)]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const winner = (a ?? b)!;
      const loser = winner.holder === 'a' ? 'b' : 'a';
      expect(await leases.acquire('digest', loser, 30_000, at(10))).toBeUndefined();
      const renewed = await leases.renew(winner, 30_000, at(20));
      expect(renewed?.expiresAt).toBe(at(50).toISOString());
      // Renewed at 20 s for 30 s: still held at 45 s, lost at 50 s when the holder stopped renewing.
      expect(await leases.acquire('digest', loser, 30_000, at(45))).toBeUndefined();
      const taken = await leases.acquire('digest', loser, 30_000, at(50));
      expect(taken?.holder).toBe(loser);
      // The old holder can no longer renew a lease it lost.
      expect(await leases.renew(renewed!, 30_000, at(51))).toBeUndefined();
      await leases.release(taken!, at(52));
      // Released is free, also to a run whose clock is earlier (a job run with --now in the past).
      expect((await leases.acquire('digest', winner.holder, 30_000, at(-3600)))?.holder).toBe(winner.holder);
      // Other lease names are independent.
      expect(await leases.acquire('nudges', loser, 30_000, at(53))).toBeDefined();
    }));

    it('answers ping while open and fails as unavailable once closed', async () => {
      const store = await openStore();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
      await expect(store.read('reports', 'p', 'x')).rejects.toSatisfy((error) => isStoreError(error, 'unavailable'));
    });
  });
}
