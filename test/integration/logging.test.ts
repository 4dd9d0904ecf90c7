/**
 * Operations logs over real HTTP: JSON lines, one request id per turn on every line the turn
 * writes (including the channel post it sets off), and never text a user typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR, STAFF, channelMessage, executeAction, message, validConcernData, type ActivityJson } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector } from '../support/fake-connector';

const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';
const MARKER = 'Loggmarkör-9c41';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type LogLine = Record<string, unknown> & { event?: string; requestId?: string };

describe('structured logs', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const parsed = (from = 0): LogLine[] => bot.logLines.slice(from).map((line) => JSON.parse(line) as LogLine);

  /** Posts one activity and returns the lines written while its turn ran. */
  const turn = async (activity: ActivityJson) => {
    const from = bot.logLines.length;
    const response = await bot.post(activity);
    expect(response.status).toBe(200);
    return parsed(from);
  };

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addUser({ ...STAFF, userPrincipalName: 'sara.larare@example.org' });
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('marks every line of a turn with that turn’s activity id, and only that turn’s', async () => {
    const opts = { serviceUrl: connector.serviceUrl };
    const bind = channelMessage('<at>VBE-stöd</at> koppla kanal', { ...opts, from: COORDINATOR, conversationId: CHANNEL_ID });
    const bindLines = await turn(bind);
    expect(bindLines.map((line) => line.event)).toEqual(expect.arrayContaining(['channel.bound', 'turn.done']));
    expect(bindLines.every((line) => line.requestId === bind.id)).toBe(true);

    const submit = executeAction('concern.submit', validConcernData({ description: `${MARKER} klistermärken vid busshållplatsen` }), opts);
    const submitLines = await turn(submit);
    expect(submitLines.find((line) => line.event === 'concern.submit')).toMatchObject({ requestId: submit.id, outcome: 'accepted' });
    expect(submitLines.find((line) => line.event === 'turn.done')).toMatchObject({ requestId: submit.id, activityType: 'invoke', name: 'adaptiveCard/action' });
    expect(submitLines.every((line) => line.requestId === submit.id)).toBe(true);

    // The channel post the report set off is logged under the same request, even after the answer.
    await connector.waitFor((recorded) => recorded.conversationId === CHANNEL_ID && recorded.activity.attachments?.length > 0, 5000);
    await expect.poll(() => parsed().filter((line) => line.event === 'channel_post' && line.requestId === submit.id).length).toBeGreaterThan(0);

    const help = message(`hjälp ${MARKER}`, opts);
    const helpLines = await turn(help);
    expect(helpLines.length).toBeGreaterThan(0);
    expect(helpLines.every((line) => line.requestId === help.id)).toBe(true);
    expect(new Set([bind.id, submit.id, help.id]).size).toBe(3);
  });

  it('makes up an id for an activity that has none', async () => {
    const anonymous = message('hjälp', { serviceUrl: connector.serviceUrl });
    delete anonymous.id;
    const lines = await turn(anonymous);
    const done = lines.find((line) => line.event === 'turn.done');
    expect(done?.requestId).toMatch(UUID);
    expect(lines.every((line) => line.requestId === done?.requestId)).toBe(true);
  });

  it('logs a failed turn under its request id', async () => {
    const conversationId = 'a:personal-logging-failure';
    // The help answer is refused (a 4xx is not retried), so the handler throws.
    connector.failNext({ status: 400, times: 2, match: { method: 'POST', conversationId } });
    const help = message('hjälp', { serviceUrl: connector.serviceUrl, conversationId });
    const lines = await turn(help);
    expect(lines.find((line) => line.event === 'turn.failed')).toMatchObject({ requestId: help.id, level: 50 });
    // By name and code only: an SDK message quotes what the request held.
    const failure = lines.find((line) => line.event === 'turn.failed')?.err as Record<string, unknown>;
    expect(Object.keys(failure).sort()).toEqual(expect.arrayContaining(['name']));
    expect(Object.keys(failure).every((key) => key === 'name' || key === 'code')).toBe(true);
    expect(lines.every((line) => line.requestId === help.id)).toBe(true);
    expect(lines.map((line) => line.event)).toContain('turn.done');
  });

  it('logs an activity type or name nobody defined as `other`', async () => {
    const forged = { ...message('hjälp', { serviceUrl: connector.serviceUrl }), type: `message${MARKER}`, name: `${MARKER}\n{"event":"forged"}` };
    const lines = await turn(forged);
    expect(lines.find((line) => line.event === 'turn.done')).toMatchObject({ activityType: 'other', name: 'other' });
    const invoke = { ...executeAction('x', {}, { serviceUrl: connector.serviceUrl }), name: `composeExtension/${MARKER}` };
    expect((await turn(invoke)).find((line) => line.event === 'turn.done')).toMatchObject({ activityType: 'invoke', name: 'other' });
    expect(bot.logLines.join('\n')).not.toContain(MARKER);
  });

  it('caps and sanitises the request id an activity id becomes', async () => {
    const forged = message('hjälp', { serviceUrl: connector.serviceUrl });
    forged.id = `1732780000000${'<x>"\u2028'.repeat(10)}${'a'.repeat(129_282)}`;
    const lines = await turn(forged);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.requestId!.length).toBeLessThanOrEqual(128);
      expect(line.requestId).toMatch(/^1732780000000x+a+$/);
    }
  });

  it('writes JSON lines without user text; lines outside a turn carry no request id', async () => {
    await turn(executeAction('concern.submit', validConcernData({ description: `${MARKER} ring 070-123 45 67` }), { serviceUrl: connector.serviceUrl }));
    const all = parsed();
    expect(all.find((line) => line.event === 'started')?.requestId).toBeUndefined();
    const text = bot.logLines.join('\n');
    expect(text).toContain('concern.submit');
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain('070-123');
    expect(text).not.toContain(STAFF.name);
    expect(text).not.toContain(COORDINATOR.name);
  });
});
