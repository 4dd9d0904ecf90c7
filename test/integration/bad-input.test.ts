import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseOf } from '../../src/domain/concern/case';
import { COORDINATOR, STAFF, TENANT_ID, channelMessage, executeAction, message, submitAction, validConcernData } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector } from '../support/fake-connector';

describe('bad input never crashes the bot and changes nothing', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const opts = () => ({ serviceUrl: connector.serviceUrl });

  beforeAll(async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });
  afterEach(() => connector.reset());

  const reportCount = () => bot.app.store.count('reports', {});
  const stillAlive = async () => expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

  it.each([
    ['malformed JSON', '{"type": "message", "text": ', 'application/json'],
    ['a JSON array', '[1, 2, 3]', 'application/json'],
    ['a JSON string', '"message"', 'application/json'],
    ['an object without type', '{"text": "rapportera"}', 'application/json'],
    ['an empty body', '', 'application/json'],
  ])('answers %s on /api/messages with a 4xx and stays up', async (_name, body, contentType) => {
    const response = await bot.postRaw(body, contentType);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await stillAlive();
  });

  it('refuses an unknown verb with a clear message', async () => {
    const response = await bot.post(executeAction('concern.delete_everything', {}, opts()));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(response.body.value).toMatch(/känns inte igen/);
  });

  it('refuses an Action.Submit with an unknown or missing verb', async () => {
    await bot.post(submitAction({ verb: 'nope' }, opts()));
    await bot.post(submitAction({ anything: 1 }, opts()));
    const replies = connector.activities.map((a) => a.activity.text);
    expect(replies).toHaveLength(2);
    expect(replies.every((text) => /känns inte igen/.test(text))).toBe(true);
  });

  // Card data of a shape no client sends is refused at the door; a form with gaps comes back with its errors.
  it('refuses forged data of the wrong types with the validation message, storing nothing', async () => {
    const forged = { eventDate: 42, eventTypes: ['posters'], environment: { evil: true } };
    const response = await bot.post(executeAction('concern.submit', forged, opts()));
    expect(response.status).toBe(200);
    expect(response.body.value).toMatch(/kunde inte tas emot/);
    expect(await reportCount()).toBe(0);
  });

  it('answers missing fields and unknown choices with the form and errors, storing nothing', async () => {
    const response = await bot.post(executeAction('concern.submit', { description: null, unit: 'not-a-unit' }, opts()));
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const body = JSON.stringify(response.body.value.body);
    expect(body).toContain('Blanketten skickades inte');
    expect(body).toContain('Välj ett av alternativen.');
    expect(await reportCount()).toBe(0);
  });

  it('answers oversized text: a too-long description is refused, a huge payload is refused outright', async () => {
    const long = await bot.post(executeAction('concern.submit', validConcernData({ description: 'a'.repeat(2001) }), opts()));
    expect(JSON.stringify(long.body.value.body)).toContain('Skriv högst 2000 tecken.');
    const huge = await bot.post(executeAction('concern.submit', validConcernData({ description: 'b'.repeat(100_000) }), opts()));
    expect(huge.status).toBe(200);
    expect(huge.body.value).toMatch(/kunde inte tas emot/);
    expect(await reportCount()).toBe(0);
    await stillAlive();
  });

  it('refuses coordinator verbs and commands from staff', async () => {
    const filed = await bot.post(executeAction('concern.submit', validConcernData(), { ...opts(), from: STAFF }));
    const reference = /VBE-\d{4}-\d{4}/.exec(JSON.stringify(filed.body.value))![0];
    const forged = await bot.post(executeAction('concern.handle', { reference }, { ...opts(), from: STAFF }));
    expect(forged.body.value).toMatch(/bara samordnare/);
    const stored = await bot.app.store.query<any>('reports', {});
    expect(stored.items.every((item) => caseOf(item.body).state === 'new')).toBe(true);

    await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { ...opts(), from: STAFF }));
    expect(connector.activities.at(-1)?.activity.text).toMatch(/bara samordnare/);
    expect(await bot.app.store.read('settings', 'settings', 'coordinatorChannel')).toBeUndefined();

    // The coordinator may.
    const handled = await bot.post(executeAction('concern.handle', { reference }, { ...opts(), from: COORDINATOR }));
    expect(JSON.stringify(handled.body.value)).toContain(`Mottagen av ${COORDINATOR.name}`);
    // The channel's copy of the card is updated for every coordinator, not only the one who clicked.
    const update = connector.activities.find((a) => a.method === 'PUT');
    expect(JSON.stringify(update?.activity.attachments)).toContain(`Mottagen av ${COORDINATOR.name}`);
  });

  it('asks a coordinator to bind from a channel, not from a personal chat', async () => {
    await bot.post(message('koppla kanal', { ...opts(), from: COORDINATOR }));
    expect(connector.activities.at(-1)?.activity.text).toMatch(/i den kanal som ska bli/);
  });
});

describe('tenant restriction', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  beforeAll(async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot({ env: { ALLOWED_TENANT_ID: TENANT_ID } });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('answers its own tenant and ignores activities from any other', async () => {
    await bot.post(message('rapportera', { serviceUrl: connector.serviceUrl }));
    expect(connector.activities).toHaveLength(1);
    const foreign = message('rapportera', { serviceUrl: connector.serviceUrl });
    foreign.conversation.tenantId = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    foreign.channelData.tenant.id = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    await bot.post(foreign);
    const submit = executeAction('concern.submit', validConcernData(), { serviceUrl: connector.serviceUrl });
    submit.conversation.tenantId = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    submit.channelData.tenant.id = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    const response = await bot.post(submit);
    expect(JSON.stringify(response.body ?? '')).not.toMatch(/VBE-\d{4}/);
    expect(connector.activities).toHaveLength(1);
    expect(await bot.app.store.count('reports', {})).toBe(0);
  });
});
