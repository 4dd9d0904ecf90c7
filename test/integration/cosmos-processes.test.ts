import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmYear } from '../../src/domain/stockholm-time';
import { executeAction, message, validConcernData, type Person } from '../support/activities';
import { postActivity, startBotProcess, type BotProcess } from '../support/bot-process';
import { inputValue } from '../support/card-inputs';
import { startCosmosEmulator, type CosmosEmulator } from '../support/cosmos-emulator';
import { FakeConnector } from '../support/fake-connector';

const person = (n: number): Person => ({ id: `29:cosmos-${n}`, name: `Cosmos ${n}`, aadObjectId: `55555555-5555-4555-8555-${String(n).padStart(12, '0')}` });
const referenceOf = (body: any) => /VBE-\d{4}-\d{4}/.exec(JSON.stringify(body?.value ?? ''))?.[0];

/**
 * Two bot processes configured only through the environment, as an operator would run them
 * against an emulator started outside the bot (STORE=cosmos, NODE_TLS_REJECT_UNAUTHORIZED=0 for
 * the emulator's self-signed certificate — never in production).
 */
describe('two bot processes on one Cosmos DB', () => {
  let emulator: CosmosEmulator;
  let connector: FakeConnector;
  let bots: BotProcess[] = [];

  beforeAll(async () => {
    emulator = await startCosmosEmulator();
    connector = await FakeConnector.start();
    const env = {
      STORE: 'cosmos',
      COSMOS_ENDPOINT: emulator.endpoint,
      COSMOS_KEY: emulator.key,
      COSMOS_DATABASE: 'vbe-processes',
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
      NODE_NO_WARNINGS: '1',
    };
    bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await connector?.close();
    await emulator?.stop();
  });

  it('gives 50 concurrent reports through both processes 50 distinct, gap-free references', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postActivity(bots[i % 2]!.url, executeAction('concern.submit', validConcernData(), { serviceUrl: connector.serviceUrl, from: person(i) })),
      ),
    );
    const references = responses.map((response) => referenceOf(response.body));
    const year = stockholmYear(new Date());
    expect([...references].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `VBE-${year}-${String(i + 1).padStart(4, '0')}`));
  }, 60_000);

  it('survives a store outage: readiness fails, the user is told and keeps the form, and it recovers without a restart', async () => {
    const bot = bots[0]!;
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    await emulator.stop();
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

    const data = validConcernData({ description: 'Rapport under avbrott i databasen, ska komma tillbaka med allt kvar.' });
    const refused = await postActivity(bot.url, executeAction('concern.submit', data, { serviceUrl: connector.serviceUrl, from: person(900) }));
    expect(refused.status).toBe(200);
    expect(JSON.stringify(refused.body.value.body)).toContain('kunde inte sparas just nu');
    for (const [field, value] of Object.entries(data)) expect(inputValue(refused.body.value, field), field).toBe(value);
    // Commands that need no store still work.
    expect((await postActivity(bot.url, message('rutin', { serviceUrl: connector.serviceUrl }))).status).toBe(200);

    await emulator.restart();
    // The emulator comes back empty; readiness re-creates the database, then the bot works again.
    const deadline = Date.now() + 20_000;
    while ((await fetch(`${bot.url}/readyz`)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    const accepted = await postActivity(bot.url, executeAction('concern.submit', data, { serviceUrl: connector.serviceUrl, from: person(900) }));
    expect(referenceOf(accepted.body)).toBeDefined();
    expect(bot.child.exitCode).toBeNull();
    expect(bot.output()).not.toContain('Rapport under avbrott');
  }, 90_000);
});
