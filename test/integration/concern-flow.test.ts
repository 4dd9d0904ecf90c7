import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR, STAFF, channelMessage, executeAction, message, submitAction, validConcernData, activity } from '../support/activities';
import { CosmosStore } from '../../src/store/cosmos/cosmos-store';
import { exportStore } from '../../src/store/dump';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { startCosmosEmulator, type CosmosEmulator } from '../support/cosmos-emulator';
import { inputValue } from '../support/card-inputs';
import { FakeConnector } from '../support/fake-connector';
import { checkCard } from '../support/validate-card';
import { stockholmYear } from '../../src/domain/stockholm-time';

const PERSONNUMMER = '811228-9874';
const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';

function allFileBytes(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}


function texts(card: any): string {
  return JSON.stringify(card.body);
}

type StoreKind = 'sqlite' | 'cosmos';

/** Every document of the store, as one text: what "stored anywhere" means for either engine. */
async function everythingStored(bot: TestBot): Promise<string> {
  const lines: string[] = [];
  await exportStore(bot.app.store, (line) => void lines.push(line));
  return lines.join('');
}

// The same flows on both stores: STORE=cosmos must change nothing a user sees.
describe.each<StoreKind>(['sqlite', 'cosmos'])('concern report over HTTP (%s store)', (storeKind) => {
  let connector: FakeConnector;
  let bot: TestBot;
  let emulator: CosmosEmulator | undefined;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addUser({ ...COORDINATOR, userPrincipalName: 'kim.samordnare@example.org' });
    connector.addUser({ ...STAFF, userPrincipalName: 'sara.larare@example.org' });
    if (storeKind === 'cosmos') {
      emulator = await startCosmosEmulator();
      const store = await CosmosStore.open({ endpoint: emulator.endpoint, key: emulator.key, databaseId: 'concern-flow', clientOptions: emulator.clientOptions });
      bot = await startTestBot({ store });
    } else {
      bot = await startTestBot();
    }
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
    await emulator?.stop();
  });
  afterEach(() => connector.reset());

  const opts = () => ({ serviceUrl: connector.serviceUrl });

  it('greets on install with a welcome card that has the form and routine buttons', async () => {
    const response = await bot.post(activity('conversationUpdate.membersAdded.personal', opts()));
    expect(response.status).toBe(200);
    const sent = await connector.waitFor((a) => a.activity.attachments?.length > 0);
    const card = sent.activity.attachments[0].content;
    expect(checkCard(card).errors).toEqual([]);
    expect(card.actions.map((action: any) => action.data?.verb)).toEqual(['concern.open', 'routine.open']);
    // The buttons work: each brings its card as a new message.
    connector.reset();
    await bot.post(submitAction({ verb: 'concern.open' }, opts()));
    await bot.post(submitAction({ verb: 'routine.open' }, opts()));
    const [form, routine] = connector.activities.map((a) => a.activity.attachments[0].content);
    expect(form.actions[0].verb).toBe('concern.submit');
    expect(JSON.stringify(routine)).toContain(bot.app.district.coordinatorContact.sv);
  });

  it('keeps the form out of channels and group chats, where others would see it', async () => {
    await bot.post(channelMessage('<at>VBE-stöd</at> rapportera', opts()));
    const answer = await connector.waitFor(() => true);
    expect(answer.activity.attachments ?? []).toHaveLength(0);
    expect(answer.activity.text).toMatch(/personlig chatt/);
    const forged = executeAction('concern.submit', validConcernData(), opts());
    forged.conversation = { conversationType: 'channel', id: '19:other@thread.tacv2', tenantId: forged.conversation.tenantId };
    expect((await bot.post(forged)).body.value).toMatch(/personlig chatt/);
  });

  it('answers "rapportera" with the concern form, with the 112 line and the no-identifying-data line', async () => {
    const response = await bot.post(message('Rapportera', opts()));
    expect(response.status).toBe(200);
    const sent = await connector.waitFor((a) => a.activity.attachments?.length > 0);
    const card = sent.activity.attachments[0].content;
    expect(checkCard(card).errors).toEqual([]);
    expect(texts(card)).toContain('Vid akut fara – ring 112.');
    expect(texts(card)).toContain('Skriv inga namn, personnummer');
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'concern.submit', fallback: { type: 'Action.Submit', data: { verb: 'concern.submit' } } });
  });

  it('refuses a personnummer: same card, every value kept, error names the kind, and nothing is written', async () => {
    const description = `Eleven med personnummer ${PERSONNUMMER} visade upp symboler på rasten.`;
    const data = validConcernData({ description, contactMe: 'true' });
    const response = await bot.post(executeAction('concern.submit', data, opts()));
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = response.body.value;
    expect(checkCard(card).errors).toEqual([]);
    for (const [field, value] of Object.entries(data)) expect(inputValue(card, field), field).toBe(value);
    expect(texts(card)).toContain('personnummer');
    // The error names the kind of data, never the data: the number appears only in the kept input value.
    expect(texts(card).split(PERSONNUMMER).length - 1).toBe(1);
    expect(allFileBytes(bot.dataDir)).not.toContain(PERSONNUMMER);
    expect(allFileBytes(bot.dataDir)).not.toContain('8112289874');
    expect(await everythingStored(bot)).not.toContain('9874');
    expect(bot.logLines.join('\n')).not.toContain(PERSONNUMMER);
    expect(await bot.app.store.count('reports', {})).toBe(0);
    // A refused form fetches nobody's directory details, even with contactMe ticked.
    expect(connector.requests.filter((request) => request.path.includes('/members/'))).toEqual([]);
  });

  it('files a valid report: receipt with reference, channel post after binding, reporter hidden without consent', async () => {
    // The coordinator binds the channel first.
    const bind = await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { ...opts(), from: COORDINATOR }));
    expect(bind.status).toBe(200);
    await connector.waitFor((a) => a.conversationId.startsWith(CHANNEL_ID) && /samordnarnas kanal/.test(a.activity.text ?? ''));

    const response = await bot.post(executeAction('concern.submit', validConcernData(), opts()));
    const receipt = response.body.value;
    expect(checkCard(receipt).errors).toEqual([]);
    const reference = /VBE-\d{4}-\d{4}/.exec(JSON.stringify(receipt))?.[0];
    expect(reference).toBe(`VBE-${stockholmYear(new Date())}-0001`);
    expect(texts(receipt)).toContain('112');

    const post = await connector.waitFor((a) => a.conversationId === CHANNEL_ID && a.activity.attachments?.length > 0, 5000);
    const card = post.activity.attachments[0].content;
    expect(checkCard(card).errors).toEqual([]);
    expect(JSON.stringify(card)).toContain(reference);
    expect(JSON.stringify(card)).not.toContain(STAFF.name);
    expect(JSON.stringify(card)).not.toContain('sara.larare');
    const stored = JSON.stringify(await bot.app.store.query('reports', {}));
    expect(stored).not.toContain(STAFF.aadObjectId);
    expect(stored).not.toContain(STAFF.name);
  });

  it('shows the reporter with a contact button to coordinators when contactMe is true', async () => {
    const response = await bot.post(executeAction('concern.submit', validConcernData({ contactMe: 'true' }), opts()));
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const post = await connector.waitFor((a) => a.conversationId === CHANNEL_ID && a.activity.attachments?.length > 0, 5000);
    const card = post.activity.attachments[0].content;
    expect(JSON.stringify(card.body)).toContain(STAFF.name);
    const contact = card.actions.find((action: any) => action.type === 'Action.OpenUrl');
    expect(contact.url).toContain(encodeURIComponent('sara.larare@example.org'));
  });

  it('speaks English to an English Teams client, errors included', async () => {
    const en = { ...opts(), locale: 'en-GB' };
    await bot.post(message('report', en));
    const form = (await connector.waitFor((a) => !a.conversationId.startsWith(CHANNEL_ID) && a.activity.attachments?.length > 0)).activity.attachments[0].content;
    expect(checkCard(form).errors).toEqual([]);
    expect(texts(form)).toContain('In acute danger – call 112.');
    const refused = await bot.post(executeAction('concern.submit', validConcernData({ description: 'Mail me at teacher@school.example.org' }), en));
    expect(texts(refused.body.value)).toContain('e-mail address');
    expect(checkCard(refused.body.value).errors).toEqual([]);
    const receipt = await bot.post(executeAction('concern.submit', validConcernData(), en));
    expect(texts(receipt.body.value)).toContain('Thank you – your report has been sent');
  });

  it('shows the routine with the district contacts, and help that fits the role', async () => {
    await bot.post(message('rutin', opts()));
    const routine = (await connector.waitFor((a) => !a.conversationId.startsWith(CHANNEL_ID) && a.activity.attachments?.length > 0)).activity.attachments[0].content;
    expect(checkCard(routine).errors).toEqual([]);
    expect(JSON.stringify(routine)).toContain('112');
    expect(JSON.stringify(routine)).toContain(bot.app.district.coordinatorContact.sv);
    expect(JSON.stringify(routine)).toContain('IA');
    connector.reset();

    await bot.post(message('Hej! Jag såg något konstigt på skolgården idag', { ...opts(), from: STAFF }));
    const staffHelp = (await connector.waitFor((a) => !a.conversationId.startsWith(CHANNEL_ID) && a.activity.attachments?.length > 0)).activity.attachments[0].content;
    expect(checkCard(staffHelp).errors).toEqual([]);
    expect(JSON.stringify(staffHelp)).toContain('rapportera');
    expect(JSON.stringify(staffHelp)).not.toContain('koppla kanal');
    // Free text went to no one, and the card says so and offers the form.
    expect(JSON.stringify(staffHelp)).toContain('Ditt meddelande har inte skickats till någon');
    expect(staffHelp.actions).toEqual([expect.objectContaining({ title: 'Fyll i blanketten', data: { verb: 'concern.open' } })]);
    connector.reset();

    await bot.post(message('hjälp', { ...opts(), from: COORDINATOR }));
    const coordinatorHelp = (await connector.waitFor((a) => !a.conversationId.startsWith(CHANNEL_ID) && a.activity.attachments?.length > 0)).activity.attachments[0].content;
    expect(JSON.stringify(coordinatorHelp)).toContain('koppla kanal');
    expect(JSON.stringify(coordinatorHelp)).not.toContain('inte skickats till någon');
  });

  it('writes no user text to the logs', async () => {
    const marker = 'Unik-markör-7f3a i beskrivningen som aldrig får loggas';
    await bot.post(executeAction('concern.submit', validConcernData({ description: marker }), opts()));
    await bot.post(executeAction('concern.submit', validConcernData({ description: `${marker} 070-123 45 67` }), opts()));
    await bot.post(message(marker, opts()));
    const logs = bot.logLines.join('\n');
    expect(logs).toContain('concern.submit');
    expect(logs).not.toContain('Unik-markör-7f3a');
    expect(logs).not.toContain('070-123');
    expect(logs).not.toContain(STAFF.name);
  });

  it('handles the Action.Submit fallback the same way, answering with a new message', async () => {
    const response = await bot.post(submitAction({ verb: 'concern.submit', ...validConcernData() }, opts()));
    expect(response.status).toBe(200);
    const sent = await connector.waitFor((a) => a.conversationId !== CHANNEL_ID && a.activity.attachments?.length > 0);
    expect(JSON.stringify(sent.activity.attachments[0].content)).toMatch(/VBE-\d{4}-\d{4}/);
  });
});
