import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, onOrBeforeWorkingDay } from '../../src/domain/calendar/working-days';
import { stockholmDate, stockholmInstant } from '../../src/domain/stockholm-time';
import { runCli } from '../support/cli';
import { CONTAINERS, queryAll } from '../../src/store/document-store';
import { COORDINATOR, STAFF, executeAction, message, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector, type FakeMember } from '../support/fake-connector';
import { surveyMember, validSurveyAnswer, waitForInvitations } from '../support/survey';

const member = surveyMember;
const answerData = (roundId: string, unit: string) => validSurveyAnswer(roundId, unit);

describe('the annual survey over HTTP', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const forskola = [1, 2, 3].map((n) => member(n, 'forskola'));
  const noApp = member(4, 'forskola');
  const ungFritid = Array.from({ length: 102 }, (_, i) => member(100 + i, 'ung'));
  const vuxen = [member(300, 'vuxen'), member(301, 'vuxen')];
  const asPerson = (m: FakeMember): Person => ({ id: m.id, name: m.name, aadObjectId: m.aadObjectId });
  let roundId = '';
  // The bot's clock: real time until a test travels to the day a job was run for; it runs on from there.
  let travel = 0;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam('19:forskola-hagersten@thread.tacv2', [...forskola, noApp]);
    // Paged roster (over 100), and one person from förskolan in this team too.
    connector.addTeam('19:ung-fritid@thread.tacv2', [forskola[0]!, ...ungFritid, { id: '28:other-bot', name: 'Bot', aadObjectId: '', userRole: 'bot' }]);
    connector.addTeam('19:ifo-vuxen@thread.tacv2', vuxen);
    connector.addUser(noApp, { appInstalled: false });
    bot = await startTestBot({ clock: () => new Date(Date.now() + travel) });
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  const opts = (from: Person) => ({ serviceUrl: connector.serviceUrl, from });

  it('lets a coordinator create and start a round; refuses staff', async () => {
    await bot.post(message('enkät admin', opts(COORDINATOR)));
    const admin = await connector.waitFor((a) => a.activity.attachments?.length > 0);
    expect(JSON.stringify(admin.activity.attachments[0].content)).toContain('Enkätomgångar');

    const today = stockholmDate(new Date());
    const created = await bot.post(
      executeAction(
        'survey.create',
        { year: today.slice(0, 4), opensOn: today, closesOn: addDays(today, 20), targetUnitIds: 'forskola-hagersten,ung-fritid,socialtjanst-vuxen', reminderDaysBeforeClose: '7, 2' },
        opts(COORDINATOR),
      ),
    );
    expect(JSON.stringify(created.body.value)).toContain('Omgången är skapad');
    roundId = (await queryAll<any>(bot.app.store, 'surveyRounds', {}))[0]!.id;

    const forbidden = await bot.post(executeAction('survey.start', { roundId }, opts(STAFF)));
    expect(forbidden.body.value).toMatch(/bara samordnare/);

    const started = await bot.post(executeAction('survey.start', { roundId }, opts(COORDINATOR)));
    // 4 in förskolan (one without the app), 102 in ung fritid minus the one counted in förskolan, 2 in vuxen.
    expect(JSON.stringify(started.body.value)).toContain('108 personer får enkäten');
  });

  it('delivers one card to each person, marks the one without the app unreachable', async () => {
    const status = await waitForInvitations(bot.app.store, roundId, 108);
    expect(status).toEqual({ delivered: 107, unreachable: 1 });
    const surveyCards = connector.activities.filter((a) => JSON.stringify(a.activity.attachments ?? []).includes('survey.submit'));
    expect(surveyCards).toHaveLength(107);
    expect(new Set(surveyCards.map((a) => a.conversationId)).size).toBe(107);
  }, 30_000);

  it('takes one anonymous answer per person, refuses a forged second one and the uninvited', async () => {
    const answered = [forskola[0]!, forskola[1]!, ungFritid[0]!];
    for (const m of answered) {
      const response = await bot.post(executeAction('survey.submit', answerData(roundId, 'ung-fritid'), opts(asPerson(m))));
      expect(JSON.stringify(response.body.value)).toContain('Tack för dina svar');
    }
    const second = await bot.post(executeAction('survey.submit', answerData(roundId, 'ung-fritid'), opts(asPerson(forskola[0]!))));
    expect(JSON.stringify(second.body.value)).toContain('redan svarat');
    const stranger = await bot.post(executeAction('survey.submit', answerData(roundId, 'ung-fritid'), opts(STAFF)));
    expect(JSON.stringify(stranger.body.value)).toContain('inte med bland dem');
    const withPhone = await bot.post(executeAction('survey.submit', { ...answerData(roundId, 'ung-fritid'), q_comment: 'Ring 08-123 456 78' }, opts(asPerson(vuxen[0]!))));
    expect(JSON.stringify(withPhone.body.value)).toContain('telefonnummer');
    expect(JSON.stringify(withPhone.body.value)).toContain('Ring 08-123 456 78'); // kept for correcting
    expect(await bot.app.store.count('surveyAnswers', {})).toBe(3);

    // Read every record: answers hold no id, name or conversation of any respondent.
    const answers = JSON.stringify(await queryAll(bot.app.store, 'surveyAnswers', {}));
    for (const m of answered) {
      expect(answers).not.toContain(m.aadObjectId);
      expect(answers).not.toContain(m.name);
      expect(answers).not.toContain(m.id);
    }
    expect(answers).not.toMatch(/a:|T\d{2}:\d{2}/);
    const participation = JSON.stringify(await queryAll(bot.app.store, 'surveyParticipation', {}));
    for (const m of answered) expect(participation).not.toContain(m.aadObjectId);
    expect(CONTAINERS).toContain('surveyAnswers');
  });

  it('shows exact completion figures per unit to the coordinator', async () => {
    const response = await bot.post(executeAction('survey.status', { roundId }, opts(COORDINATOR)));
    const rows = (response.body.value.body[2].rows as any[]).slice(1).map((row) => row.cells.map((cell: any) => String(cell.items[0].text).replace(/\u00a0/g, ' ')));
    expect(rows).toEqual([
      // Rate, answered of invited, delivered and unreachable: the five figures in columns that fit.
      ['Förskoleenheten Hägersten', '50 %', '2 av 4', '3 levererade, 1 nås inte'],
      ['Enheten för ung fritid', '1 %', '1 av 102', '102 levererade, 0 nås inte'],
      ['Socialtjänsten, vuxen', '0 %', '0 av 2', '2 levererade, 0 nås inte'],
      ['Totalt', '3 %', '3 av 108', '107 levererade, 1 nås inte'],
    ]);
  });

  it('reminds, on a reminder day within office hours, only those invited who have not answered', async () => {
    const round = (await queryAll<any>(bot.app.store, 'surveyRounds', {}))[0]!.body;
    const reminderDay = onOrBeforeWorkingDay(addDays(round.closesOn, -2));
    const at = (time: string) => stockholmInstant(reminderDay, time).toISOString();
    const env = { DATA_DIR: bot.dataDir };
    expect(JSON.parse((await runCli(['jobs', 'run', 'survey-reminders', '--now', at('08:30')], env)).stdout)).toMatchObject({ status: 'not_due' });
    expect(JSON.parse((await runCli(['jobs', 'run', 'survey-reminders', '--now', at('16:30')], env)).stdout)).toMatchObject({ status: 'not_due' });
    const created = connector.createdConversations.length;
    const run = JSON.parse((await runCli(['jobs', 'run', 'survey-reminders', '--now', at('10:00')], env)).stdout);
    // 107 reached, 3 answered: 104 reminders; the one without the app is not reminded.
    expect(run).toMatchObject({ status: 'ran', rounds: 1, reminded: 104 });
    expect(JSON.parse((await runCli(['jobs', 'run', 'survey-reminders', '--now', at('14:00')], env)).stdout)).toMatchObject({ status: 'already_ran' });

    // The reminders are due at the time the job ran for; the running bot sends them when it gets there.
    travel = Date.parse(at('10:01')) - Date.now();
    const answeredIds = new Set([forskola[0]!, forskola[1]!, ungFritid[0]!].map((m) => m.aadObjectId));
    const deadline = Date.now() + 20_000;
    let reminders: any[] = [];
    while (Date.now() < deadline) {
      reminders = (await queryAll<any>(bot.app.store, 'outbox', {})).filter((record) => record.partitionKey.includes(':reminder-'));
      if (reminders.every((record) => record.body.delivery.state === 'delivered')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(reminders).toHaveLength(104);
    expect(reminders.every((record) => record.body.delivery.state === 'delivered')).toBe(true);
    expect(reminders.some((record) => answeredIds.has(record.body.recipient.aadObjectId))).toBe(false);
    // The 1:1 chats are reused: no new conversations.
    expect(connector.createdConversations.length).toBe(created);
    // A reminder says it is one, and the last day; the invitation did not.
    const surveyCardTexts = connector.activities.map((a) => JSON.stringify(a.activity.attachments ?? [])).filter((text) => text.includes('survey.submit'));
    expect(surveyCardTexts.filter((text) => text.includes('Påminnelse: du har inte svarat ännu. Sista dagen att svara är'))).toHaveLength(104);
    expect(surveyCardTexts.filter((text) => text.includes('Svara senast')).length).toBeGreaterThan(0);
    travel = 0;
  }, 60_000);

  it('answers `enkät` according to the person’s standing', async () => {
    connector.reset();
    await bot.post(message('enkät', opts(asPerson(forskola[0]!))));
    await bot.post(message('enkät', opts(asPerson(forskola[2]!))));
    await bot.post(message('enkät', opts(STAFF)));
    const replies = connector.activities.map((a) => a.activity.text ?? JSON.stringify(a.activity.attachments));
    expect(replies[0]).toContain('redan svarat');
    expect(replies[1]).toContain('survey.submit');
    expect(replies[2]).toContain('inte med bland dem');
  });
});
