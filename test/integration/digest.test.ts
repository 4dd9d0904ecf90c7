import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistrictConfig } from '../../src/config/district';
import { applyCaseAction, caseOf } from '../../src/domain/concern/case';
import { queryAll } from '../../src/store/document-store';
import { ConcernReports } from '../../src/store/repositories/concern-reports';
import { COORDINATOR, STAFF, channelMessage, executeAction, message, validConcernData, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { postActivity, startBotProcess, type BotProcess } from '../support/bot-process';
import { runCli } from '../support/cli';
import { FakeConnector, type FakeMember, type RecordedActivity } from '../support/fake-connector';
import { surveyMember, validSurveyAnswer, waitForInvitations } from '../support/survey';
import { checkCard } from '../support/validate-card';

const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';
const person = (n: number): Person => ({ id: `29:digest-${n}`, name: `Rapportör ${n}`, aadObjectId: `66666666-6666-4666-8666-${String(n).padStart(12, '0')}` });
const asPerson = (m: FakeMember): Person => ({ id: m.id, name: m.name, aadObjectId: m.aadObjectId });

/** The digests the channel received, by title. */
function digestsIn(connector: FakeConnector, title: string): RecordedActivity[] {
  return connector.sentTo(CHANNEL_ID).filter((a) => JSON.stringify(a.activity.attachments ?? []).includes(title));
}

/** The facts of the digest's first FactSet, title → value. */
function headline(card: any): Record<string, string> {
  const facts = (card.body as any[]).find((element) => element.type === 'FactSet').facts as Array<{ title: string; value: string }>;
  return Object.fromEntries(facts.map((fact) => [fact.title, fact.value]));
}

/** Every row of every Table in the card, as cell texts. */
function tableRows(card: unknown): string[][] {
  const rows: string[][] = [];
  const walk = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'TableRow') rows.push(node.cells.map((cell: any) => String(cell.items?.[0]?.text ?? '')));
    Object.values(node).forEach(walk);
  };
  walk(card);
  return rows;
}

async function waitForDigest(connector: FakeConnector, title: string, timeoutMs = 15_000): Promise<RecordedActivity> {
  return connector.waitFor((a) => a.conversationId === CHANNEL_ID && JSON.stringify(a.activity.attachments ?? []).includes(title), timeoutMs);
}

describe('the monthly digest', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  let travel = 0;
  const travelTo = (iso: string) => (travel = Date.parse(iso) - Date.now());
  const clock = () => new Date(Date.now() + travel);
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-digest-'));
  const opts = (from: Person) => ({ serviceUrl: connector.serviceUrl, from });
  const team = Array.from({ length: 5 }, (_, i) => surveyMember(400 + i, 'forskola'));

  const references = new Map<number, string>();
  const report = async (n: number, overrides: Record<string, unknown>) => {
    const response = await bot.post(executeAction('concern.submit', validConcernData(overrides), opts(person(n))));
    const reference = /VBE-\d{4}-\d{4}/.exec(JSON.stringify(response.body.value))?.[0];
    expect(reference).toBeDefined();
    references.set(n, reference!);
  };
  const acknowledge = async (n: number) => {
    const response = await bot.post(executeAction('concern.handle', { reference: references.get(n)! }, opts(COORDINATOR)));
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam('19:forskola-hagersten@thread.tacv2', team);
    bot = await startTestBot({ dataDir, clock });

    // December 2024: one report, still open two years on (gallring at 24 months keeps it).
    travelTo('2024-12-10T10:00:00+01:00');
    await report(10, { eventDate: '2024-12-09', eventTypes: 'graffiti' });
    // November 2025: 2 reports (graffiti). October 2026: 3. November 2026: 4 (one about symbols).
    travelTo('2025-11-12T10:00:00+01:00');
    await report(1, { eventDate: '2025-11-10', eventTypes: 'graffiti' });
    await report(2, { eventDate: '2025-11-11', eventTypes: 'graffiti' });
    travelTo('2026-07-01T10:00:00+02:00');
    await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', opts(COORDINATOR)));
    // A forum registered in July that never gets VBE on the agenda: flagged in November.
    const saved = await bot.post(
      executeAction('forum.save', { name: 'Trygghetsrådet', chair: team[0]!.aadObjectId, cadence: 'monthly', nextMeetingOn: '2026-07-14', time: '10:00', leadWorkingDays: '5', dates: '' }, opts(COORDINATOR)),
    );
    expect(JSON.stringify(saved.body.value)).toContain('Forumet är sparat');
    travelTo('2026-10-20T10:00:00+02:00');
    for (const n of [3, 4, 5]) await report(n, { eventDate: '2026-10-19', eventTypes: 'graffiti' });
    travelTo('2026-11-02T10:00:00+01:00');
    // In on Tuesday 20 October, received on Monday 2 November: 9 working days (alla helgons dag is a Saturday).
    await acknowledge(3);
    const created = await bot.post(
      executeAction('survey.create', { year: '2026', opensOn: '2026-11-02', closesOn: '2026-11-20', targetUnitIds: 'forskola-hagersten', reminderDaysBeforeClose: '7, 2' }, opts(COORDINATOR)),
    );
    expect(JSON.stringify(created.body.value)).toContain('Omgången är skapad');
    const roundId = (await queryAll<any>(bot.app.store, 'surveyRounds', {}))[0]!.id;
    await bot.post(executeAction('survey.start', { roundId }, opts(COORDINATOR)));
    expect(await waitForInvitations(bot.app.store, roundId, 5)).toEqual({ delivered: 5 });
    for (const m of team.slice(0, 2)) await bot.post(executeAction('survey.submit', validSurveyAnswer(roundId, 'forskola-hagersten'), opts(asPerson(m))));
    travelTo('2026-11-16T10:00:00+01:00');
    for (const n of [6, 7, 8]) await report(n, { eventDate: '2026-11-13', eventTypes: 'graffiti' });
    await report(9, { eventDate: '2026-11-14', eventTypes: 'symbol' });
    // In on Monday 16 November: 6 received after 1 working day, 7 after 3.
    travelTo('2026-11-17T10:00:00+01:00');
    await acknowledge(6);
    travelTo('2026-11-19T10:00:00+01:00');
    await acknowledge(7);
    // 3 is assessed and closed on 25 November, 36 days after it came in. (The coordinators' buttons
    // for these steps belong to the case flow; here the steps are written as its handler would.)
    travelTo('2026-11-25T10:00:00+01:00');
    const reports = new ConcernReports(bot.app.store);
    const stored = await reports.get(loadDistrictConfig().id, 2026, references.get(3)!);
    await reports.update(stored!, (current) => {
      let record = caseOf(current);
      for (const action of [{ kind: 'assess' }, { kind: 'close', outcome: 'no_action' }] as const) {
        const step = applyCaseAction(record, action, 'Samordnare Sara', clock());
        if (step.ok) record = step.case;
      }
      return { ...current, case: record };
    });
    await bot.stop();
  }, 90_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('comes once when the bot was down on the 1st and starts on the 3rd, with the figures the test created', async () => {
    connector.reset();
    // Tuesday 1 December 2026 is the first working day; the bot comes back on Thursday the 3rd.
    travelTo('2026-12-03T10:00:00+01:00');
    bot = await startTestBot({ dataDir, clock, scheduler: true });
    const posted = await waitForDigest(connector, 'Månadssammanfattning november 2026');
    const card = posted.activity.attachments[0].content;
    const check = checkCard(card);
    expect(check.errors).toEqual([]);
    expect(check.bytes).toBeLessThan(80 * 1024);
    const text = JSON.stringify(card);
    expect(headline(card)).toEqual({
      'Rapporter i november 2026': '4',
      'Mot oktober 2026': '+1 (då 3)',
      'Mot november 2025': '+2 (då 2)',
      'Öppna ärenden': '9',
    });
    // Open cases on 3 December, counted by hand, of any year: new 10, 1, 2, 4, 5 (over 30 days),
    // 8, 9 (17 days); received 6, 7 (17 days); 3 is closed.
    expect(tableRows(card)).toEqual(
      expect.arrayContaining([
        ['Läge', '0–7', '8–30', '>30', 'Alla'],
        ['Ny', '0', '2', '5', '7'],
        ['Mottagen', '0', '2', '0', '2'],
        ['Under bedömning', '0', '0', '0', '0'],
        ['Totalt', '0', '4', '5', '9'],
      ]),
    );
    // Received in November: 3 (9 working days), 6 (1), 7 (3): median 3. Closed in November: 3, after 36 days.
    const facts = (card.body as any[]).flatMap((element) => (element.type === 'Container' ? element.items : [])).find((element: any) => element.type === 'FactSet').facts;
    expect(facts).toEqual([
      { title: 'Tid till mottagen (median)', value: '3 arbetsdagar (3 rapporter)' },
      { title: 'Tid till avslut (median)', value: '36 dagar (1 ärende)' },
    ]);
    expect(text).toContain('Det äldsta öppna ärendet kom in för 723 dagar sedan.');
    expect(text).toContain('"x":"Klotter","y":3');
    expect(text).toContain('"x":"Person som burit symbol","y":1');
    expect(text).toContain('Utan VBE på dagordningen på 3 månader: 1 forum');
    expect(text).toContain('Trygghetsrådet');
    // Survey completion: 5 invited in förskolan, 2 answered.
    expect(text).toContain('Enkät: 2026 · 2026-11-02 – 2026-11-20');
    expect(tableRows(card)).toContainEqual(['Förskoleenheten Hägersten', '40\u00a0%', '2 av 5', '5 levererade, 0 nås inte']);
    // No report text, reference or reporter in a digest.
    expect(text).not.toMatch(/VBE-\d{4}-\d{4}|Rapportör|digest-\d/);

    // Restarted later the same month: no second digest.
    await bot.stop();
    travelTo('2026-12-04T10:00:00+01:00');
    bot = await startTestBot({ dataDir, clock, scheduler: true });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(digestsIn(connector, 'Månadssammanfattning november 2026')).toHaveLength(1);
    const runs = await queryAll<any>(bot.app.store, 'jobRuns', { partitionKey: 'digest' });
    expect(runs.map((run) => run.id)).toEqual(['digest:2026-11']);
  }, 60_000);

  it('comes on demand with `sammanfattning ÅÅÅÅ-MM`, for coordinators only', async () => {
    connector.reset();
    await bot.post(message('sammanfattning 2026-10', opts(STAFF)));
    expect((await connector.waitFor((a) => a.activity.text?.includes('bara samordnare'))).activity.text).toBeDefined();
    await bot.post(message('sammanfattning oktober', opts(COORDINATOR)));
    expect((await connector.waitFor((a) => a.activity.text?.includes('ÅÅÅÅ-MM'))).activity.text).toBeDefined();
    await bot.post(message('Sammanfattning 2026-10', opts(COORDINATOR)));
    const october = await waitForDigest(connector, 'Månadssammanfattning oktober 2026');
    expect(headline(october.activity.attachments[0].content)).toMatchObject({ 'Rapporter i oktober 2026': '3' });
  }, 30_000);
});

describe('the digest with two bot processes on one store', () => {
  let connector: FakeConnector;
  let bots: BotProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-digest-two-'));

  beforeAll(async () => {
    connector = await FakeConnector.start();
    const env = { DATA_DIR: dataDir, COORDINATOR_IDS: COORDINATOR.aadObjectId, OUTBOX_RETRY_SECONDS: '1' };
    bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    await postActivity(bots[0]!.url, channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await connector.close();
  });

  it('posts exactly one digest when both run the job at the same time', async () => {
    // Thursday 1 October 2026, 09:00: the September digest is due. Both instances' runs race.
    const now = '2026-10-01T09:00:00+02:00';
    const runs = await Promise.all([runCli(['jobs', 'run', 'digest', '--now', now], { DATA_DIR: dataDir }), runCli(['jobs', 'run', 'digest', '--now', now], { DATA_DIR: dataDir })]);
    const statuses = runs.map((run) => {
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout).status;
    });
    // One ran; the other found it done, or found the lease taken while it ran.
    expect(statuses.filter((status) => status === 'ran')).toHaveLength(1);
    await waitForDigest(connector, 'Månadssammanfattning september 2026');
    // Both processes' channel outboxes keep polling; give them time to (wrongly) post it again.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(digestsIn(connector, 'Månadssammanfattning september 2026')).toHaveLength(1);
  }, 60_000);
});
