/**
 * Production authentication, offline: the real bot with MicrosoftAppId set, its token validation
 * pointed (BOT_OPENID_METADATA_URL) at a local OpenID metadata + JWKS server, and its own outgoing
 * token taken from a local App Service managed-identity endpoint (IDENTITY_ENDPOINT /
 * IDENTITY_HEADER, the variables App Service sets), as in production with a user-assigned identity.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelMessage, COORDINATOR, message, TENANT_ID, type ActivityJson } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector } from '../support/fake-connector';

const APP_ID = '33333333-3333-4333-8333-333333333333';
const OTHER_APP_ID = '44444444-4444-4444-8444-444444444444';
const CHANNEL_ISSUER = 'https://api.botframework.com';
const KEY_ID = 'channel-key-1';
const OUTGOING_TOKEN = 'outgoing-token-from-managed-identity';

interface IssuerServer {
  url: string;
  metadataRequests: number;
  identityRequests: Array<{ query: URLSearchParams; header?: string }>;
  close(): Promise<void>;
}

/** The channel's OpenID metadata and JWKS, and App Service's managed-identity endpoint. */
async function startIssuerServer(publicKey: KeyObject): Promise<IssuerServer> {
  const jwk = publicKey.export({ format: 'jwk' });
  let url = '';
  const state: Omit<IssuerServer, 'close'> = { url, metadataRequests: 0, identityRequests: [] };
  const server = http.createServer((req, res) => {
    const requestUrl = new URL(req.url ?? '/', url);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (requestUrl.pathname === '/.well-known/openidconfiguration') {
      state.metadataRequests += 1;
      json({ issuer: CHANNEL_ISSUER, jwks_uri: `${url}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (requestUrl.pathname === '/keys') {
      json({ keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    } else if (requestUrl.pathname === '/msi/token') {
      state.identityRequests.push({ query: requestUrl.searchParams, header: req.headers['x-identity-header'] as string | undefined });
      json({
        access_token: OUTGOING_TOKEN,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: requestUrl.searchParams.get('resource'),
        token_type: 'Bearer',
        client_id: requestUrl.searchParams.get('client_id'),
      });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = url;
  return Object.assign(state, { close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An RS256 JWT as Bot Framework issues it to a bot (header kid, claims iss/aud/serviceurl/exp). */
function signToken(privateKey: KeyObject, claims: Record<string, unknown>, keyId = KEY_ID): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: keyId }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

describe('Bot Framework authentication with MicrosoftAppId set', () => {
  const channelKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const strangerKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let issuer: IssuerServer;
  let connector: FakeConnector;
  let bot: TestBot;
  const savedEnvironment = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

  const now = () => Math.floor(Date.now() / 1000);
  const validClaims = () => ({
    iss: CHANNEL_ISSUER,
    aud: APP_ID,
    serviceurl: connector.serviceUrl,
    nbf: now() - 60,
    iat: now() - 60,
    exp: now() + 3600,
  });
  const send = async (activity: ActivityJson, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
    return { status: response.status, body: await response.text() };
  };
  const help = () => message('hjälp', { serviceUrl: connector.serviceUrl });

  beforeAll(async () => {
    issuer = await startIssuerServer(channelKeys.publicKey);
    connector = await FakeConnector.start();
    // Read by the managed-identity client when the bot first replies: App Service's protocol.
    process.env.IDENTITY_ENDPOINT = `${issuer.url}/msi/token`;
    process.env.IDENTITY_HEADER = 'identity-header-secret';
    bot = await startTestBot({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT_ID,
        BOT_OPENID_METADATA_URL: `${issuer.url}/.well-known/openidconfiguration`,
        ALLOWED_TENANT_ID: TENANT_ID,
      },
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
    await issuer?.close();
    for (const [name, value] of [['IDENTITY_ENDPOINT', savedEnvironment.endpoint], ['IDENTITY_HEADER', savedEnvironment.header]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('accepts a valid channel token and replies with a token from the managed identity', async () => {
    const response = await send(help(), signToken(channelKeys.privateKey, validClaims()));
    expect(response.status).toBe(200);
    const reply = await connector.waitFor((recorded) => recorded.conversationId === 'a:personal-conversation-staff', 10_000);
    expect(reply.activity.text ?? JSON.stringify(reply.activity.attachments)).toBeTruthy();
    expect(bot.logLines.join('\n')).toContain('"event":"turn.done"');
    expect(issuer.metadataRequests).toBeGreaterThanOrEqual(1);
    // The outgoing token was asked for this app's identity and the Bot Framework audience.
    expect(issuer.identityRequests.length).toBeGreaterThanOrEqual(1);
    const tokenRequest = issuer.identityRequests[0]!;
    expect(tokenRequest.query.get('client_id')).toBe(APP_ID);
    expect(tokenRequest.query.get('resource')).toBe('https://api.botframework.com');
    expect(tokenRequest.header).toBe('identity-header-secret');
  });

  const refusals: Array<[string, () => string | undefined]> = [
    ['no token', () => undefined],
    ['an expired token', () => signToken(channelKeys.privateKey, { ...validClaims(), nbf: now() - 7200, iat: now() - 7200, exp: now() - 3600 })],
    ['a token for another app (wrong audience)', () => signToken(channelKeys.privateKey, { ...validClaims(), aud: OTHER_APP_ID })],
    ['a token from another issuer', () => signToken(channelKeys.privateKey, { ...validClaims(), iss: 'https://sts.example.org/' })],
    ['a token signed by another key under the channel key id', () => signToken(strangerKeys.privateKey, validClaims())],
    ['a token signed by a key the channel does not publish', () => signToken(strangerKeys.privateKey, validClaims(), 'unknown-key')],
    ['a token for another connector (serviceurl claim)', () => signToken(channelKeys.privateKey, { ...validClaims(), serviceurl: 'https://smba.trafficmanager.net/emea/' })],
    ['a token that is not a JWT', () => 'not-a-token'],
  ];

  it.each(refusals)('refuses %s with 401 and runs no handler', async (_name, token) => {
    const sentBefore = connector.activities.length;
    const logLinesBefore = bot.logLines.length;
    const response = await send(help(), token());
    expect(response.status).toBe(401);
    // Give a wrongly started turn the time to reply before checking that none did.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.activities.length).toBe(sentBefore);
    expect(bot.logLines.slice(logLinesBefore).join('\n')).not.toMatch(/"event":"turn\./);
  });

  it('binds the channel with the configured bot id, not the one the activity names, and keeps the claimed endpoint', async () => {
    const bind = channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: connector.serviceUrl, from: COORDINATOR, conversationId: '19:auth-channel@thread.tacv2' });
    bind.recipient.id = '28:forged-bot';
    bind.entities[0].mentioned.id = bind.recipient.id;
    expect((await send(bind, signToken(channelKeys.privateKey, validClaims()))).status).toBe(200);
    const channel = (await bot.app.store.read<{ conversationReference: Record<string, any> }>('settings', 'settings', 'coordinatorChannel'))?.body;
    expect(channel?.conversationReference.bot).toEqual({ id: `28:${APP_ID}` });
    expect(channel?.conversationReference.serviceUrl).toBe(connector.serviceUrl);
    const target = (await bot.app.store.read<{ serviceUrl: string; tenantId?: string }>('settings', 'settings', 'proactiveTarget'))?.body;
    expect(target).toEqual({ serviceUrl: connector.serviceUrl, tenantId: TENANT_ID });
  });

  it('ignores a validly signed activity from another tenant', async () => {
    const sentBefore = connector.activities.length;
    const foreign = help();
    foreign.conversation.tenantId = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    foreign.channelData.tenant.id = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    const response = await send(foreign, signToken(channelKeys.privateKey, validClaims()));
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.activities.length).toBe(sentBefore);
    expect(bot.logLines.join('\n')).toContain('"event":"tenant.refused"');
  });
});
