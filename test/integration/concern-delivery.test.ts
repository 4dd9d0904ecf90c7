import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmYear } from '../../src/domain/stockholm-time';
import { COORDINATOR, channelMessage, executeAction, validConcernData, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { inputValue } from '../support/card-inputs';
import { FakeConnector } from '../support/fake-connector';

const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';

function person(n: number): Person {
  const hex = n.toString(16).padStart(12, '0');
  return { id: `29:user-${n}`, name: `Medarbetare ${n}`, aadObjectId: `33333333-3333-4333-8333-${hex}` };
}

function referenceOf(body: any): string | undefined {
  return /VBE-\d{4}-\d{4,}/.exec(JSON.stringify(body?.value ?? ''))?.[0];
}


describe('concern delivery under load and failure', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const opts = (from: Person) => ({ serviceUrl: connector.serviceUrl, from });

  beforeAll(async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot({ env: { SQLITE_BUSY_TIMEOUT_MS: '100' } });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('gives 50 concurrent submissions 50 distinct, gap-free references', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => bot.post(executeAction('concern.submit', validConcernData(), opts(person(i))))),
    );
    const references = responses.map((response) => referenceOf(response.body));
    expect(references.every(Boolean)).toBe(true);
    const year = stockholmYear(new Date());
    const expected = Array.from({ length: 50 }, (_, i) => `VBE-${year}-${String(i + 1).padStart(4, '0')}`);
    expect([...references].sort()).toEqual(expected);
    expect(await bot.app.store.count('reports', {})).toBe(50);
  });

  it('posts every stored report once the channel is bound, and retries a channel that was down', async () => {
    // Reports filed before any channel was bound wait in the store.
    connector.reset();
    connector.setDown({ status: 503 }, { conversationId: CHANNEL_ID });
    await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    const late = await bot.post(executeAction('concern.submit', validConcernData(), opts(person(100))));
    const lateReference = referenceOf(late.body)!;
    expect(lateReference).toBeDefined();
    // The channel refuses: nothing reaches it, yet nothing is lost.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(connector.sentTo(CHANNEL_ID).length).toBe(0);
    expect(connector.requests.some((request) => request.status === 503)).toBe(true);

    connector.setDown(false);
    const deliveredRefs = new Set<string>();
    const deadline = Date.now() + 25_000;
    while (deliveredRefs.size < 51 && Date.now() < deadline) {
      for (const sent of connector.sentTo(CHANNEL_ID)) {
        const match = /VBE-\d{4}-\d{4,}/.exec(JSON.stringify(sent.activity.attachments ?? []));
        if (match) deliveredRefs.add(match[0]);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(deliveredRefs.size).toBe(51);
    expect(deliveredRefs.has(lateReference)).toBe(true);
    expect(await bot.app.store.count('reports', { where: [{ field: 'channelPost.state', op: '=', value: 'pending' }] })).toBe(0);
  }, 40_000);

  it('refuses the 11th report within an hour, keeping every value', async () => {
    const user = person(200);
    for (let i = 0; i < 10; i += 1) {
      const ok = await bot.post(executeAction('concern.submit', validConcernData(), opts(user)));
      expect(referenceOf(ok.body)).toBeDefined();
    }
    const data = validConcernData({ description: 'Den elfte rapporten inom samma timme, den ska inte sparas.' });
    const before = await bot.app.store.count('reports', {});
    const refused = await bot.post(executeAction('concern.submit', data, opts(user)));
    const card = refused.body.value;
    expect(JSON.stringify(card.body)).toContain('10 rapporter den senaste timmen');
    for (const [field, value] of Object.entries(data)) expect(inputValue(card, field), field).toBe(value);
    expect(await bot.app.store.count('reports', {})).toBe(before);
    // Someone else is not affected.
    expect(referenceOf((await bot.post(executeAction('concern.submit', validConcernData(), opts(person(201))))).body)).toBeDefined();
  });

  it('tells the user plainly when the store fails, keeps the values, and works again afterwards', async () => {
    // Another process holds the write lock: a real "database is locked" failure.
    const blocker = new Database(join(bot.dataDir, 'vbe-stod.sqlite'));
    blocker.pragma('busy_timeout = 0');
    blocker.exec('BEGIN EXCLUSIVE');
    const data = validConcernData({ description: 'En rapport som skickas när databasen är låst av någon annan.' });
    try {
      const failed = await bot.post(executeAction('concern.submit', data, opts(person(300))));
      const card = failed.body.value;
      expect(failed.status).toBe(200);
      expect(JSON.stringify(card.body)).toContain('kunde inte sparas just nu');
      for (const [field, value] of Object.entries(data)) expect(inputValue(card, field), field).toBe(value);
      const ready = await fetch(`${bot.url}/healthz`);
      expect(ready.status).toBe(200);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    const retried = await bot.post(executeAction('concern.submit', data, opts(person(300))));
    expect(referenceOf(retried.body)).toBeDefined();
  });
});
