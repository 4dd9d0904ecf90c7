import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/working-days';
import { stockholmDate } from '../../src/domain/stockholm-time';
import { queryAll } from '../../src/store/document-store';
import { COORDINATOR, STAFF, executeAction, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { runCli } from '../support/cli';
import { FakeConnector, type FakeMember } from '../support/fake-connector';
import { surveyMember, validSurveyAnswer, waitForInvitations } from '../support/survey';
import { checkCard } from '../support/validate-card';

const asPerson = (m: FakeMember): Person => ({ id: m.id, name: m.name, aadObjectId: m.aadObjectId });

/** The rows of a Table element as plain text, header first. */
function tableRows(card: any): string[][] {
  const tables: any[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Table') tables.push(node);
    Object.values(node).forEach(walk);
  };
  walk(card);
  return (tables[0]?.rows ?? []).map((row: any) => row.cells.map((cell: any) => String(cell.items[0].text).replace(/\u00a0/g, ' ')));
}

/**
 * A round to three units where förskolan answers `forskolaAnswers` times, ung fritid 6 and vuxen 5,
 * closed by the coordinator; returns what the coordinator and the operator then see.
 */
async function runRound(connector: FakeConnector, bot: TestBot, forskolaAnswers: number) {
  const units = {
    'forskola-hagersten': Array.from({ length: 6 }, (_, i) => surveyMember(1 + i, 'forskola')),
    'ung-fritid': Array.from({ length: 8 }, (_, i) => surveyMember(100 + i, 'ung')),
    'socialtjanst-vuxen': Array.from({ length: 6 }, (_, i) => surveyMember(200 + i, 'vuxen')),
  };
  connector.addTeam('19:forskola-hagersten@thread.tacv2', units['forskola-hagersten']);
  connector.addTeam('19:ung-fritid@thread.tacv2', units['ung-fritid']);
  connector.addTeam('19:ifo-vuxen@thread.tacv2', units['socialtjanst-vuxen']);
  const opts = (from: Person) => ({ serviceUrl: connector.serviceUrl, from });
  const today = stockholmDate(new Date());
  await bot.post(
    executeAction(
      'survey.create',
      { year: today.slice(0, 4), opensOn: today, closesOn: addDays(today, 14), targetUnitIds: Object.keys(units).join(','), reminderDaysBeforeClose: '7, 2' },
      opts(COORDINATOR),
    ),
  );
  const roundId = (await queryAll<any>(bot.app.store, 'surveyRounds', {}))[0]!.id as string;
  await bot.post(executeAction('survey.start', { roundId }, opts(COORDINATOR)));
  expect(await waitForInvitations(bot.app.store, roundId, 20)).toEqual({ delivered: 20 });

  const answering: Array<[FakeMember, string]> = [
    ...units['forskola-hagersten'].slice(0, forskolaAnswers).map((m): [FakeMember, string] => [m, 'forskola-hagersten']),
    ...units['ung-fritid'].slice(0, 6).map((m): [FakeMember, string] => [m, 'ung-fritid']),
    ...units['socialtjanst-vuxen'].slice(0, 5).map((m): [FakeMember, string] => [m, 'socialtjanst-vuxen']),
  ];
  for (const [index, [m, unit]] of answering.entries()) {
    const overrides = { q_problem: String((index % 5) + 1), q_comment: index === 0 ? 'Klistermärken vid busshållplatsen' : '' };
    const response = await bot.post(executeAction('survey.submit', validSurveyAnswer(roundId, unit, overrides), opts(asPerson(m))));
    expect(JSON.stringify(response.body.value)).toContain('Tack för dina svar');
  }

  // Before close: no results, so no figure moves while answers arrive.
  const early = await bot.post(executeAction('survey.results', { roundId }, opts(COORDINATOR)));
  expect(JSON.stringify(early.body.value)).toContain('först när omgången har stängt');
  await bot.post(executeAction('survey.close', { roundId }, opts(COORDINATOR)));

  const forbidden = await bot.post(executeAction('survey.results', { roundId }, opts(STAFF)));
  expect(JSON.stringify(forbidden.body.value)).toContain('bara samordnare');
  const results = await bot.post(executeAction('survey.results', { roundId }, opts(COORDINATOR)));
  const card = results.body.value;
  const check = checkCard(card);
  expect(check.errors).toEqual([]);
  expect(check.bytes).toBeLessThan(40_000);
  const csv = await runCli(['survey', 'results', roundId], { DATA_DIR: bot.dataDir });
  expect(csv.status).toBe(0);
  return { roundId, card, csv: csv.stdout, answered: answering.map(([m]) => m) };
}

describe('survey results after close', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  afterEach(async () => {
    await bot.stop();
    await connector.close();
  });

  it('hides a unit with 4 answers, and a second one so the first cannot be worked out from the total', async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot();
    const { card, csv, answered } = await runRound(connector, bot, 4);
    const text = JSON.stringify(card);
    expect(text).toContain('15 svar.');
    // Only ung fritid is shown per unit; förskolan (4) and the smallest other unit (vuxen, 5) are hidden.
    expect(tableRows(card).slice(1).map((row) => row.slice(0, 2))).toEqual([['Enheten för ung fritid', '6']]);
    expect(text).toMatch(/Visas inte per enhet[^"]*Förskoleenheten Hägersten, Socialtjänsten, vuxen/);
    // 15 answers overall: comments are shown in the total view.
    expect(text).toContain('Klistermärken vid busshållplatsen');

    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('question,value,unit,count');
    expect(lines).toContain('answers,,total,15');
    expect(lines).toContain('answers,,ung-fritid,6');
    expect(csv).not.toContain('forskola-hagersten');
    expect(csv).not.toContain('socialtjanst-vuxen');
    // Aggregates only: no comment text, no person.
    expect(csv).not.toContain('Klistermärken');
    for (const m of answered) {
      expect(csv).not.toContain(m.aadObjectId);
      expect(text).not.toContain(m.aadObjectId);
      expect(text).not.toContain(m.name);
    }
    // Total counts add up: q_problem values 1..5 over 15 answers, three of each.
    expect(lines.filter((line) => line.startsWith('q_problem,') && line.endsWith(',total,3'))).toHaveLength(5);
    const audit = await queryAll<any>(bot.app.store, 'audit', {});
    expect(audit.map((entry) => entry.body.action)).toContain('survey.results_exported');
  }, 60_000);

  it('shows the unit once it has 5 answers', async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot();
    const { card, csv, roundId } = await runRound(connector, bot, 5);
    expect(tableRows(card).slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['Förskoleenheten Hägersten', '5'],
      ['Enheten för ung fritid', '6'],
      ['Socialtjänsten, vuxen', '5'],
    ]);
    expect(JSON.stringify(card)).not.toContain('Visas inte per enhet');
    const lines = csv.trim().split('\r\n');
    expect(lines).toContain('answers,,forskola-hagersten,5');
    expect(lines).toContain('answers,,total,16');

    // 46 days after close the invitations, which name every recipient, are gone; the figures stay.
    const statusBefore = await bot.post(executeAction('survey.status', { roundId }, { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    const soon = await runCli(['jobs', 'run', 'retention', '--now', new Date(Date.now() + 30 * 86_400_000).toISOString()], { DATA_DIR: bot.dataDir });
    expect(JSON.parse(soon.stdout)).toMatchObject({ status: 'ran', surveyRecipients: 0 });
    const later = await runCli(['jobs', 'run', 'retention', '--now', new Date(Date.now() + 46 * 86_400_000).toISOString()], { DATA_DIR: bot.dataDir });
    expect(JSON.parse(later.stdout)).toMatchObject({ status: 'ran', surveyRecipients: 20 });
    expect(await bot.app.store.count('outbox', {})).toBe(0);
    const statusAfter = await bot.post(executeAction('survey.status', { roundId }, { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    expect(tableRows(statusAfter.body.value)).toEqual(tableRows(statusBefore.body.value));
    expect(tableRows(statusAfter.body.value)).toContainEqual(['Totalt', '80 %', '16 av 20', '20 levererade, 0 nås inte']);
  }, 60_000);
});
