import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISTRICT_FILE } from '../../src/paths';
import { readFollowUpRows } from '../../src/services/activity-service';
import { queryAll } from '../../src/store/document-store';
import { COORDINATOR, executeAction, message, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { runCli } from '../support/cli';
import { FakeConnector, type FakeMember, type RecordedActivity } from '../support/fake-connector';
import { checkCard } from '../support/validate-card';
import { readDocx } from '../support/docx';
import { stringsFor } from '../../src/domain/i18n';

const MONA: FakeMember = { id: '29:mona-rektor', name: 'Mona Rektor', aadObjectId: '33333333-3333-4333-8333-000000000011' };
const OLLE: FakeMember = { id: '29:olle-enhetschef', name: 'Olle Enhetschef', aadObjectId: '33333333-3333-4333-8333-000000000012' };
const asPerson = (m: FakeMember): Person => ({ id: m.id, name: m.name, aadObjectId: m.aadObjectId });
const asUser = (m: FakeMember) => ({ aadObjectId: m.aadObjectId, name: m.name, userId: m.id });

/** The shipped district with two of the plan's activities answered for by people in Teams. */
function districtFile(dataDir: string): string {
  const district = parse(readFileSync(DEFAULT_DISTRICT_FILE, 'utf8'));
  district.activities = [
    {
      id: 'skolprogram',
      category: 'preventive',
      title: district.activities[0].title,
      responsible: { role: 'Enhetschef och bitr. enhetschef, Enheten för ung fritid', users: [asUser(MONA), asUser(OLLE)] },
      schedule: 'ongoing',
    },
    {
      id: 'vbe-teamet',
      category: 'preventing',
      title: 'Berörda verksamheter ska samverka med stadens VBE-team om detta blir aktuellt',
      responsible: { role: 'Enhetschef Familjeenheten', users: [asUser(OLLE)] },
      schedule: 'ongoing',
    },
    { id: 'utan-ansvarig', category: 'competence', title: 'Berörd personal deltar i de föreläsningar som anordnas av staden.', responsible: { role: 'Förvaltningens enhetschefer' }, schedule: 'ongoing' },
  ];
  const path = join(dataDir, 'district.json');
  writeFileSync(path, JSON.stringify(district));
  return path;
}

/**
 * The yearly follow-up in 2025, when 1 November is a Saturday and Alla helgons dag: the cards go
 * out on Monday 3 November, the reminder five working days later, on Monday 10 November.
 */
describe('the yearly follow-up of the action plan’s activities, over HTTP', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  let travel = 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-activity-followup-'));
  const env = () => ({ DATA_DIR: dataDir, DISTRICT_CONFIG: join(dataDir, 'district.json') });
  const travelTo = (iso: string) => (travel = Date.parse(iso) - Date.now());
  const runJob = async (iso: string) => {
    travelTo(iso);
    const run = await runCli(['jobs', 'run', 'activity-followup', '--now', iso], env());
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout);
  };
  const followUpCards = (reminder: boolean) =>
    connector.activities.filter((a) => {
      const text = JSON.stringify(a.activity.attachments?.[0]?.content ?? {});
      return text.includes('"verb":"activity.followup.answer"') && text.includes('Påminnelse:') === reminder;
    });
  /** Who got a card about which activity: "<aad>/<activity id>". */
  const recipients = (cards: RecordedActivity[]) =>
    cards.map((a) => `${a.conversationId.slice(-36)}/${/"activityId":"([^"]+)"/.exec(JSON.stringify(a.activity.attachments[0].content))![1]}`).sort();
  const waitForCount = async (reminder: boolean, count: number) => {
    const deadline = Date.now() + 15_000;
    while (followUpCards(reminder).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return followUpCards(reminder);
  };
  const opts = (from: Person, locale?: string) => ({ serviceUrl: connector.serviceUrl, from, ...(locale ? { locale } : {}) });

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam('19:ung-fritid@thread.tacv2', [MONA, OLLE]);
    districtFile(dataDir);
    travelTo('2025-10-20T10:00:00+02:00');
    bot = await startTestBot({ dataDir, env: { DISTRICT_CONFIG: env().DISTRICT_CONFIG }, clock: () => new Date(Date.now() + travel) });
    // Any turn tells the bot which connector the district's Teams uses (for the 1:1 chats).
    await bot.post(message('aktiviteter', opts(COORDINATOR)));
    await connector.waitFor((a) => JSON.stringify(a.activity.attachments ?? []).includes('activity.save'));
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('is not due on the weekend holiday, then sends one card per person and activity, once, though two processes run it at once', async () => {
    expect(await runJob('2025-10-31T10:00:00+01:00')).toMatchObject({ status: 'not_due' });
    expect(await runJob('2025-11-01T10:00:00+01:00')).toMatchObject({ status: 'not_due' });
    expect(await runJob('2025-11-03T08:30:00+01:00')).toMatchObject({ status: 'not_due' });

    const now = '2025-11-03T09:05:00+01:00';
    travelTo(now);
    const runs = await Promise.all([0, 1].map(() => runCli(['jobs', 'run', 'activity-followup', '--now', now], env())));
    const outcomes = runs.map((run) => JSON.parse(run.stdout));
    expect(outcomes.filter((outcome) => outcome.status === 'ran')).toEqual([expect.objectContaining({ year: 2025, activities: 2, asked: 3, reminded: 0 })]);
    // Later the same day, and the next working day: nobody is asked again.
    expect(await runJob('2025-11-03T14:00:00+01:00')).toMatchObject({ status: 'already_ran' });
    expect(await runJob('2025-11-04T09:05:00+01:00')).toMatchObject({ status: 'ran', asked: 0, reminded: 0 });

    const cards = await waitForCount(false, 3);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // time for a (wrong) second send
    expect(recipients(followUpCards(false))).toEqual(
      [`${MONA.aadObjectId}/activity-skolprogram`, `${OLLE.aadObjectId}/activity-skolprogram`, `${OLLE.aadObjectId}/activity-vbe-teamet`].sort(),
    );
    const card = cards[0]!.activity.attachments[0].content;
    expect(checkCard(card).errors).toEqual([]);
    expect(JSON.stringify(card)).toContain('Uppföljning 2025 av handlingsplanen mot våldsbejakande extremism');
  }, 90_000);

  it('refuses identifying data and keeps the text, and someone not responsible; stores an answer without text in the audit log', async () => {
    const answer = { activityId: 'activity-vbe-teamet', year: '2025', status: 'on_track', nextYear: 'Samma upplägg nästa år.' };
    const refused = await bot.post(executeAction('activity.followup.answer', { ...answer, whatWasDone: 'Samverkan kring en elev, ring Olle på 070-123 45 67' }, opts(asPerson(OLLE))));
    const refusedCard = JSON.stringify(refused.body.value);
    expect(refusedCard).toContain('Samverkan kring en elev, ring Olle på 070-123 45 67');
    expect(refusedCard).toContain('Samma upplägg nästa år.');
    expect(refusedCard).toContain('telefonnummer');
    expect(refusedCard).toContain('"value":"on_track"');
    expect(checkCard(refused.body.value).errors).toEqual([]);
    expect(await bot.app.store.count('activityFollowUps', {})).toBe(0);

    const english = await bot.post(executeAction('activity.followup.answer', { ...answer, whatWasDone: 'Ring 070-123 45 67' }, opts(asPerson(OLLE), 'en-GB')));
    expect(JSON.stringify(english.body.value)).toContain('could identify a person (phone number)');

    const stranger = await bot.post(executeAction('activity.followup.answer', { ...answer, whatWasDone: 'Klart.' }, opts(asPerson(MONA))));
    expect(stranger.body.value).toContain('besvaras av de ansvariga för aktiviteten');

    const saved = await bot.post(executeAction('activity.followup.answer', { ...answer, whatWasDone: 'Två samråd med VBE-teamet under året.' }, opts(asPerson(OLLE))));
    expect(JSON.stringify(saved.body.value)).toContain('Tack! Uppföljningen 2025 av aktiviteten är sparad.');
    expect((await bot.app.store.read<any>('activityFollowUps', '2025', 'activity-vbe-teamet'))?.body).toMatchObject({ status: 'on_track', answeredBy: { name: OLLE.name } });
    const audit = (await queryAll<any>(bot.app.store, 'audit', {})).map((entry) => entry.body).filter((entry) => entry.action === 'activity.followup_answered');
    expect(audit).toEqual([{ at: expect.any(String), actor: { kind: 'staff', aadObjectId: OLLE.aadObjectId, name: OLLE.name }, action: 'activity.followup_answered', subject: 'activity-vbe-teamet:2025' }]);
  });

  it('reminds only those whose activity is still unanswered, once, five working days after the card', async () => {
    expect(await runJob('2025-11-07T09:05:00+01:00')).toMatchObject({ status: 'ran', reminded: 0 });
    expect(await runJob('2025-11-10T09:05:00+01:00')).toMatchObject({ status: 'ran', asked: 0, reminded: 2 });
    expect(await runJob('2025-11-11T09:05:00+01:00')).toMatchObject({ status: 'ran', asked: 0, reminded: 0 });
    await waitForCount(true, 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(recipients(followUpCards(true))).toEqual([`${MONA.aadObjectId}/activity-skolprogram`, `${OLLE.aadObjectId}/activity-skolprogram`].sort());
    expect(JSON.stringify(followUpCards(true)[0]!.activity.attachments[0].content)).toContain('Påminnelse: uppföljning 2025');
  }, 60_000);

  it('shows coordinators the completion per activity, opens the same card on demand, and gives the lägesbild its rows', async () => {
    await bot.post(message('aktiviteter', opts(COORDINATOR)));
    const list = await connector.waitFor((a) => JSON.stringify(a.activity.attachments ?? []).includes('Uppföljning 2025: 1 av 3 aktiviteter besvarade. Korten skickades ut 3 november 2025.'), 5000);
    const listText = JSON.stringify(list.activity.attachments[0].content);
    expect(listText).toContain('Uppföljning 2025: inte besvarad (tillfrågade: 2)');
    expect(listText).toContain('Uppföljning 2025: besvarad 4 november 2025 – Pågår enligt plan (tillfrågade: 1)');
    expect(listText).toContain('Uppföljning 2025: inte besvarad (tillfrågade: 0)');

    const opened = await bot.post(executeAction('activity.followup.open', { activityId: 'activity-utan-ansvarig' }, opts(COORDINATOR)));
    expect(JSON.stringify(opened.body.value)).toContain('Berörd personal deltar i de föreläsningar som anordnas av staden.');
    expect(checkCard(opened.body.value).errors).toEqual([]);
    const byCoordinator = await bot.post(executeAction('activity.followup.answer', { activityId: 'activity-utan-ansvarig', year: '2025', status: 'done', whatWasDone: 'Fyra föreläsningar.', nextYear: '' }, opts(COORDINATOR)));
    expect(JSON.stringify(byCoordinator.body.value)).toContain('Tack!');
    // Someone neither coordinator nor responsible gets no card.
    const stranger = await bot.post(executeAction('activity.followup.open', { activityId: 'activity-vbe-teamet' }, opts(asPerson(MONA))));
    expect(stranger.body.value).toContain('besvaras av de ansvariga');
    const own = await bot.post(executeAction('activity.followup.open', { activityId: 'activity-vbe-teamet' }, opts(asPerson(OLLE))));
    expect(JSON.stringify(own.body.value)).toContain('Två samråd med VBE-teamet under året.');

    expect(await readFollowUpRows(bot.app.store, 2025, 'sv')).toEqual([
      { activityId: 'activity-skolprogram', category: 'Förebyggande', title: expect.stringMatching(/^Säkerställa att det genomförs skolprogram/), responsible: 'Enhetschef och bitr. enhetschef, Enheten för ung fritid', schedule: 'Pågående' },
      { activityId: 'activity-vbe-teamet', category: 'Förhindrande', title: 'Berörda verksamheter ska samverka med stadens VBE-team om detta blir aktuellt', responsible: 'Enhetschef Familjeenheten', schedule: 'Pågående', status: 'on_track', whatWasDone: 'Två samråd med VBE-teamet under året.', nextYear: 'Samma upplägg nästa år.' },
      { activityId: 'activity-utan-ansvarig', category: 'Kompetenshöjande', title: 'Berörd personal deltar i de föreläsningar som anordnas av staden.', responsible: 'Förvaltningens enhetschefer', schedule: 'Pågående', status: 'done', whatWasDone: 'Fyra föreläsningar.' },
    ]);

    // The lägesbild's table "Aktiviteter och uppföljning" is the registry's, with the year's answers.
    const drafted = await runCli(['lagesbild', '2025', '--now', '2025-11-20T12:00:00+01:00'], env());
    expect(drafted.status).toBe(0);
    const rows = readDocx(drafted.stdoutBytes).rows;
    expect(rows).toContainEqual(['Berörda verksamheter ska samverka med stadens VBE-team om detta blir aktuellt', 'Enhetschef Familjeenheten', 'Pågående', 'Pågår enligt plan', 'Två samråd med VBE-teamet under året.', 'Samma upplägg nästa år.']);
    expect(rows).toContainEqual(['Berörd personal deltar i de föreläsningar som anordnas av staden.', 'Förvaltningens enhetschefer', 'Pågående', 'Genomförd', 'Fyra föreläsningar.', '']);
    expect(rows.find((row) => row[0]?.startsWith('Säkerställa att det genomförs skolprogram'))?.[3]).toBe(stringsFor('sv').lagesbild.activities.noFollowUp);
  });
});
