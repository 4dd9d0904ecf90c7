/**
 * Settings the botbuilder version of the bot wrote (test/fixtures/store/settings.botbuilder.json,
 * recorded with that version: a channel bound with `koppla kanal`, the proactive target kept from
 * a turn) still work once the bot runs on the Agents SDK: nobody has to bind the channel again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Settings } from '../../src/store/repositories/settings';
import { createTeamsTransport } from '../../src/teams';
import { STAFF, executeAction, validConcernData } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { CHANNEL_ID, postedReferences } from '../support/channel-posts';
import { FakeConnector } from '../support/fake-connector';

const FIXTURE = join(__dirname, '..', 'fixtures', 'store', 'settings.botbuilder.json');

function storedBeforeTheUpgrade(serviceUrl: string): { coordinatorChannel: Record<string, unknown>; proactiveTarget: Record<string, unknown> } {
  return JSON.parse(readFileSync(FIXTURE, 'utf8').replaceAll('{{serviceUrl}}', serviceUrl)).documents;
}

describe('settings stored by the botbuilder version', () => {
  let connector: FakeConnector;
  let bot: TestBot;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot();
    const documents = storedBeforeTheUpgrade(connector.serviceUrl);
    await bot.app.store.upsert('settings', 'settings', 'coordinatorChannel', documents.coordinatorChannel);
    await bot.app.store.upsert('settings', 'settings', 'proactiveTarget', documents.proactiveTarget);
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
  });

  it('posts a report to the channel bound before the upgrade, as the bot that bound it', async () => {
    const before = postedReferences(connector).size;
    const response = await bot.post(executeAction('concern.submit', validConcernData(), { serviceUrl: connector.serviceUrl, from: STAFF }));
    expect(response.status).toBe(200);
    const post = await connector.waitFor((sent) => sent.conversationId === CHANNEL_ID, 10_000);
    expect(postedReferences(connector).size).toBe(before + 1);
    expect(post.activity.from).toMatchObject({ id: '28:vbe-stod-bot' });
    expect(post.activity.conversation).toMatchObject({ id: CHANNEL_ID, conversationType: 'channel' });
  });

  it('sends a 1:1 message through the proactive target stored before the upgrade', async () => {
    connector.addUser({ id: '29:upgraded-user', name: 'Ulla', aadObjectId: '55555555-5555-4555-8555-555555555555' });
    const sender = createTeamsTransport(undefined, 5_000).directMessageSender(new Settings(bot.app.store), async () => ({ type: 'AdaptiveCard', version: '1.5', body: [] }));
    const result = await sender.send({ aadObjectId: '55555555-5555-4555-8555-555555555555', userId: '29:upgraded-user' }, { kind: 'test' }, async () => undefined);
    expect(result).toMatchObject({ kind: 'delivered' });
    expect(connector.createdConversations.at(-1)?.body.members[0].id).toBe('29:upgraded-user');
  });
});
