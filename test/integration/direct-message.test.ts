import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamsAdapter } from '../../src/teams/adapter';
import { sendDirectMessage } from '../../src/teams/direct-message';
import { FakeConnector } from '../support/fake-connector';

const OPTIONS = { timeoutMs: 15_000 };
const installed = { id: '29:installed', name: 'Installerad', aadObjectId: '77777777-7777-4777-8777-000000000001' };
const notInstalled = { id: '29:not-installed', name: 'Utan app', aadObjectId: '77777777-7777-4777-8777-000000000002' };

describe('direct messages to a user who never wrote to the bot', () => {
  let connector: FakeConnector;
  const adapter = new TeamsAdapter(undefined, 15_000);
  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addUser(installed, { appInstalled: true });
    connector.addUser(notInstalled, { appInstalled: false });
  });
  afterAll(() => connector.close());

  it('creates the 1:1 chat, sends, and reuses the chat next time', async () => {
    const first = await sendDirectMessage(adapter, { serviceUrl: connector.serviceUrl, userId: installed.id }, { type: 'message', text: 'hej' }, OPTIONS);
    expect(first.kind).toBe('delivered');
    expect(first.conversationId).toBeTruthy();
    expect(connector.createdConversations).toHaveLength(1);
    expect(connector.sentTo(first.conversationId!).map((a) => a.activity.text)).toEqual(['hej']);

    const second = await sendDirectMessage(
      adapter,
      { serviceUrl: connector.serviceUrl, userId: installed.id, conversationId: first.conversationId },
      { type: 'message', text: 'igen' },
      OPTIONS,
    );
    expect(second).toMatchObject({ kind: 'delivered', conversationId: first.conversationId });
    expect(connector.createdConversations).toHaveLength(1);
  });

  it('reports a user without the app as unreachable (403), not as a failure to retry', async () => {
    const result = await sendDirectMessage(adapter, { serviceUrl: connector.serviceUrl, userId: notInstalled.id }, { type: 'message', text: 'hej' }, OPTIONS);
    expect(result).toMatchObject({ kind: 'unreachable', code: 'http_403' });
  });

  it('reports throttling with the Retry-After the connector asked for', async () => {
    connector.setDown({ status: 429, retryAfterSeconds: 0 }, { pathIncludes: '/activities' });
    const result = await sendDirectMessage(
      adapter,
      { serviceUrl: connector.serviceUrl, userId: installed.id, conversationId: 'a:known' },
      { type: 'message', text: 'hej' },
      OPTIONS,
    );
    connector.setDown(false);
    expect(result).toMatchObject({ kind: 'throttled', retryAfterMs: 0 });
  });

  it('reports a connector that never answers as a transient timeout, at the deadline, for the chat creation and for the send', async () => {
    connector.blackHole();
    try {
      const startedAt = Date.now();
      const creating = await sendDirectMessage(adapter, { serviceUrl: connector.serviceUrl, userId: installed.id }, { type: 'message', text: 'hej' }, { timeoutMs: 300 });
      expect(creating).toMatchObject({ kind: 'transient', code: 'timeout' });
      const sending = await sendDirectMessage(
        adapter,
        { serviceUrl: connector.serviceUrl, userId: installed.id, conversationId: 'a:known' },
        { type: 'message', text: 'hej' },
        { timeoutMs: 300 },
      );
      expect(sending).toMatchObject({ kind: 'transient', code: 'timeout', conversationId: 'a:known' });
      expect(Date.now() - startedAt).toBeLessThan(3_000);
    } finally {
      connector.release();
    }
  });
});
