import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS } from '../../src/domain/delivery';
import { OutboxMessages, recipientKeyOf, type OutboxRecipient } from '../../src/store/repositories/outbox-messages';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const T0 = new Date('2026-11-28T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const person = (n: number): OutboxRecipient => ({ aadObjectId: `AAAAAAAA-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Person ${n}` });
const SURVEY = { kind: 'survey', roundId: 'round-2026' };

describe('OutboxMessages', () => {
  let store: SqliteStore;
  let messages: OutboxMessages;
  beforeEach(() => {
    store = new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'vbe-outbox-')) });
    messages = new OutboxMessages(store, { maxAttempts: 4, claimTtlMs: 60_000 });
  });
  afterEach(async () => store.close());

  it('enqueues one pending message per recipient, idempotently', async () => {
    const recipients = [person(1), person(2), { ...person(2), name: 'duplicate in the same call' }, person(3)];
    expect(await messages.enqueueAll('round-2026', recipients, SURVEY, T0)).toEqual({ created: 3, existing: 0 });
    expect(await messages.enqueueAll('round-2026', [...recipients, person(4)], SURVEY, at(1_000))).toEqual({ created: 1, existing: 3 });
    expect(await messages.countsByState('round-2026')).toEqual({ pending: 4, delivered: 0, unreachable: 0, failed: 0 });
    const stored = await messages.get('round-2026', recipientKeyOf(person(1)));
    expect(stored).toMatchObject({
      id: `round-2026:${recipientKeyOf(person(1))}`,
      partitionKey: 'round-2026',
      body: { batchId: 'round-2026', payloadRef: SURVEY, recipient: person(1), delivery: { state: 'pending', attempts: 0, nextAttemptAt: T0.toISOString() } },
    });
    // The same recipient in another batch is another message.
    expect(await messages.enqueueAll('nudges:forum-1', [person(1)], { kind: 'nudge', forumId: 'forum-1' }, T0)).toEqual({ created: 1, existing: 0 });
  });

  it('refuses ids Cosmos cannot store', async () => {
    await expect(messages.enqueueAll('a/b', [person(1)], SURVEY, T0)).rejects.toThrow(RangeError);
    await expect(messages.enqueueAll('ok', [{ aadObjectId: 'x#y' }], SURVEY, T0)).rejects.toThrow(RangeError);
  });

  it('lists due messages across batches, oldest first, limited', async () => {
    await messages.enqueueAll('later', [person(1)], SURVEY, at(5_000));
    await messages.enqueueAll('first', [person(2), person(3)], SURVEY, T0);
    expect(await messages.due(at(4_999), 10)).toHaveLength(2);
    const due = await messages.due(at(5_000), 10);
    expect(due.map((d) => d.body.batchId)).toEqual(['first', 'first', 'later']);
    expect(await messages.due(at(5_000), 1)).toHaveLength(1);
  });

  it('lets exactly one of two claimants take a message, and hides it while claimed', async () => {
    await messages.enqueueAll('b', [person(1)], SURVEY, T0);
    const [due] = await messages.due(T0, 10);
    const [mine, theirs] = await Promise.all([messages.claim(due!, 'process-a', T0), messages.claim(due!, 'process-b', T0)]);
    expect([mine, theirs].filter(Boolean)).toHaveLength(1);
    expect(mine?.body).toMatchObject({ claimedBy: 'process-a', claimedUntil: at(60_000).toISOString() });
    expect(await messages.due(at(59_999), 10)).toHaveLength(0);
  });

  it('gives an expired claim back, counting the abandoned send as an attempt', async () => {
    await messages.enqueueAll('b', [person(1)], SURVEY, T0);
    await messages.claim((await messages.due(T0, 1))[0]!, 'dead-process', T0);
    const [expired] = await messages.due(at(60_000), 10);
    expect(expired).toBeDefined();
    const retaken = await messages.claim(expired!, 'process-b', at(60_000));
    expect(retaken?.body).toMatchObject({ claimedBy: 'process-b', delivery: { attempts: 1, lastErrorCode: 'claim_expired' } });
  });

  it('fails a message whose sends keep killing the process (claims keep expiring)', async () => {
    await messages.enqueueAll('b', [person(1)], SURVEY, T0);
    let now = 0;
    const claims: boolean[] = [];
    for (let round = 0; round < 6; round += 1) {
      const [due] = await messages.due(at(now), 1);
      if (!due) break;
      claims.push((await messages.claim(due, `crashing-${round}`, at(now))) !== undefined);
      now += 60_000;
    }
    // The first claim and three abandoned ones (attempts 1..3); the fourth abandonment makes 4 = max.
    expect(claims).toEqual([true, true, true, true, false]);
    expect(await messages.countsByState('b')).toMatchObject({ pending: 0, failed: 1 });
  });

  it('records outcomes with the delivery state machine and keeps a learnt conversation id', async () => {
    await messages.enqueueAll('b', [person(1), person(2), person(3)], SURVEY, T0);
    const [one, two, three] = await Promise.all((await messages.due(T0, 10)).map((d) => messages.claim(d, 'p', T0)));
    const delivered = await messages.markResult(one!, { kind: 'delivered', conversationId: 'a:conv-1' }, at(100), 0.5);
    expect(delivered?.body).toMatchObject({ recipient: { conversationId: 'a:conv-1' }, delivery: { state: 'delivered', attempts: 1, deliveredAt: at(100).toISOString() } });
    expect(delivered?.body.claimedBy).toBeUndefined();
    const unreachable = await messages.markResult(two!, { kind: 'unreachable', code: 'http_403' }, at(100), 0.5);
    expect(unreachable?.body.delivery).toEqual({ state: 'unreachable', attempts: 1, lastErrorCode: 'http_403' });
    const retry = await messages.markResult(three!, { kind: 'transient', code: 'http_503', conversationId: 'a:conv-3' }, at(100), 0.5);
    expect(retry?.body).toMatchObject({ recipient: { conversationId: 'a:conv-3' }, delivery: { state: 'pending', attempts: 1, nextAttemptAt: at(100 + BACKOFF_BASE_MS).toISOString() } });
    expect(await messages.countsByState('b')).toEqual({ pending: 1, delivered: 1, unreachable: 1, failed: 0 });
  });

  it('fails a message after the bounded number of attempts', async () => {
    await messages.enqueueAll('b', [person(1)], SURVEY, T0);
    let now = T0.getTime();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const [due] = await messages.due(new Date(now), 1);
      const claimed = await messages.claim(due!, 'p', new Date(now));
      const result = await messages.markResult(claimed!, { kind: 'throttled', retryAfterMs: 5_000 }, new Date(now), 0);
      expect(result?.body.delivery.state).toBe(attempt < 4 ? 'pending' : 'failed');
      now += 20 * 60_000;
    }
    expect(await messages.due(new Date(now), 1)).toHaveLength(0);
  });

  it('after a lost claim records a delivery (it happened) but leaves a failure to the new holder', async () => {
    await messages.enqueueAll('b', [person(1), person(2)], SURVEY, T0);
    const [slowA, slowB] = await Promise.all((await messages.due(T0, 10)).map((d) => messages.claim(d, 'slow', T0)));
    const takeOver = async (doc: typeof slowA) => messages.claim((await messages.get('b', doc!.body.recipientKey))!, 'fresh', at(61_000));
    const freshA = await takeOver(slowA);
    const freshB = await takeOver(slowB);
    expect(freshA && freshB).toBeTruthy();
    expect((await messages.markResult(slowA!, { kind: 'delivered' }, at(62_000), 0))?.body.delivery.state).toBe('delivered');
    expect((await messages.markResult(slowB!, { kind: 'transient', code: 'http_502' }, at(62_000), 0))?.body.claimedBy).toBe('fresh');
    // The new holder's late result does not undo the delivery.
    expect((await messages.markResult(freshA!, { kind: 'transient', code: 'timeout' }, at(63_000), 0))?.body.delivery.state).toBe('delivered');
  });

  it('releases a claim unsent without counting an attempt, due again when asked', async () => {
    await messages.enqueueAll('b', [person(1)], SURVEY, T0);
    const claimed = await messages.claim((await messages.due(T0, 1))[0]!, 'p', T0);
    await messages.release(claimed!, at(30_000));
    expect(await messages.due(at(29_999), 1)).toHaveLength(0);
    const [again] = await messages.due(at(30_000), 1);
    expect(again?.body.delivery).toMatchObject({ state: 'pending', attempts: 0 });
    expect(again?.body.claimedBy).toBeUndefined();
    // A released message is claimed again without counting an abandoned send.
    expect((await messages.claim(again!, 'p', at(30_000)))?.body.delivery.attempts).toBe(0);
  });

  it('counts per state within a group', async () => {
    await messages.enqueueAll('b', [{ ...person(1), group: 'unit-a' }, { ...person(2), group: 'unit-a' }, { ...person(3), group: 'unit-b' }], SURVEY, T0);
    const claimed = await messages.claim((await messages.due(T0, 1))[0]!, 'p', T0);
    await messages.markResult(claimed!, { kind: 'delivered' }, T0, 0);
    const unitOf = claimed!.body.group!;
    expect(await messages.countsByState('b', unitOf)).toMatchObject({ delivered: 1, pending: unitOf === 'unit-a' ? 1 : 0 });
    expect(await messages.countsByState('b', 'unit-c')).toEqual({ pending: 0, delivered: 0, unreachable: 0, failed: 0 });
    expect((await messages.get('b', recipientKeyOf(person(3))))?.body.recipient).toEqual(person(3));
  });
});
