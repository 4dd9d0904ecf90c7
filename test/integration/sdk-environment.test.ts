/**
 * The Agents SDK reads its settings from process.env on its own (when its modules load and when an
 * adapter or application is made): credentials, connections, adapter options, the outbound host
 * policy. The bot passes it everything from the one validated configuration instead, so settings
 * that are in the environment but not in the configuration change nothing. The SDK is loaded only
 * after the environment is set (dynamic imports), as it would be in a process started with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBot } from '../support/bot-harness';
import type { FakeConnector } from '../support/fake-connector';

const SDK_ENVIRONMENT: Record<string, string> = {
  // Bot Framework style and the SDK's own names: each would give the SDK a client id and a secret.
  MicrosoftAppId: '66666666-6666-4666-8666-666666666666',
  MicrosoftAppPassword: 'not-a-secret',
  MicrosoftAppTenantId: '77777777-7777-4777-8777-777777777777',
  clientId: '66666666-6666-4666-8666-666666666666',
  clientSecret: 'not-a-secret',
  tenantId: '77777777-7777-4777-8777-777777777777',
  Connections__serviceConnection__Settings__ClientId: '66666666-6666-4666-8666-666666666666',
  Connections__serviceConnection__Settings__ClientSecret: 'not-a-secret',
  Connections__serviceConnection__Settings__TenantId: '77777777-7777-4777-8777-777777777777',
  ConnectionsMap__0__ServiceUrl: '*',
  ConnectionsMap__0__Connection: 'serviceConnection',
  // Would refuse to send anywhere but Microsoft's hosts (the fake connector is on 127.0.0.1).
  OutboundHostValidator__Enabled: 'true',
  CloudAdapterOptions__validateServiceUrl: 'true',
  TOKEN_SERVICE_ENDPOINT: 'http://127.0.0.1:9/',
};

describe('Agents SDK settings in the environment but not in the configuration', () => {
  const saved = new Map(Object.keys(SDK_ENVIRONMENT).map((name) => [name, process.env[name]]));
  let connector: FakeConnector;
  let bot: TestBot;
  let message: typeof import('../support/activities').message;

  beforeAll(async () => {
    Object.assign(process.env, SDK_ENVIRONMENT);
    const { FakeConnector } = await import('../support/fake-connector');
    const { startTestBot } = await import('../support/bot-harness');
    ({ message } = await import('../support/activities'));
    connector = await FakeConnector.start();
    // The configuration has no MicrosoftAppId: authentication is off, whatever the environment says.
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('runs as the configuration says: no token asked for, none required, the reply sent to the loopback connector', async () => {
    const response = await bot.post(message('hjälp', { serviceUrl: connector.serviceUrl }));
    expect(response.status).toBe(200);
    // With the environment's client id the SDK would first fetch a token from Entra (unreachable
    // here) and its host policy would refuse 127.0.0.1: no reply would arrive.
    const reply = await connector.waitFor((sent) => sent.conversationId === 'a:personal-conversation-staff', 10_000);
    expect(reply.activity.attachments ?? reply.activity.text).toBeTruthy();
    expect(bot.logLines.join('\n')).not.toContain('"event":"turn.failed"');
  });
});
