import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { Activity, ActivityTypes, type ConversationReference } from '@microsoft/agents-activity';
import { ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import { TeamsInfo, type TeamsChannelAccount } from '@microsoft/agents-hosting-extensions-teams';
import { TeamsAdapter } from '../../src/teams/adapter';
import { FakeConnector, FakeMember } from './fake-connector';

const TENANT = 'tenant-1';
const TEAM_ID = '19:team-abc@thread.tacv2';
const CHANNEL_CONV = `${TEAM_ID};messageid=1700000000000`;
const member = (n: number): FakeMember => ({
  id: `29:user-${n}`, name: `User ${n}`, aadObjectId: `00000000-0000-0000-0000-00000000000${n}`,
  email: `user${n}@example.se`, userPrincipalName: `user${n}@example.se`, tenantId: TENANT,
});
const MEMBERS = [1, 2, 3, 4, 5].map(member);
const OUTSIDER = member(9);

interface RestErrorLike { statusCode?: number; response?: { headers: { get(name: string): string | null | undefined } } }
/** The SDK's HttpError carries the answer's status as `status`. */
async function caught(p: Promise<unknown>): Promise<RestErrorLike> {
  try { await p; } catch (e) {
    const error = e as { status?: number; response?: RestErrorLike['response'] };
    return { statusCode: error.status, response: error.response };
  }
  throw new Error('expected the promise to reject');
}

/** The connector API as these tests call it, on the Agents SDK's ConnectorClient (which sends no token without one). */
interface Conversations {
  sendToConversation(conversationId: string, activity: Activity): Promise<{ id?: string }>;
  replyToActivity(conversationId: string, activityId: string, activity: Activity): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Activity): Promise<unknown>;
  deleteActivity(conversationId: string, activityId: string): Promise<unknown>;
  createConversation(parameters: Record<string, unknown>): Promise<{ id?: string; activityId?: string }>;
  getConversationMember(conversationId: string, userId: string): Promise<{ id?: string }>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The Agents SDK's client does not retry. With `retries` the calls are retried as a client that
 * honours Retry-After does (429/503 with the header, three times, after the seconds it names),
 * which is what the fake's limits are there to be tested against.
 */
function makeClient(serviceUrl: string, opts: { retries?: boolean } = {}): { conversations: Conversations; sdk: ConnectorClient } {
  const sdk = ConnectorClient.createClientWithToken(serviceUrl, '');
  const retrying = <T>(call: () => Promise<T>) => async (): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (e) {
        const error = e as { status?: number; response?: { headers: Headers } };
        const retryAfter = error.response?.headers.get('retry-after');
        // The SDK's HttpError names the answer's status `status`; these tests read `statusCode`.
        if (opts.retries === false || attempt >= 3 || ![429, 503].includes(error.status ?? 0) || retryAfter == null) throw Object.assign(error, { statusCode: error.status });
        await sleep(Number(retryAfter) * 1000);
      }
    }
  };
  const run = <T>(call: () => Promise<T>) => retrying(call)();
  return {
    sdk,
    conversations: {
      sendToConversation: (conversationId, activity) => run(() => sdk.sendToConversation(conversationId, activity)),
      replyToActivity: (conversationId, activityId, activity) => run(() => sdk.replyToActivity(conversationId, activityId, activity)),
      updateActivity: (conversationId, activityId, activity) => run(() => sdk.updateActivity(conversationId, activityId, activity)),
      deleteActivity: (conversationId, activityId) => run(() => sdk.deleteActivity(conversationId, activityId)),
      createConversation: (parameters) => run(() => sdk.createConversation(parameters as never)),
      getConversationMember: (conversationId, userId) => run(() => sdk.getConversationMember(userId, conversationId)),
    },
  };
}

const msg = (text: string, extra: Record<string, unknown> = {}): Activity => Activity.fromObject({ type: ActivityTypes.Message, text, ...extra });

function teamsContext(fake: FakeConnector, client: { sdk: ConnectorClient }, conversationId: string, options: { inTeam?: boolean } = {}): TurnContext {
  const activity = Activity.fromObject({
    type: ActivityTypes.Message, channelId: 'msteams', serviceUrl: fake.serviceUrl, text: 'hi',
    conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: TENANT },
    from: { id: MEMBERS[0]!.id, name: MEMBERS[0]!.name }, recipient: { id: '28:bot', name: 'VBE-stöd' },
    channelData: { tenant: { id: TENANT }, ...(options.inTeam === false ? {} : { team: { id: TEAM_ID } }) },
  });
  const adapter = new TeamsAdapter(undefined, 5_000);
  const context = new TurnContext(adapter, activity);
  context.turnState.set(adapter.ConnectorClientKey, client.sdk);
  return context;
}

describe('FakeConnector', () => {
  let fake: FakeConnector;
  let client: ReturnType<typeof makeClient>;
  let noRetry: ReturnType<typeof makeClient>;

  beforeAll(async () => {
    fake = await FakeConnector.start();
    client = makeClient(fake.serviceUrl);
    noRetry = makeClient(fake.serviceUrl, { retries: false });
  });
  afterAll(async () => { await fake.close(); });
  beforeEach(() => {
    fake.reset();
    fake.addTeam(TEAM_ID, MEMBERS, { name: 'VBE-teamet', aadGroupId: 'group-1', channels: [{ id: TEAM_ID, name: 'General' }, { id: '19:ch2@thread.tacv2', name: 'Oro' }] });
    fake.addUser(OUTSIDER, { appInstalled: false });
  });

  it('listens on 127.0.0.1 with a trailing-slash serviceUrl', () => {
    expect(fake.serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('records sends, replies, updates and deletes with decoded conversation ids', async () => {
    const sent = await client.conversations.sendToConversation(CHANNEL_CONV, msg('hej', {
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } }],
    }) );
    expect(sent.id).toBeTruthy();
    const reply = await client.conversations.replyToActivity(CHANNEL_CONV, sent.id!, msg('svar') );
    await client.conversations.updateActivity(CHANNEL_CONV, sent.id!, msg('hej (ändrad)', { id: sent.id }) );
    await client.conversations.deleteActivity(CHANNEL_CONV, reply.id!);

    expect(fake.activities.map((a) => [a.method, a.conversationId, a.replyToId, a.activity.text])).toEqual([
      ['POST', CHANNEL_CONV, undefined, 'hej'],
      ['POST', CHANNEL_CONV, sent.id, 'svar'],
      ['PUT', CHANNEL_CONV, undefined, 'hej (ändrad)'],
    ]);
    expect(fake.activities[1]!.activityId).toBe(reply.id);
    expect(fake.activities[2]!.activityId).toBe(sent.id);
    expect(fake.deletedActivities).toEqual([expect.objectContaining({ conversationId: CHANNEL_CONV, activityId: reply.id })]);
    expect(fake.sentTo(CHANNEL_CONV)).toHaveLength(3);
    expect(fake.sentTo('19:other@thread.tacv2')).toEqual([]);
    expect(fake.sendTimes(CHANNEL_CONV)).toHaveLength(3);
    expect(fake.cards()).toEqual([{ type: 'AdaptiveCard', version: '1.5', body: [] }]);
    expect(fake.requests.map((r) => `${r.method} ${r.status} ${r.conversationId}`)).toEqual([
      `POST 200 ${CHANNEL_CONV}`, `POST 200 ${CHANNEL_CONV}`, `PUT 200 ${CHANNEL_CONV}`, `DELETE 200 ${CHANNEL_CONV}`,
    ]);
    expect(fake.unexpected).toEqual([]);
  });

  it('creates personal conversations for installed users and answers 403 otherwise', async () => {
    const params = {
      bot: { id: '28:bot', name: 'VBE-stöd' }, members: [{ id: MEMBERS[1]!.id, name: '' }], isGroup: false,
      tenantId: TENANT, channelData: { tenant: { id: TENANT } },
    };
    const created = await client.conversations.createConversation(params);
    expect(created.id).toMatch(/^a:/);
    const again = await client.conversations.createConversation({ ...params, activity: msg('proaktivt') as Activity });
    expect(again.id).toBe(created.id);
    expect(again.activityId).toBe(fake.sentTo(created.id!)[0]!.activityId);
    expect(fake.createdConversations.map((c) => c.id)).toEqual([created.id, created.id]);
    expect(fake.createdConversations[0]!.body.members[0].id).toBe(MEMBERS[1]!.id);

    // the created conversation has a roster: the user, findable by aadObjectId
    const m = await client.conversations.getConversationMember(created.id!, MEMBERS[1]!.aadObjectId);
    expect(m.id).toBe(MEMBERS[1]!.id);

    const err = await caught(client.conversations.createConversation({ ...params, members: [{ id: OUTSIDER.id, name: '' }] }));
    expect(err.statusCode).toBe(403);
    const unknown = await caught(client.conversations.createConversation({ ...params, members: [{ id: '29:nobody', name: '' }] }));
    expect(unknown.statusCode).toBe(403);
    expect(fake.requests.filter((r) => r.status === 403)).toHaveLength(2); // 403 is never retried
  });

  it('pages team members with continuation tokens (TeamsInfo.getPagedMembers of the team conversation)', async () => {
    const context = teamsContext(fake, client, CHANNEL_CONV);
    // One page per call: for a team, the SDK's getPagedTeamMembers reads every page itself.
    const teamConversation = teamsContext(fake, client, TEAM_ID, { inTeam: false });
    const pages: TeamsChannelAccount[][] = [];
    const tokens: Array<string | undefined> = [];
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedMembers(teamConversation, 2, token);
      pages.push(page.members);
      token = page.continuationToken;
      tokens.push(token);
    } while (token);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(tokens[0]).toBeTruthy();
    expect(tokens[2]).toBeUndefined();
    const all = pages.flat();
    expect(all.map((m) => m.id).sort()).toEqual(MEMBERS.map((m) => m.id).sort());
    expect(new Set(all.map((m) => m.id)).size).toBe(MEMBERS.length);
    expect(all[0]).toMatchObject({ aadObjectId: MEMBERS[0]!.aadObjectId, email: MEMBERS[0]!.email, userRole: 'user' });

    // channel conversation (with ;messageid) resolves to the team roster; default page size holds everyone
    const whole = await TeamsInfo.getPagedMembers(context);
    expect(whole.members).toHaveLength(5);
    expect(whole.continuationToken).toBeUndefined();
    expect(whole.members.map((m) => m.aadObjectId)).toEqual(MEMBERS.map((m) => m.aadObjectId));
    expect(fake.unexpected).toEqual([]);
  });

  it('getMember works by 29: id and by aadObjectId, unknown → 404; team details and channels', async () => {
    const context = teamsContext(fake, client, CHANNEL_CONV);
    const byAad = await TeamsInfo.getMember(context, MEMBERS[2]!.aadObjectId);
    expect(byAad).toMatchObject({ id: MEMBERS[2]!.id, name: 'User 3' });
    const byId = await TeamsInfo.getTeamMember(context, TEAM_ID, MEMBERS[3]!.id);
    expect(byId.aadObjectId).toBe(MEMBERS[3]!.aadObjectId);
    const err = await caught(TeamsInfo.getMember(context, 'ffffffff-0000-0000-0000-000000000000'));
    expect(err.statusCode).toBe(404);

    const details = await TeamsInfo.getTeamDetails(context);
    expect(details).toMatchObject({ id: TEAM_ID, name: 'VBE-teamet', aadGroupId: 'group-1' });
    const channels = await TeamsInfo.getTeamChannels(context);
    expect(channels.map((c) => c.name)).toEqual(['General', 'Oro']);
  });

  it('failNext 429: the client sees Retry-After; the retrying pipeline honours it', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 3, match: { method: 'POST' } });
    const err = await caught(noRetry.conversations.sendToConversation('a:conv-1', msg('x') ));
    expect(err.statusCode).toBe(429);
    expect(err.response?.headers.get('retry-after')).toBe('3');

    fake.failNext({ status: 429, retryAfterSeconds: 1 });
    const t0 = Date.now();
    await client.conversations.sendToConversation('a:conv-1', msg('y') );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(fake.sentTo('a:conv-1').map((a) => a.activity.text)).toEqual(['y']);

    // 429 WITHOUT Retry-After is not retried at all by the default pipeline
    fake.reset();
    fake.failNext({ status: 429 });
    expect((await caught(client.conversations.sendToConversation('a:conv-1', msg('z') ))).statusCode).toBe(429);
    expect(fake.requests).toHaveLength(1);

    // a persistent 429 with Retry-After: 1 initial attempt + 3 retries, then the error surfaces
    fake.reset();
    fake.failNext({ status: 429, retryAfterSeconds: 0, times: Infinity });
    expect((await caught(client.conversations.sendToConversation('a:conv-1', msg('z') ))).statusCode).toBe(429);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 429, 429]);
  });

  it('failNext only hits matching requests, honours times and delayMs', async () => {
    fake.failNext({ status: 500, times: 2, match: { conversationId: 'a:conv-2' } });
    fake.failNext({ status: 200, delayMs: 150, match: { pathIncludes: 'a:conv-3' } });
    await noRetry.conversations.sendToConversation('a:conv-1', msg('ok') );
    expect((await caught(noRetry.conversations.sendToConversation('a:conv-2', msg('1') ))).statusCode).toBe(500);
    expect((await caught(noRetry.conversations.sendToConversation('a:conv-2', msg('2') ))).statusCode).toBe(500);
    await noRetry.conversations.sendToConversation('a:conv-2', msg('3') );
    const t0 = Date.now();
    await noRetry.conversations.sendToConversation('a:conv-3', msg('slow') );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(fake.activities.map((a) => a.activity.text)).toEqual(['ok', '3', 'slow']);
  });

  it('setDown(true) fails every matching request with 503 until setDown(false)', async () => {
    fake.setDown(true);
    const err = await caught(noRetry.conversations.sendToConversation('a:conv-1', msg('x') ));
    expect(err.statusCode).toBe(503);
    expect((await caught(noRetry.conversations.getConversationMember(TEAM_ID, MEMBERS[0]!.id))).statusCode).toBe(503);

    // the default pipeline retries 503 three times (Retry-After: 0 keeps this fast; without it: exponential 1s/2s/4s)
    fake.setDown(false);
    fake.setDown({ status: 503, retryAfterSeconds: 0 }, { conversationId: 'a:conv-1' });
    fake.requests.length = 0;
    expect((await caught(client.conversations.sendToConversation('a:conv-1', msg('x') ))).statusCode).toBe(503);
    expect(fake.requests.map((r) => r.status)).toEqual([503, 503, 503, 503]);
    await client.conversations.sendToConversation('a:conv-other', msg('unaffected') );

    fake.setDown(false);
    await client.conversations.sendToConversation('a:conv-1', msg('back') );
    expect(fake.activities.map((a) => a.activity.text)).toEqual(['unaffected', 'back']);
  });

  it('blackHole() reads every request and never answers; release() serves new ones, the held stay unanswered', async () => {
    const send = (text: string, signal?: AbortSignal) =>
      fetch(`${fake.serviceUrl}v3/conversations/a:conv-1/activities`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(msg(text)), signal,
      });
    fake.blackHole();
    const held = send('held');
    await expect(send('too late', AbortSignal.timeout(300))).rejects.toThrow();
    expect(fake.inFlight()).toBeGreaterThanOrEqual(1);
    fake.release();
    expect((await send('after')).status).toBe(200);
    const stillHeld = await Promise.race([held.then(() => 'answered'), new Promise((r) => setTimeout(() => r('held'), 200))]);
    expect(stillHeld).toBe('held');
    expect(fake.heldRequests()).toBe(1);
    expect(fake.activities.map((a) => a.activity.text)).toEqual(['after']);
    void held.catch(() => undefined); // dropped by close()
  });

  it('waitFor resolves for a future activity and rejects on timeout with what was received', async () => {
    await client.conversations.sendToConversation('a:conv-1', msg('först') );
    const existing = await fake.waitFor((a) => a.activity.text === 'först');
    expect(existing.conversationId).toBe('a:conv-1');

    const pending = fake.waitFor((a) => a.activity.text === 'senare', 2000);
    setTimeout(() => { void client.conversations.sendToConversation('a:conv-9', msg('senare') ); }, 50);
    expect((await pending).conversationId).toBe('a:conv-9');

    await expect(fake.waitFor((a) => a.activity.text === 'aldrig', 100)).rejects.toThrow(/within 100 ms\. Received 2:[\s\S]*"först"[\s\S]*"senare"/);
  });

  it('unknown routes answer 404 and are recorded as unexpected', async () => {
    const res = await fetch(`${fake.serviceUrl}v3/nothing/here`);
    expect(res.status).toBe(404);
    expect(fake.unexpected).toEqual([{ method: 'GET', path: '/v3/nothing/here' }]);
    expect((await caught(TeamsInfo.getPagedMembers(teamsContext(fake, noRetry, '19:unknown@thread.tacv2', { inTeam: false })))).statusCode).toBe(404);
  });

  it('works behind a real CloudAdapter (proactive continueConversation, no auth)', async () => {
    const adapter = new TeamsAdapter(undefined, 5_000);
    const reference: ConversationReference = {
      channelId: 'msteams', serviceUrl: fake.serviceUrl, conversation: { id: 'a:personal-7', isGroup: false, conversationType: 'personal' },
      agent: { id: '28:bot', name: 'VBE-stöd' }, user: { id: MEMBERS[0]!.id, name: MEMBERS[0]!.name },
    };
    await adapter.continueConversation(adapter.proactiveIdentity(), reference, async (ctx) => { await ctx.sendActivity('påminnelse'); });
    const rec = await fake.waitFor((a) => a.activity.text === 'påminnelse');
    expect(rec.conversationId).toBe('a:personal-7');
    expect(rec.activity.from).toMatchObject({ id: '28:bot' });
  });
});

describe('FakeConnector with enforceTeamsLimits', () => {
  let fake: FakeConnector;
  beforeAll(async () => { fake = await FakeConnector.start({ enforceTeamsLimits: { perConversationPerSecond: 7, perAppPerSecond: 50 } }); });
  afterAll(async () => { await fake.close(); });
  beforeEach(() => fake.reset());

  it('answers 429 with Retry-After: 1 past 7 sends/s in one conversation, other conversations unaffected', async () => {
    const noRetry = makeClient(fake.serviceUrl, { retries: false });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => noRetry.conversations.sendToConversation('a:busy', msg(`m${i}`) )));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as RestErrorLike);
    expect(rejected.map((e) => e.statusCode)).toEqual([429, 429, 429]);
    expect(rejected[0]!.response?.headers.get('retry-after')).toBe('1');
    await noRetry.conversations.sendToConversation('a:quiet', msg('ok') );
    expect(fake.sentTo('a:busy')).toHaveLength(7);
  });

  it('the retrying pipeline gets everything through while never exceeding 7 per sliding second', async () => {
    const client = makeClient(fake.serviceUrl);
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.conversations.sendToConversation('a:busy', msg(`m${i}`) )));
    const times = fake.sendTimes('a:busy');
    expect(times).toHaveLength(10);
    for (const t of times) expect(times.filter((u) => u >= t && u - t < 1000).length).toBeLessThanOrEqual(7);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('answers 429 past the per-app limit across conversations', async () => {
    const strict = await FakeConnector.start({ enforceTeamsLimits: { perAppPerSecond: 5 } });
    try {
      const noRetry = makeClient(strict.serviceUrl, { retries: false });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => noRetry.conversations.sendToConversation(`a:c${i}`, msg('x') )));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      expect(strict.requests.filter((r) => r.status === 429)).toHaveLength(3);
    } finally {
      await strict.close();
    }
  });
});
