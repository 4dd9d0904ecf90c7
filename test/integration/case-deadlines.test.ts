import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistrictConfig } from '../../src/config/district';
import { loadEnv } from '../../src/config/env';
import { queueCaseReminders } from '../../src/services/case-reminders';
import { queryAll } from '../../src/store/document-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { COORDINATOR, channelMessage, executeAction, validConcernData, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { runCli } from '../support/cli';
import { FakeConnector, type RecordedActivity } from '../support/fake-connector';
import { checkCard } from '../support/validate-card';

const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';
const reporter = (n: number): Person => ({ id: `29:deadline-${n}`, name: `Rapportör ${n}`, aadObjectId: `77777777-7777-4777-8777-${String(n).padStart(12, '0')}` });
// 18 days: the close reminder falls 4 days after the report came in, inside the test's two weeks.
const ENV = { CLOSE_TARGET_DAYS: '18' };

/** The reminders the channel received, as "reference kind" with kind from the card's title. */
function remindersIn(posted: RecordedActivity[]): string[] {
  return posted
    .map((a) => String(a.activity.attachments?.[0]?.content?.body?.[0]?.text ?? ''))
    .map((title) => /^Påminnelse: (VBE-\d{4}-\d{4}) (är inte mottagen|närmar sig målet för avslut)$/.exec(title))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]} ${match[2] === 'är inte mottagen' ? 'acknowledge' : 'close'}`)
    .sort();
}

describe('the case-deadlines job, across a weekend and trettondedag jul, from two processes at once', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  let travel = 0;
  const travelTo = (iso: string) => (travel = Date.parse(iso) - Date.now());
  const clock = () => new Date(Date.now() + travel);
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-case-deadlines-'));
  const opts = (from: Person) => ({ serviceUrl: connector.serviceUrl, from });
  const submit = async (n: number, eventDate: string): Promise<string> => {
    const response = await bot.post(executeAction('concern.submit', validConcernData({ eventDate }), opts(reporter(n))));
    const reference = /VBE-\d{4}-\d{4}/.exec(JSON.stringify(response.body.value))?.[0];
    expect(reference).toBeDefined();
    return reference!;
  };
  /** Both "instances" run the job at the same moment; one of them runs it. */
  const runTwice = async (now: string) => {
    const runs = await Promise.all([0, 1].map(() => runCli(['jobs', 'run', 'case-deadlines', '--now', now], { DATA_DIR: dataDir, ...ENV })));
    const outcomes = runs.map((run) => {
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as { status: string; acknowledge?: number; close?: number; alreadyQueued?: number };
    });
    expect(outcomes.filter((outcome) => outcome.status === 'ran'), JSON.stringify(outcomes)).toHaveLength(1);
    expect(outcomes.every((outcome) => ['ran', 'already_ran', 'busy'].includes(outcome.status))).toBe(true);
    return outcomes.find((outcome) => outcome.status === 'ran')!;
  };

  beforeAll(async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot({ dataDir, clock, env: ENV });
    travelTo('2027-01-04T09:00:00+01:00');
    await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', opts(COORDINATOR)));
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('posts one acknowledgement reminder per report on the first working day after its deadline, one close reminder, none twice, none for a report acknowledged in time', async () => {
    // Monday 4 January 2027: A and C come in. Due by the end of Thursday 7 (Wednesday 6 is trettondedag jul).
    travelTo('2027-01-04T10:00:00+01:00');
    const a = await submit(1, '2027-01-04');
    const c = await submit(2, '2027-01-04');
    // Thursday 7, the last day: C is acknowledged in time; A is not late yet.
    travelTo('2027-01-07T09:30:00+01:00');
    const handled = await bot.post(executeAction('concern.handle', { reference: c }, opts(COORDINATOR)));
    expect(handled.status).toBe(200);
    expect(await runTwice('2027-01-07T10:00:00+01:00')).toMatchObject({ acknowledge: 0, close: 0 });

    // Friday 8: A is late; A's and C's close targets (22 January) are 14 days away. B comes in.
    travelTo('2027-01-08T10:00:00+01:00');
    const b = await submit(3, '2027-01-08');
    expect(await runTwice('2027-01-08T10:00:00+01:00')).toMatchObject({ acknowledge: 1, close: 2, alreadyQueued: 0 });
    // The weekend: the job is not due at all.
    const saturday = await runCli(['jobs', 'run', 'case-deadlines', '--now', '2027-01-09T10:00:00+01:00'], { DATA_DIR: dataDir, ...ENV });
    expect(JSON.parse(saturday.stdout)).toMatchObject({ status: 'not_due' });
    // Monday 11: nothing new (B, in on Friday, is due by the end of Tuesday 12).
    expect(await runTwice('2027-01-11T10:00:00+01:00')).toMatchObject({ acknowledge: 0, close: 0, alreadyQueued: 3 });
    // Tuesday 12: B's close reminder (target 26 January); still not its acknowledgement reminder.
    expect(await runTwice('2027-01-12T10:00:00+01:00')).toMatchObject({ acknowledge: 0, close: 1 });
    // Wednesday 13: B is late.
    expect(await runTwice('2027-01-13T10:00:00+01:00')).toMatchObject({ acknowledge: 1, close: 0 });
    // Thursday 14: everything due was posted already.
    expect(await runTwice('2027-01-14T10:00:00+01:00')).toMatchObject({ acknowledge: 0, close: 0, alreadyQueued: 5 });

    const expected = [`${a} acknowledge`, `${a} close`, `${b} acknowledge`, `${b} close`, `${c} close`].sort();
    const deadline = Date.now() + 15_000;
    while (remindersIn(connector.sentTo(CHANNEL_ID)).length < expected.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // The outbox keeps polling: give it time to (wrongly) post one again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(remindersIn(connector.sentTo(CHANNEL_ID))).toEqual(expected);

    // Each reminder: a valid card with reference, state and age, never the report's text or unit.
    const posted = connector.sentTo(CHANNEL_ID).filter((activity) => JSON.stringify(activity.activity.attachments ?? []).includes('Påminnelse'));
    const lateA = posted.find((activity) => JSON.stringify(activity.activity.attachments).includes(`${a} är inte mottagen`))!;
    const card = lateA.activity.attachments[0].content;
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('"title":"Läge","value":"Ny"');
    expect(text).toContain('"title":"Ålder","value":"4 dagar"');
    expect(text).toContain('senast torsdag 7 januari 2027');
    for (const activity of posted) {
      const shown = JSON.stringify(activity.activity.attachments);
      for (const word of ['Klistermärken', 'busshållplatsen', 'ung fritid', 'ung-fritid', 'Rapportör']) expect(shown).not.toContain(word);
    }
    const stored = await queryAll<{ kind: string }>(bot.app.store, 'channelMessages', {});
    expect(stored.filter((message) => message.body.kind === 'case-reminder')).toHaveLength(5);
  }, 120_000);

  it('queues each reminder once when two writers queue it at the same moment, past the job runner', async () => {
    // Two instances that both decided to run (e.g. the lease expired mid-run): the ids conflict.
    const district = loadDistrictConfig();
    const settings = { ackWorkingDays: 2, closeTargetDays: 18 };
    const stores = [new SqliteStore({ dataDir }), new SqliteStore({ dataDir })];
    travelTo('2027-01-20T10:00:00+01:00');
    const d = await submit(4, '2027-01-20');
    // Monday 25: D is late (due by the end of Friday 22), and its close target (7 February) is 13 days away.
    const now = new Date('2027-01-25T10:00:00+01:00');
    const results = await Promise.all(stores.map((store) => queueCaseReminders(store, district, settings, now)));
    expect(results.reduce((sum, result) => sum + result.acknowledge, 0)).toBe(1);
    expect(results.reduce((sum, result) => sum + result.close, 0)).toBe(1);
    const stored = await queryAll<{ kind: string }>(stores[0]!, 'channelMessages', {});
    expect(stored.filter((message) => message.id.includes(`:${d}:`)).map((message) => message.id).sort()).toEqual([
      `case-reminder:${district.id}:${d}:acknowledge`,
      `case-reminder:${district.id}:${d}:close`,
    ]);
    await Promise.all(stores.map((store) => store.close()));
  }, 60_000);
});

describe('the deadline settings', () => {
  it('the CLI refuses bad values with the one configuration error', async () => {
    const run = await runCli(['jobs', 'run', 'case-deadlines'], { DATA_DIR: mkdtempSync(join(tmpdir(), 'vbe-case-bad-')), ACK_WORKING_DAYS: '0', CLOSE_TARGET_DAYS: 'ninety' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/ACK_WORKING_DAYS/);
    expect(run.stderr).toMatch(/CLOSE_TARGET_DAYS/);
    expect(() => loadEnv({ ACK_WORKING_DAYS: '3' })).not.toThrow();
  }, 60_000);
});
