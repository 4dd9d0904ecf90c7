import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/working-days';
import { stockholmDate } from '../../src/domain/stockholm-time';
import { queryAll } from '../../src/store/document-store';
import { COORDINATOR, STAFF, executeAction, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector } from '../support/fake-connector';
import { surveyMember, waitForInvitations } from '../support/survey';
import { checkCard } from '../support/validate-card';

const HAGERSTEN = '19:forskola-hagersten@thread.tacv2';
// The district config maps Förskoleenheten Älvsjö to this team, but the app was never added to it:
// the fake connector, like Teams, answers its roster with 404 "ConversationNotFound".
const ALVSJO = '19:forskola-alvsjo@thread.tacv2';
const UNG = '19:ung-fritid@thread.tacv2';
const VUXEN = '19:ifo-vuxen@thread.tacv2';

/** Coordinators' round management over HTTP: starting with teams that cannot be read, and drafts. */
describe('survey rounds for coordinators, over HTTP', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const today = stockholmDate(new Date());
  const opts = (from: Person, locale = 'sv-SE') => ({ serviceUrl: connector.serviceUrl, from, locale });
  const act = async (verb: string, data: Record<string, unknown>, from: Person = COORDINATOR, locale?: string) => {
    const response = await bot.post(executeAction(verb, data, opts(from, locale)));
    expect(response.status).toBe(200);
    return response.body.value;
  };
  const rounds = async () => (await queryAll<any>(bot.app.store, 'surveyRounds', {})).map((document) => document.body);
  const outboxCount = (roundId: string) => bot.app.store.count('outbox', { partitionKey: roundId });
  const texts = (card: unknown) => JSON.stringify(card);
  const round = (fields: Record<string, string>) => ({ year: today.slice(0, 4), reminderDaysBeforeClose: '2', ...fields });
  let roundId = '';

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam(HAGERSTEN, [1, 2, 3].map((n) => surveyMember(n, 'hagersten')));
    connector.addTeam(UNG, [10, 11].map((n) => surveyMember(n, 'ung')));
    connector.addTeam(VUXEN, [20].map((n) => surveyMember(n, 'vuxen')));
    bot = await startTestBot();
    const created = await act(
      'survey.create',
      round({ opensOn: today, closesOn: addDays(today, 20), targetUnitIds: 'forskola-hagersten,forskola-alvsjo,ung-fritid,socialtjanst-vuxen' }),
    );
    expect(texts(created)).toContain('Omgången är skapad');
    roundId = (await rounds())[0]!.id;
  }, 30_000);
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
  });

  it('a roster read that fails with 503 is "try again shortly": nothing is queued, and "Starta ändå" is not offered', async () => {
    connector.setDown({ status: 503 }, { pathIncludes: `/v3/conversations/${UNG}/pagedmembers` });
    try {
      const card = await act('survey.start', { roundId });
      expect(checkCard(card).errors).toEqual([]);
      expect(texts(card)).toContain('Teams svarade inte när medlemmarna i de här teamen skulle läsas');
      expect(texts(card)).toContain(`Enheten för ung fritid (team ${UNG}): Teams svarade inte i tid.`);
      expect(texts(card)).toContain('Tryck Starta igen om en stund.');
      expect(texts(card)).not.toContain('Starta ändå');
      // A forged "Starta ändå" does not skip a team that only failed for now.
      expect(texts(await act('survey.start', { roundId, startAnyway: true }))).toContain('Teams svarade inte i tid');
      expect(await outboxCount(roundId)).toBe(0);
      expect((await rounds())[0]).toMatchObject({ state: 'draft' });
    } finally {
      connector.setDown(false);
    }
  }, 60_000);

  it('a team the app is not in is named by unit and team id with what to do; nothing is queued until "Starta ändå"', async () => {
    const card = await act('survey.start', { roundId });
    expect(checkCard(card).errors).toEqual([]);
    const json = texts(card);
    expect(json).toContain('Enkäten är inte skickad till någon.');
    expect(json).toContain(`Förskoleenheten Älvsjö (team ${ALVSJO}): Teams ger inte appen tillgång till teamet. Appen måste läggas till i teamet i Teams`);
    expect(json).not.toContain('Enheten för ung fritid (team'); // read fine this time
    expect(json).not.toContain('Något gick fel');
    expect(json).toMatch(/"title":"Starta ändå","verb":"survey\.start","associatedInputs":"none","data":\{"roundId":"[^"]+","startAnyway":true\}/);
    expect(await outboxCount(roundId)).toBe(0);
    expect((await rounds())[0]).toMatchObject({ state: 'draft' });

    // The same card for an English-speaking coordinator.
    const english = await act('survey.start', { roundId }, COORDINATOR, 'en-GB');
    expect(checkCard(english).errors).toEqual([]);
    expect(texts(english)).toContain('The app must be added to the team in Teams');
    expect(texts(english)).toContain('Start anyway');
  });

  it('"Starta ändå" queues for the readable teams and the round records the unit it did not reach', async () => {
    const card = await act('survey.start', { roundId, startAnyway: true });
    expect(checkCard(card).errors).toEqual([]);
    expect(texts(card)).toContain(`Omgången är startad: 6 personer får enkäten. Nåddes inte: Förskoleenheten Älvsjö (team ${ALVSJO}).`);
    expect(await waitForInvitations(bot.app.store, roundId, 6)).toEqual({ delivered: 6 });
    expect((await rounds())[0]).toMatchObject({ state: 'open', notReached: [{ unitId: 'forskola-alvsjo', teamId: ALVSJO, problem: 'not_found', wholeUnit: true }] });

    const status = await act('survey.status', { roundId });
    expect(checkCard(status).errors).toEqual([]);
    const rows = (status.body.find((element: any) => element.type === 'Table').rows as any[])
      .slice(1)
      .map((row) => row.cells.map((cell: any) => String(cell.items[0].text).replace(/\u00a0/g, ' ')));
    expect(rows).toEqual([
      ['Förskoleenheten Hägersten', '0 %', '0 av 3', '3 levererade, 0 nås inte'],
      ['Förskoleenheten Älvsjö (nåddes inte)', '–', '0 av 0', '0 levererade, 0 nås inte'],
      ['Enheten för ung fritid', '0 %', '0 av 2', '2 levererade, 0 nås inte'],
      ['Socialtjänsten, vuxen', '0 %', '0 av 1', '1 levererade, 0 nås inte'],
      ['Totalt', '0 %', '0 av 6', '6 levererade, 0 nås inte'],
    ]);
    expect(texts(status)).toContain('fick ingen enkät och räknas inte bland de inbjudna');
    // The admin card keeps saying who was not reached.
    expect(texts(await act('survey.edit', { roundId }))).toContain(`Nåddes inte: Förskoleenheten Älvsjö (team ${ALVSJO}).`);
  }, 30_000);

  it('an open round can be neither edited nor deleted', async () => {
    const deleted = await act('survey.delete', { roundId });
    expect(checkCard(deleted).errors).toEqual([]);
    expect(texts(deleted)).toContain('Omgången är startad och kan inte ändras eller tas bort.');
    const edited = await act('survey.update', { roundId, ...round({ opensOn: today, closesOn: addDays(today, 25), targetUnitIds: 'ung-fritid' }) });
    expect(texts(edited)).toContain('Omgången är startad och kan inte ändras eller tas bort.');
    expect(texts(await act('survey.edit', { roundId }))).toContain('Omgången är startad och kan inte ändras eller tas bort.');
    expect((await rounds()).find((stored) => stored.id === roundId)).toMatchObject({ state: 'open', closesOn: addDays(today, 20), targetUnitIds: ['forskola-hagersten', 'forskola-alvsjo', 'ung-fritid', 'socialtjanst-vuxen'] });
  });

  it('a draft that blocks a later round is named by its dates, then edited, then deleted after a confirmation', async () => {
    const draftDates = { opensOn: addDays(today, 30), closesOn: addDays(today, 50) };
    expect(texts(await act('survey.create', round({ ...draftDates, targetUnitIds: 'ung-fritid' })))).toContain('Omgången är skapad');
    const draft = (await rounds()).find((stored) => stored.state === 'draft')!;

    const clash = round({ opensOn: addDays(today, 40), closesOn: addDays(today, 60), targetUnitIds: 'socialtjanst-vuxen' });
    const refused = await act('survey.create', clash);
    expect(checkCard(refused).errors).toEqual([]);
    expect(texts(refused)).toContain(`Dagarna överlappar utkastet ${draftDates.opensOn} – ${draftDates.closesOn}. Välj andra dagar, eller ändra eller ta bort det utkastet.`);
    expect(texts(refused)).not.toMatch(/round: /);

    // "Ändra": the form holds the draft's values and saves with "Spara ändringar".
    const form = await act('survey.edit', { roundId: draft.id });
    expect(checkCard(form).errors).toEqual([]);
    const inputs = Object.fromEntries((form.body as any[]).filter((element) => element.id).map((element) => [element.id, element.value]));
    expect(inputs).toEqual({ year: today.slice(0, 4), ...draftDates, targetUnitIds: 'ung-fritid', reminderDaysBeforeClose: '2' });
    expect(form.actions).toEqual([expect.objectContaining({ title: 'Spara ändringar', verb: 'survey.update', data: { roundId: draft.id } })]);
    expect(checkCard(await act('survey.edit', { roundId: draft.id }, COORDINATOR, 'en-GB')).errors).toEqual([]);

    // A refused edit keeps the form on the draft, with the typed values and the problem in words.
    const badEdit = await act('survey.update', { roundId: draft.id, ...round({ ...draftDates, closesOn: addDays(today, 29), targetUnitIds: 'ung-fritid' }) });
    expect(checkCard(badEdit).errors).toEqual([]);
    expect(texts(badEdit)).toContain('Stängningsdagen ligger före öppningsdagen.');
    expect(badEdit.actions[0]).toMatchObject({ verb: 'survey.update', data: { roundId: draft.id } });

    const saved = await act('survey.update', { roundId: draft.id, ...round({ ...draftDates, closesOn: addDays(today, 35), targetUnitIds: 'ung-fritid,socialtjanst-vuxen' }) });
    expect(texts(saved)).toContain('Utkastet är sparat.');
    expect((await rounds()).find((stored) => stored.id === draft.id)).toMatchObject({ state: 'draft', closesOn: addDays(today, 35), targetUnitIds: ['ung-fritid', 'socialtjanst-vuxen'] });
    // The edit freed the days the other round wanted.
    expect(texts(await act('survey.create', clash))).toContain('Omgången är skapad');

    // "Ta bort" asks first; only "Ja, ta bort utkastet" deletes.
    const admin = await act('survey.edit', { roundId: draft.id });
    const remove = JSON.stringify(admin).match(/\{"type":"Action\.ShowCard","title":"Ta bort".*?"verb":"survey\.delete"[^}]*\}/)?.[0] ?? '';
    expect(remove).toContain('"title":"Ja, ta bort utkastet"');
    const deleted = await act('survey.delete', { roundId: draft.id });
    expect(checkCard(deleted).errors).toEqual([]);
    expect(texts(deleted)).toContain('Utkastet är borttaget.');
    expect((await rounds()).map((stored) => stored.id)).not.toContain(draft.id);
    expect(texts(await act('survey.delete', { roundId: draft.id }))).toContain('Omgången finns inte längre.');
  });

  it('refuses the forged coordinator verbs from staff and changes nothing', async () => {
    const draft = (await rounds()).find((stored) => stored.state === 'draft')!;
    const before = await rounds();
    for (const [verb, data] of [
      ['survey.edit', { roundId: draft.id }],
      ['survey.update', { roundId: draft.id, ...round({ opensOn: addDays(today, 70), closesOn: addDays(today, 80), targetUnitIds: 'ung-fritid' }) }],
      ['survey.delete', { roundId: draft.id }],
      ['survey.start', { roundId: draft.id, startAnyway: true }],
    ] as const) {
      expect(await act(verb, data, STAFF)).toMatch(/bara samordnare/);
    }
    expect(await rounds()).toEqual(before);
  });
});
