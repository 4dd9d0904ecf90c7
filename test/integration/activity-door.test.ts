/**
 * The door of /api/messages over real HTTP: a malformed activity gets a 400 and runs no turn; a
 * well-formed one of a kind the bot does not know gets a 200; the tenant lock reads both tenant
 * fields; a forged serviceUrl or bot id is never kept for proactive sends.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COORDINATOR, STAFF, TENANT_ID, activity, channelMessage, executeAction, message, validConcernData, type ActivityJson } from '../support/activities';
import { botWithConnector } from '../support/bot-harness';
import { storeSnapshot } from '../support/store-snapshot';

const OTHER_TENANT = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';

/** `[[[…]]]` nested `depth` times, as raw JSON (JSON.stringify of it would itself overflow). */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('the activity door', () => {
  const running = botWithConnector({ env: { ALLOWED_TENANT_ID: TENANT_ID } });
  const opts = () => ({ serviceUrl: running.connector.serviceUrl });

  beforeAll(async () => {
    // Keeps the proactive target once, so that nothing below has a reason to write.
    expect((await running.bot.post(message('hjälp', opts()))).status).toBe(200);
  });
  beforeEach(() => running.connector.reset());

  const malformed: Array<[string, (a: ActivityJson) => void]> = [
    ['from.aadObjectId as a number', (a) => (a.from.aadObjectId = 42)],
    ['from.aadObjectId as an array', (a) => (a.from.aadObjectId = [COORDINATOR.aadObjectId])],
    ['from.aadObjectId as an object', (a) => (a.from.aadObjectId = { toLowerCase: 'x' })],
    ['serviceUrl as a number', (a) => (a.serviceUrl = 443)],
    ['serviceUrl as an object', (a) => (a.serviceUrl = { href: 'https://smba.trafficmanager.net/emea/' })],
    ['serviceUrl that is not a URL', (a) => (a.serviceUrl = 'not a url')],
    ['serviceUrl as a URN', (a) => (a.serviceUrl = 'urn:x-evil:connector')],
    ['locale as an object', (a) => (a.locale = { language: 'sv' })],
    ['no from', (a) => delete a.from],
    ['no conversation', (a) => delete a.conversation],
    ['no recipient', (a) => delete a.recipient],
    ['no channelId', (a) => delete a.channelId],
    ['conversation.id as a number', (a) => (a.conversation.id = 7)],
    ['an entity whose type is not text', (a) => (a.entities = [{ type: 12 }])],
    ['a mention that names no one', (a) => (a.entities = [{ type: 'mention', text: '<at>x</at>' }])],
    ['text as an array', (a) => (a.text = ['hjälp'])],
    ['channelData.tenant.id as a number', (a) => (a.channelData.tenant.id = 1)],
  ];

  it.each(malformed)('answers a message with %s with 400, runs no turn and writes nothing', async (_name, spoil) => {
    const before = await storeSnapshot(running.bot.app.store);
    const body = message('hjälp', { ...opts(), from: COORDINATOR });
    spoil(body);
    const response = await running.bot.post(body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'malformed_activity' });
    expect(running.connector.activities).toHaveLength(0);
    expect(await storeSnapshot(running.bot.app.store)).toEqual(before);
  });

  it.each(malformed)('answers a card action with %s with 400, not 5xx', async (_name, spoil) => {
    const body = executeAction('concern.submit', validConcernData(), opts());
    spoil(body);
    const response = await running.bot.post(body);
    expect(response.status).toBe(400);
    expect(await running.bot.app.store.count('reports', {})).toBe(0);
  });

  it('answers card data nested 50,000 levels deep with 400, and still serves the next turn', async () => {
    const body = JSON.stringify(executeAction('concern.submit', { deep: 'HOLE' }, opts())).replace('"HOLE"', nestedArrays(50_000));
    expect(body.length).toBeLessThan(256 * 1024);
    const response = await running.bot.postRaw(body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ problem: 'too_deep' });
    const next = await running.bot.post(executeAction('concern.submit', validConcernData({ unit: 'no-such-unit' }), opts()));
    expect(next.status).toBe(200);
    expect(next.body.type).toBe('application/vnd.microsoft.card.adaptive');
  });

  const unknownButLegit: Array<[string, () => ActivityJson]> = [
    ['typing', () => ({ ...message('x', opts()), type: 'typing', text: undefined })],
    ['messageReaction', () => ({ ...message('x', opts()), type: 'messageReaction', text: undefined, reactionsAdded: [{ type: 'like' }] })],
    ['conversationUpdate with membersRemoved', () => ({ ...activity('conversationUpdate.membersAdded.personal', opts()), membersAdded: undefined, membersRemoved: [{ id: '29:someone' }] })],
    ['conversationUpdate renaming a channel', () => ({ ...activity('conversationUpdate.membersAdded.personal', opts()), membersAdded: undefined, channelData: { tenant: { id: TENANT_ID }, eventType: 'channelRenamed', channel: { id: CHANNEL_ID, name: 'Ny' } } })],
    ['installationUpdate', () => ({ ...message('x', opts()), type: 'installationUpdate', text: undefined, action: 'add' })],
    ['an event', () => ({ ...message('x', opts()), type: 'event', name: 'application/vnd.microsoft.meetingStart', text: undefined, value: { Id: 'm' } })],
    ['an invoke the bot does not offer (task/fetch)', () => ({ ...executeAction('x', {}, opts()), name: 'task/fetch', value: { data: {} } })],
    ['an invoke of a made-up name', () => ({ ...executeAction('x', {}, opts()), name: 'vendor/something' })],
    ['a message with attachments and extra channelData', () => ({ ...message('hjälp', opts()), attachments: [{ contentType: 'text/html', content: '<p>hjälp</p>' }], channelData: { tenant: { id: TENANT_ID }, eventType: 'x', settings: { a: [1, { b: 2 }] } } })],
  ];

  it.each(unknownButLegit)('accepts %s with 200', async (_name, build) => {
    const response = await running.bot.post(build());
    expect(response.status).toBe(200);
  });

  describe('the tenant lock reads both tenant fields', () => {
    const foreign: Array<[string, (a: ActivityJson) => void]> = [
      ['conversation ours, channelData another', (a) => (a.channelData.tenant.id = OTHER_TENANT)],
      ['conversation another, channelData ours', (a) => (a.conversation.tenantId = OTHER_TENANT)],
      ['only channelData, another', (a) => { delete a.conversation.tenantId; a.channelData.tenant.id = OTHER_TENANT; }],
      ['neither names a tenant', (a) => { delete a.conversation.tenantId; delete a.channelData.tenant; }],
    ];
    it.each(foreign)('refuses %s: no answer, nothing stored', async (_name, spoil) => {
      const before = await storeSnapshot(running.bot.app.store);
      const hello = message('rapportera', opts());
      spoil(hello);
      expect((await running.bot.post(hello)).status).toBe(200);
      const submit = executeAction('concern.submit', validConcernData(), opts());
      spoil(submit);
      const response = await running.bot.post(submit);
      expect(JSON.stringify(response.body ?? '')).not.toMatch(/VBE-\d{4}/);
      expect(running.connector.activities).toHaveLength(0);
      expect(await storeSnapshot(running.bot.app.store)).toEqual(before);
      expect(running.bot.logLines.at(-2)).toContain('"event":"tenant.refused"');
    });
  });
});

describe('a forged serviceUrl or bot id is never kept', () => {
  const running = botWithConnector();
  const target = async () => (await running.bot.app.store.read<{ serviceUrl: string; tenantId?: string }>('settings', 'settings', 'proactiveTarget'))?.body;
  const channel = async () => (await running.bot.app.store.read<{ conversationReference: Record<string, any> }>('settings', 'settings', 'coordinatorChannel'))?.body;
  const withCredentials = () => running.connector.serviceUrl.replace('http://', 'http://admin:secret@');

  const forgedAtTheDoor = ['not a url', 'urn:x-evil:connector', 'data:text/plain,connector', 'javascript:alert(1)'];
  it.each(forgedAtTheDoor)('survey.start and forum.save with serviceUrl %j are refused (400) and keep nothing', async (serviceUrl) => {
    for (const verb of ['survey.start', 'forum.save']) {
      const response = await running.bot.post(executeAction(verb, { roundId: 'nope' }, { serviceUrl, from: COORDINATOR }));
      expect(response.status).toBe(400);
    }
    expect((await target())?.serviceUrl).not.toBe(serviceUrl);
  });

  it('survey.start and forum.save from a URL with credentials answer, but keep no target', async () => {
    for (const verb of ['survey.start', 'forum.save']) {
      const response = await running.bot.post(executeAction(verb, { roundId: 'nope' }, { serviceUrl: withCredentials(), from: COORDINATOR }));
      expect(response.status).toBe(200);
    }
    expect(await target()).toBeUndefined();
  });

  it('koppla kanal from a URL with credentials binds nothing', async () => {
    await running.bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: withCredentials(), from: COORDINATOR, conversationId: CHANNEL_ID }));
    expect(await channel()).toBeUndefined();
    expect(await target()).toBeUndefined();
  });

  it('any accepted turn keeps its checked endpoint and tenant, a staff member’s too', async () => {
    expect((await running.bot.post(message('hjälp', { serviceUrl: running.connector.serviceUrl, from: STAFF }))).status).toBe(200);
    expect(await target()).toEqual({ serviceUrl: running.connector.serviceUrl, tenantId: TENANT_ID });
  });

  it('koppla kanal keeps no bot id that is not a bot id (authentication off), and a well-formed one as it is', async () => {
    const forged = channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: running.connector.serviceUrl, from: COORDINATOR, conversationId: CHANNEL_ID });
    forged.recipient.id = `28:${'x'.repeat(300)}`;
    forged.entities[0].mentioned.id = forged.recipient.id;
    await running.bot.post(forged);
    expect((await channel())?.conversationReference.serviceUrl).toBe(running.connector.serviceUrl);
    expect((await channel())?.conversationReference.bot).toBeUndefined();

    await running.bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: running.connector.serviceUrl, from: COORDINATOR, conversationId: CHANNEL_ID }));
    expect((await channel())?.conversationReference.bot).toEqual({ id: '28:vbe-stod-bot' });
  });
});
