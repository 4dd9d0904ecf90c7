import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAll } from '../../src/store/document-store';
import { COORDINATOR, STAFF, channelMessage, executeAction, message, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { runCli } from '../support/cli';
import { FakeConnector, type FakeMember, type RecordedActivity } from '../support/fake-connector';
import { checkCard } from '../support/validate-card';

const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';
const CHAIR: FakeMember = { id: '29:chair-user', name: 'Mona Rektor', aadObjectId: '33333333-3333-4333-8333-333333333333' };
const asPerson = (m: FakeMember): Person => ({ id: m.id, name: m.name, aadObjectId: m.aadObjectId });

/**
 * A forum meeting every other Tuesday, the next on 11 May 2027, nudged 5 working days before.
 * Kristi himmelfärd falls on Thursday 6 May 2027, so the nudge day is Monday 3 May (not Tuesday
 * 4 May), and the reminder day, two working days before, is Friday 7 May.
 */
describe('forum nudges over HTTP, in time travel', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  let travel = 0;
  const travelTo = (iso: string) => (travel = Date.parse(iso) - Date.now());
  const opts = (from: Person) => ({ serviceUrl: connector.serviceUrl, from });
  const runNudges = async (iso: string) => {
    travelTo(iso);
    const run = await runCli(['jobs', 'run', 'nudges', '--now', iso], { DATA_DIR: bot.dataDir });
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout);
  };
  const cardText = (a: RecordedActivity) => JSON.stringify(a.activity.attachments?.[0]?.content ?? {});
  const waitForChairCard = (verb: string, after: number) =>
    connector.waitFor((a) => connector.activities.indexOf(a) >= after && JSON.stringify(a.activity.attachments ?? []).includes(`"verb":"${verb}"`), 15_000);
  let forumId = '';

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam('19:forskola-hagersten@thread.tacv2', [CHAIR, { id: '29:other', name: 'Annan Person', aadObjectId: '44444444-4444-4444-8444-444444444444' }]);
    bot = await startTestBot({ clock: () => new Date(Date.now() + travel) });
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('lets a coordinator register a forum with a chair from the district’s teams; refuses others', async () => {
    travelTo('2027-04-20T10:00:00+02:00');
    await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', opts(COORDINATOR)));
    await bot.post(message('forum', opts(STAFF)));
    expect((await connector.waitFor((a) => a.activity.text?.includes('bara samordnare'))).activity.text).toBeDefined();

    await bot.post(message('forum', opts(COORDINATOR)));
    const empty = await connector.waitFor((a) => JSON.stringify(a.activity.attachments ?? []).includes('forum.save'));
    expect(checkCard(empty.activity.attachments[0].content).errors).toEqual([]);

    const form = { name: 'SSPF Västberga', cadence: 'biweekly', nextMeetingOn: '2027-05-11', time: '13:00', leadWorkingDays: '5', dates: '' };
    const unknown = await bot.post(executeAction('forum.save', { ...form, chair: '55555555-5555-4555-8555-555555555555' }, opts(COORDINATOR)));
    const refused = JSON.stringify(unknown.body.value);
    expect(refused).toContain('finns inte i något av förvaltningens team');
    expect(refused).toContain('SSPF Västberga'); // what was typed comes back
    expect(checkCard(unknown.body.value).errors).toEqual([]);

    const saved = await bot.post(executeAction('forum.save', { ...form, chair: CHAIR.aadObjectId }, opts(COORDINATOR)));
    const savedText = JSON.stringify(saved.body.value);
    expect(savedText).toContain('Forumet är sparat');
    expect(savedText).toContain('Ordförande: Mona Rektor · Varannan vecka · nästa möte tisdag 11 maj 2027 kl. 13:00');
    forumId = (await queryAll<any>(bot.app.store, 'forums', {}))[0]!.id;

    // The Agents Playground's people picker gives a Teams user id (29:…) rather than the AAD id.
    const byTeamsId = await bot.post(executeAction('forum.save', { ...form, forumId, chair: '29:other' }, opts(COORDINATOR)));
    expect(JSON.stringify(byTeamsId.body.value)).toContain('Ordförande: Annan Person');
    expect((await bot.app.store.read<any>('forums', 'forums', forumId))?.body.chair).toEqual({ aadObjectId: '44444444-4444-4444-8444-444444444444', name: 'Annan Person', userId: '29:other' });
    await bot.post(executeAction('forum.save', { ...form, forumId, chair: CHAIR.aadObjectId }, opts(COORDINATOR)));
    expect((await bot.app.store.read<any>('forums', 'forums', forumId))?.body.chair.name).toBe('Mona Rektor');

    const forged = await bot.post(executeAction('forum.remove', { forumId }, opts(STAFF)));
    expect(JSON.stringify(forged.body.value)).toContain('bara samordnare');
    expect(await bot.app.store.count('forums', {})).toBe(1);
  });

  it('nudges on the right working day across Kristi himmelfärd, and snooze moves it one working day', async () => {
    expect(await runNudges('2027-04-30T09:30:00+02:00')).toMatchObject({ status: 'ran', nudges: 0 });
    // Monday 3 May before nine: not due yet.
    expect(await runNudges('2027-05-03T08:30:00+02:00')).toMatchObject({ status: 'not_due' });
    const before = connector.activities.length;
    expect(await runNudges('2027-05-03T09:05:00+02:00')).toMatchObject({ status: 'ran', nudges: 1 });
    const nudge = await waitForChairCard('agenda.confirm', before);
    expect(cardText(nudge)).toContain('SSPF Västberga möts tisdag 11 maj 2027 kl. 13:00. Sätt våldsbejakande extremism på dagordningen.');
    expect(checkCard(nudge.activity.attachments[0].content).errors).toEqual([]);

    const snoozed = await bot.post(executeAction('agenda.snooze', { forumId, plannedOn: '2027-05-11' }, opts(asPerson(CHAIR))));
    expect(JSON.stringify(snoozed.body.value)).toContain('Jag påminner dig igen tisdag 4 maj 2027');
    const again = connector.activities.length;
    expect(await runNudges('2027-05-04T09:05:00+02:00')).toMatchObject({ status: 'ran', nudges: 1, reminders: 0 });
    await waitForChairCard('agenda.confirm', again);
  }, 60_000);

  it('refuses someone else’s answer and a skip with identifying data, then confirm stops the reminder', async () => {
    const stranger = await bot.post(executeAction('agenda.confirm', { forumId, plannedOn: '2027-05-11' }, opts(STAFF)));
    expect(JSON.stringify(stranger.body.value)).toContain('Bara ordföranden kan svara');
    const withPhone = await bot.post(executeAction('agenda.skip', { forumId, plannedOn: '2027-05-11', reason: 'Ring Mona på 070-123 45 67' }, opts(asPerson(CHAIR))));
    const refused = JSON.stringify(withPhone.body.value);
    expect(refused).toContain('telefonnummer');
    expect(refused).toContain('Ring Mona på 070-123 45 67');
    const meeting = (await bot.app.store.read<any>('forumMeetings', forumId, '2027-05-11'))!.body;
    expect(meeting.agenda.state).toBe('nudged');

    const confirmed = await bot.post(executeAction('agenda.confirm', { forumId, plannedOn: '2027-05-11' }, opts(asPerson(CHAIR))));
    expect(JSON.stringify(confirmed.body.value)).toContain('står på dagordningen');
    // Kristi himmelfärd is no working day; Friday 7 May is the reminder day, but the chair has answered.
    expect(await runNudges('2027-05-06T10:00:00+02:00')).toMatchObject({ status: 'not_due' });
    expect(await runNudges('2027-05-07T10:00:00+02:00')).toMatchObject({ status: 'ran', nudges: 0, reminders: 0 });
  }, 60_000);

  it('follows up the working day after; the answer reaches the coordinators’ channel; the old nudge is closed', async () => {
    const before = connector.activities.length;
    expect(await runNudges('2027-05-12T09:15:00+02:00')).toMatchObject({ status: 'ran', followups: 1 });
    const followup = await waitForChairCard('meeting.followup', before);
    expect(cardText(followup)).toContain('Uppföljning: SSPF Västberga, mötet tisdag 11 maj 2027');
    const forum = (await bot.app.store.read<any>('forums', 'forums', forumId))!.body;
    expect(forum.nextMeetingOn).toBe('2027-05-25');

    const old = await bot.post(executeAction('agenda.confirm', { forumId, plannedOn: '2027-05-11' }, opts(asPerson(CHAIR))));
    expect(JSON.stringify(old.body.value)).toContain('tidigare möte');

    const withName = await bot.post(executeAction('meeting.followup', { forumId, plannedOn: '2027-05-11', discussed: 'yes', note: 'Mejla anna@example.org' }, opts(asPerson(CHAIR))));
    expect(JSON.stringify(withName.body.value)).toContain('e-postadress');
    expect(JSON.stringify(withName.body.value)).toContain('Mejla anna@example.org');

    const answered = await bot.post(
      executeAction('meeting.followup', { forumId, plannedOn: '2027-05-11', discussed: 'yes', note: 'Klistermärken vid skolan togs upp.' }, opts(asPerson(CHAIR))),
    );
    expect(JSON.stringify(answered.body.value)).toContain('gått vidare till samordnarna');
    const post = await connector.waitFor((a) => a.conversationId === CHANNEL_ID && JSON.stringify(a.activity.attachments ?? []).includes('Uppföljning från SSPF Västberga'), 10_000);
    expect(JSON.stringify(post.activity.attachments)).toContain('Klistermärken vid skolan togs upp.');
    expect(JSON.stringify(post.activity.attachments)).toContain('VBE togs upp: Ja');

    const twice = await bot.post(executeAction('meeting.followup', { forumId, plannedOn: '2027-05-11', discussed: 'no', note: '' }, opts(asPerson(CHAIR))));
    expect(JSON.stringify(twice.body.value)).toContain('redan svarat');
    // Nothing the chair wrote is in the bot's logs.
    expect(bot.logLines.join('\n')).not.toContain('Klistermärken vid skolan');
  }, 60_000);

  it('lets the chair move the next meeting and cancel it; the series goes on as planned', async () => {
    // Still 12 May: the forum now heads for Tuesday 25 May.
    const moved = await bot.post(executeAction('meeting.move', { forumId, plannedOn: '2027-05-25', newDate: '2027-05-27', newTime: '10:00' }, opts(asPerson(CHAIR))));
    expect(JSON.stringify(moved.body.value)).toContain('Mötet är flyttat till torsdag 27 maj 2027 kl. 10:00');
    const badMove = await bot.post(executeAction('meeting.move', { forumId, plannedOn: '2027-05-25', newDate: '2027-05-01', newTime: '10:00' }, opts(asPerson(CHAIR))));
    expect(JSON.stringify(badMove.body.value)).toContain('Mötet har redan varit');
    const byStranger = await bot.post(executeAction('meeting.cancel', { forumId, plannedOn: '2027-05-25' }, opts(STAFF)));
    expect(JSON.stringify(byStranger.body.value)).toContain('Bara ordföranden');
    const cancelled = await bot.post(executeAction('meeting.cancel', { forumId, plannedOn: '2027-05-25' }, opts(asPerson(CHAIR))));
    // Every other week from the planned 25 May: 8 June.
    expect(JSON.stringify(cancelled.body.value)).toContain('Mötet är inställt. Nästa möte: tisdag 8 juni 2027 kl. 13:00.');
    const forum = (await bot.app.store.read<any>('forums', 'forums', forumId))!.body;
    expect(forum.nextMeetingOn).toBe('2027-06-08');
    // No follow-up for a cancelled meeting.
    expect(await runNudges('2027-05-28T09:15:00+02:00')).toMatchObject({ status: 'ran', followups: 0, nudges: 0 });

    // Gallring: 90 days on, the sent nudges (which name the chair) are gone; the follow-up post stays until the retention cutoff.
    const sent = await bot.app.store.count('outbox', {});
    expect(sent).toBe(3); // the nudge, the nudge after the snooze, the follow-up; nothing for the cancelled meeting
    const retention = await runCli(['jobs', 'run', 'retention', '--now', '2027-09-01T01:00:00+02:00'], { DATA_DIR: bot.dataDir });
    expect(JSON.parse(retention.stdout)).toMatchObject({ status: 'ran', sentMessages: 3, channelMessages: 0 });
    expect(await bot.app.store.count('outbox', {})).toBe(0);
    expect(await bot.app.store.count('channelMessages', {})).toBe(1);
  }, 60_000);
});
