import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/audit';
import { caseOf } from '../../src/domain/concern/case';
import type { ConcernReport } from '../../src/domain/concern/concern-report';
import { stringsFor, type Language } from '../../src/domain/i18n';
import { stockholmDate, stockholmInstant } from '../../src/domain/stockholm-time';
import { queryAll } from '../../src/store/document-store';
import { ConcernReports } from '../../src/store/repositories/concern-reports';
import { COORDINATOR, STAFF, TENANT_ID, channelMessage, executeAction, submitAction, validConcernData, type Person } from '../support/activities';
import { botWithConnector, startTestBot } from '../support/bot-harness';
import { runCli } from '../support/cli';
import { inputValue } from '../support/card-inputs';
import { CHANNEL_ID, REPORT_REFERENCE } from '../support/channel-posts';
import { FakeConnector, type RecordedActivity } from '../support/fake-connector';
import { checkCard } from '../support/validate-card';

/** Words no label, button or heading of a post uses: any of them on a post came from the text. */
const DESCRIPTION = 'Pojkarna ritade hakkors bakom gymnastiksalen efter lunchrasten igår, fotograferade sedan väggen';
const UNIT_NAME = 'Enheten för ung fritid';
const PERSONNUMMER = '811228-9874';

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}-]+/u).filter((word) => word.length > 1);
}

/** Every string a card shows (texts, titles, values, fact titles), not its JSON keys. */
function shownText(card: unknown): string {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') found.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) if (!['type', 'id', 'verb', 'style', 'weight', 'size', 'color', 'version', '$schema'].includes(key)) walk(value);
  };
  walk(card);
  return found.join('\n');
}

const cardOf = (recorded: RecordedActivity) => recorded.activity.attachments[0].content;

describe('a report as a case in the coordinators\' channel, over HTTP', () => {
  const running = botWithConnector();
  let reporterCount = 0;

  beforeAll(async () => {
    const { bot, connector } = running;
    await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    await connector.waitFor((a) => a.conversationId.startsWith(CHANNEL_ID) && /samordnarnas kanal/.test(a.activity.text ?? ''));
  });
  afterEach(() => running.connector.setDown(false));

  const reports = () => new ConcernReports(running.bot.app.store);
  const stored = async (reference: string): Promise<ConcernReport> => (await reports().get(running.bot.app.district.id, Number(reference.slice(4, 8)), reference))!.body;
  const audit = async () => (await queryAll<AuditEntry>(running.bot.app.store, 'audit', {})).map((document) => document.body);
  const auditOf = async (reference: string) => (await audit()).filter((entry) => entry.subject === reference).sort((a, b) => a.at.localeCompare(b.at));

  /** Files a report as a new reporter and waits for its post in the channel. */
  async function filedAndPosted(overrides: Record<string, unknown> = {}, from?: Person) {
    const { bot, connector } = running;
    reporterCount += 1;
    const reporter: Person = from ?? { id: `29:case-${reporterCount}`, name: `Rapportör ${reporterCount}`, aadObjectId: `55555555-5555-4555-8555-${String(reporterCount).padStart(12, '0')}` };
    const response = await bot.post(executeAction('concern.submit', validConcernData({ description: DESCRIPTION, ...overrides }), { serviceUrl: connector.serviceUrl, from: reporter }));
    const receipt = response.body.value;
    const reference = REPORT_REFERENCE.exec(JSON.stringify(receipt))![0];
    const post = await connector.waitFor((a) => a.method === 'POST' && a.conversationId === CHANNEL_ID && JSON.stringify(a.activity.attachments ?? []).includes(reference), 5000);
    // The id is recorded right after the send returns.
    await expect.poll(async () => (await stored(reference)).channelPost.activityId, { timeout: 3000 }).toBe(post.activityId);
    return { reference, receipt, post, activityId: post.activityId };
  }

  /** A press on a button of the post in the channel, as Teams sends it. */
  function pressOnPost(verb: string, data: Record<string, unknown>, activityId: string, options: { from?: Person; locale?: string } = {}) {
    const invoke = executeAction(verb, data, { serviceUrl: running.connector.serviceUrl, from: options.from ?? COORDINATOR, locale: options.locale });
    invoke.conversation = { conversationType: 'channel', isGroup: true, tenantId: TENANT_ID, id: `${CHANNEL_ID};messageid=${activityId}` };
    invoke.replyToId = activityId;
    invoke.channelData = { ...invoke.channelData, channel: { id: CHANNEL_ID }, team: { id: '19:coordinators-team@thread.tacv2' } };
    return running.bot.post(invoke);
  }

  const updatesOf = (activityId: string) => running.connector.activities.filter((a) => a.method === 'PUT' && a.activityId === activityId);

  it('posts no word of the description and no unit without contactMe; the receipt has no description either', async () => {
    const { receipt, post } = await filedAndPosted();
    const card = cardOf(post);
    expect(checkCard(card).errors).toEqual([]);
    const posted = new Set(words(shownText(card)));
    const leaked = words(DESCRIPTION).filter((word) => posted.has(word));
    expect(leaked).toEqual([]);
    expect(shownText(card)).not.toContain(UNIT_NAME);
    expect(shownText(card)).toContain('Status');
    expect(shownText(card)).toContain('Ny');
    // A check that can fail: the same words are found where the text is.
    expect(words(DESCRIPTION).every((word) => words(DESCRIPTION).includes(word))).toBe(true);

    expect(checkCard(receipt).errors).toEqual([]);
    const inReceipt = new Set(words(shownText(receipt)));
    expect(words(DESCRIPTION).filter((word) => inReceipt.has(word))).toEqual([]);
    expect(shownText(receipt)).toContain('Affischering/klistermärken/flygblad');
  });

  it('shows the unit, the reporter and the contact link when the reporter asked to be contacted, and still no text', async () => {
    const reporter = { id: '29:case-contact', name: 'Rapportör med kontakt', aadObjectId: '55555555-5555-4555-8555-999999999999' };
    running.connector.addUser({ ...reporter, userPrincipalName: 'kontakt@example.org' });
    const { post } = await filedAndPosted({ contactMe: 'true' }, reporter);
    const card = cardOf(post);
    expect(shownText(card)).toContain(UNIT_NAME);
    expect(shownText(card)).toContain(reporter.name);
    expect(card.actions.find((action: any) => action.type === 'Action.OpenUrl').url).toContain(encodeURIComponent('kontakt@example.org'));
    expect(words(DESCRIPTION).filter((word) => new Set(words(shownText(card))).has(word))).toEqual([]);
  });

  it('Visa rapporten: the coordinator alone gets the whole report, the view is audited without text; staff are refused and nothing is written', async () => {
    const { reference, activityId } = await filedAndPosted();
    const before = await auditOf(reference);

    const refused = await pressOnPost('concern.view', { reference }, activityId, { from: STAFF });
    expect(refused.body.value).toMatch(/bara samordnare/);
    expect(await auditOf(reference)).toEqual(before);

    const shown = await pressOnPost('concern.view', { reference }, activityId);
    expect(shown.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = shown.body.value;
    expect(checkCard(card).errors).toEqual([]);
    expect(shownText(card)).toContain(DESCRIPTION);
    expect(shownText(card)).toContain(UNIT_NAME);
    expect(shownText(card)).toContain('Bara du ser det här.');
    // For the presser only: nothing was posted or edited in the channel.
    expect(updatesOf(activityId)).toEqual([]);
    expect(JSON.stringify(running.connector.sentTo(CHANNEL_ID).map((a) => a.activity))).not.toContain('gymnastiksalen');

    const views = (await auditOf(reference)).filter((entry) => entry.action === 'report.viewed');
    expect(views).toEqual([{ at: expect.any(String), actor: { kind: 'coordinator', aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name }, action: 'report.viewed', subject: reference }]);
    expect(JSON.stringify(await audit())).not.toContain('gymnastiksalen');

    // Back: the post again, for the presser.
    const back = await pressOnPost('concern.back', { reference }, activityId);
    expect(shownText(back.body.value)).toContain(stringsFor('sv').case.noText);
    expect(updatesOf(activityId)).toEqual([]);
  });

  it('refuses Visa rapporten through the Action.Submit fallback, whose answer everyone in the channel would see', async () => {
    const { reference } = await filedAndPosted();
    const before = (await audit()).length;
    const submit = submitAction({ verb: 'concern.view', reference }, { serviceUrl: running.connector.serviceUrl, from: COORDINATOR });
    submit.conversation = { conversationType: 'channel', isGroup: true, tenantId: TENANT_ID, id: `${CHANNEL_ID};messageid=1` };
    await running.bot.post(submit);
    const answer = await running.connector.waitFor((a) => a.conversationId.startsWith(CHANNEL_ID) && /Uppdatera Teams/.test(a.activity.text ?? ''));
    expect(JSON.stringify(answer.activity)).not.toContain('gymnastiksalen');
    expect((await audit()).length).toBe(before);
  });

  it.each<[Language, string]>([
    ['sv', 'sv-SE'],
    ['en', 'en-GB'],
  ])('takes a report through every step in %s, auditing each and updating the post for everyone', async (language, locale) => {
    const t = stringsFor(language);
    // The post is the channel's, in the district's language whoever presses; Visa rapporten is the presser's.
    const posted = stringsFor('sv');
    const { reference, activityId } = await filedAndPosted();
    const steps: Array<[string, Record<string, unknown>, string, keyof typeof t.case.steps]> = [
      ['concern.acknowledge', {}, 'received', 'acknowledge'],
      ['concern.assess', {}, 'assessing', 'assess'],
      ['concern.close', { outcome: 'samverkan_referral', note: 'Tas upp på nästa SIG-möte.' }, 'closed', 'close'],
      ['concern.reopen', {}, 'assessing', 'reopen'],
    ];
    for (const [index, [verb, data, state, stepName]] of steps.entries()) {
      const response = await pressOnPost(verb, { reference, ...data }, activityId, { locale });
      const card = response.body.value;
      expect(checkCard(card).errors, verb).toEqual([]);
      const text = shownText(card);
      expect(text).toContain(posted.case.states[state as keyof typeof posted.case.states]);
      expect(text).toContain(posted.case.lastStep(posted.case.steps[stepName], COORDINATOR.name, '').slice(0, -2));
      if (verb === 'concern.close') expect(text).toContain(posted.case.outcomes.samverkan_referral);
      // The note is shown on request only.
      expect(text).not.toContain('SIG-möte');
      // The same card replaced the post for everyone (and the outbox may redraw it, from the same report).
      expect(updatesOf(activityId).length).toBeGreaterThan(index);
      expect(updatesOf(activityId).map(cardOf)).toContainEqual(card);
      expect(caseOf(await stored(reference)).state).toBe(state);
    }
    const trail = (await auditOf(reference)).filter((entry) => entry.action === 'report.case_changed');
    expect(trail.map((entry) => entry.transition)).toEqual([
      { action: 'acknowledge', from: 'new', to: 'received' },
      { action: 'assess', from: 'received', to: 'assessing' },
      { action: 'close', from: 'assessing', to: 'closed', outcome: 'samverkan_referral' },
      { action: 'reopen', from: 'closed', to: 'assessing' },
    ]);
    expect(trail.every((entry) => entry.actor.aadObjectId === COORDINATOR.aadObjectId && entry.actor.name === COORDINATOR.name)).toBe(true);
    expect(JSON.stringify(trail)).not.toContain('SIG-möte');
    // Visa rapporten shows the note and the whole history.
    const view = shownText((await pressOnPost('concern.view', { reference }, activityId, { locale })).body.value);
    expect(view).toContain(t.case.history);
    for (const [, , , stepName] of steps) expect(view).toContain(t.case.steps[stepName]);
  });

  it('refuses forged verbs and references, out-of-order and replayed steps, writing nothing', async () => {
    const { reference, activityId } = await filedAndPosted();
    const snapshot = async () => ({ report: await stored(reference), audit: await audit() });
    const before = await snapshot();
    const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
      ['concern.destroy', { reference }, /känns inte igen/],
      ['concern.acknowledge', { reference: 'VBE-2099-9999' }, /finns inte/],
      ['concern.acknowledge', { reference: "VBE'; DROP" }, /finns inte/],
      ['concern.acknowledge', { reference: ['VBE-2026-0001'] }, /kunde inte tas emot/],
      ['concern.assess', { reference }, /har status Ny nu/],
      ['concern.close', { reference, outcome: 'no_action' }, /har status Ny nu/],
      ['concern.reopen', { reference }, /har status Ny nu/],
    ];
    for (const [verb, data, expected] of refusals) {
      const response = await pressOnPost(verb, data, activityId);
      expect(response.body.value, verb).toMatch(expected);
    }
    expect(await snapshot()).toEqual(before);
    expect(updatesOf(activityId)).toEqual([]);

    // Replayed: the second press of the same step is refused, and only one step is written.
    await pressOnPost('concern.acknowledge', { reference }, activityId);
    const replay = await pressOnPost('concern.acknowledge', { reference }, activityId);
    expect(replay.body.value).toMatch(/har status Mottagen nu/);
    // An old post's "Markera som hanterad" is the same step.
    expect((await pressOnPost('concern.handle', { reference }, activityId)).body.value).toMatch(/har status Mottagen nu/);
    expect((await auditOf(reference)).filter((entry) => entry.action === 'report.case_changed')).toHaveLength(1);
    expect(updatesOf(activityId)).toHaveLength(1);
  });

  it('hands the close form back with the typed values and the problem, for a missing outcome or identifying data in the note', async () => {
    const { reference, activityId } = await filedAndPosted();
    await pressOnPost('concern.acknowledge', { reference }, activityId);
    await pressOnPost('concern.assess', { reference }, activityId);
    const before = { report: await stored(reference), audit: await audit(), updates: updatesOf(activityId).length };
    const cases: Array<[Language, string, Record<string, unknown>, string]> = [
      ['sv', 'sv-SE', { note: 'Kort anteckning.' }, 'Välj vad som gjordes.'],
      ['en', 'en-GB', { outcome: 'burned', note: '' }, 'Choose one of the options.'],
      ['sv', 'sv-SE', { outcome: 'other', note: `Gäller ${PERSONNUMMER}.` }, 'personnummer'],
      ['en', 'en-GB', { outcome: 'other', note: 'x'.repeat(501) }, 'Write at most 500 characters.'],
    ];
    for (const [language, locale, data, problem] of cases) {
      const response = await pressOnPost('concern.close', { reference, ...data }, activityId, { locale });
      const card = response.body.value;
      expect(checkCard(card).errors).toEqual([]);
      expect(shownText(card)).toContain(problem);
      expect(shownText(card)).toContain(stringsFor(language).case.refusals.close('').trim().split('  ')[0]!);
      // The close form sits in the Avsluta ShowCard, among the card's actions.
      for (const field of ['outcome', 'note']) expect(inputValue({ body: card.actions }, field) ?? '', field).toBe(data[field] ?? '');
    }
    expect({ report: await stored(reference), audit: await audit(), updates: updatesOf(activityId).length }).toEqual(before);
    expect(running.bot.logLines.join('\n')).not.toContain(PERSONNUMMER);
  });

  it('keeps a step when the update for everyone fails: the presser gets the card, and the outbox redraws the post once the channel is back', async () => {
    const { reference, activityId } = await filedAndPosted();
    running.connector.setDown({ status: 503 }, { method: 'PUT' });
    const response = await pressOnPost('concern.acknowledge', { reference }, activityId);
    // Not an error: the step is stored and the presser sees it.
    expect(checkCard(response.body.value).errors).toEqual([]);
    expect(shownText(response.body.value)).toContain(stringsFor('sv').case.states.received);
    expect(caseOf(await stored(reference)).state).toBe('received');
    await expect.poll(async () => (await stored(reference)).postUpdate?.attempts ?? 0, { timeout: 5000 }).toBeGreaterThan(0);
    expect(updatesOf(activityId)).toHaveLength(0);
    running.connector.setDown(false);
    const redrawn = await running.connector.waitFor((a) => a.method === 'PUT' && a.activityId === activityId, 20_000);
    expect(shownText(cardOf(redrawn))).toContain(stringsFor('sv').case.states.received);
    await expect.poll(async () => (await stored(reference)).postUpdate?.state, { timeout: 3000 }).toBe('delivered');
  }, 40_000);

  it('clears the "Nytt svar" marker when a coordinator opens the report, and redraws the post for everyone', async () => {
    const { reference, activityId } = await filedAndPosted();
    const document = (await reports().get(running.bot.app.district.id, Number(reference.slice(4, 8)), reference))!;
    // What the follow-up does when an answer comes in: the marker, and a redraw of the post.
    running.connector.setDown({ status: 503 }, { method: 'PUT' });
    await reports().update(document, (report) => ({ ...report, unseenFollowUp: true, followUps: [{ id: 'a1', kind: 'addition', at: new Date().toISOString(), text: 'Ett tillägg i efterhand.' }] }));
    await reports().requestPostUpdate((await reports().get(running.bot.app.district.id, Number(reference.slice(4, 8)), reference))!, new Date());
    // The channel refuses the edit: it stays pending and is retried.
    await expect.poll(async () => (await stored(reference)).postUpdate?.attempts ?? 0, { timeout: 5000 }).toBeGreaterThan(0);
    expect((await stored(reference)).postUpdate?.state).toBe('pending');
    running.connector.setDown(false);
    const marked = await running.connector.waitFor((a) => a.method === 'PUT' && a.activityId === activityId, 20_000);
    expect(shownText(cardOf(marked))).toContain('Nytt svar');
    expect(shownText(cardOf(marked))).not.toContain('tillägg');
    await expect.poll(async () => (await stored(reference)).postUpdate?.state, { timeout: 3000 }).toBe('delivered');

    const view = await pressOnPost('concern.view', { reference }, activityId);
    expect(shownText(view.body.value)).toContain('Ett tillägg i efterhand.');
    expect((await stored(reference)).unseenFollowUp).toBe(false);
    const redrawn = await running.connector.waitFor((a) => a.method === 'PUT' && a.activityId === activityId && a !== marked, 5000);
    expect(checkCard(cardOf(redrawn)).errors).toEqual([]);
    expect(shownText(cardOf(redrawn))).not.toContain('Nytt svar');
    expect(shownText(cardOf(redrawn))).toContain(reference);
    // A second view has no marker to clear: no more edits.
    await pressOnPost('concern.view', { reference }, activityId);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(updatesOf(activityId)).toHaveLength(2);
  }, 40_000);
});

describe('gallring marks the channel post of a deleted report, durably', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-gallring-'));
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterAll(async () => {
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('edits the post to "Gallrad <date>" with the reference only, after a restart and a channel that was down', async () => {
    // Filed two years ago, posted, acknowledged.
    const past = await startTestBot({ dataDir, clock: () => new Date('2024-06-10T10:00:00Z') });
    await past.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    const filed = await past.post(executeAction('concern.submit', validConcernData({ eventDate: '2024-06-09', description: DESCRIPTION }), { serviceUrl: connector.serviceUrl }));
    const reference = REPORT_REFERENCE.exec(JSON.stringify(filed.body.value))![0];
    const post = await connector.waitFor((a) => a.method === 'POST' && a.conversationId === CHANNEL_ID && JSON.stringify(a.activity.attachments ?? []).includes(reference), 5000);
    await expect.poll(async () => JSON.stringify(await past.app.store.query('reports', {})), { timeout: 3000 }).toContain(`"activityId":"${post.activityId}"`);
    await past.stop();

    // Gallring runs as its own process (the scheduler or an operator's `jobs run`), the channel down.
    connector.setDown({ status: 503 }, { method: 'PUT' });
    const noon = stockholmInstant(stockholmDate(new Date()), '12:00').toISOString();
    const run = await runCli(['jobs', 'run', 'retention', '--now', noon], { DATA_DIR: dataDir });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'ran', reports: 1, postsMarkedDeleted: 1 });

    const bot = await startTestBot({ dataDir });
    try {
      await expect.poll(() => connector.requests.some((request) => request.method === 'PUT' && request.status === 503), { timeout: 10_000 }).toBe(true);
      expect(connector.activities.filter((a) => a.method === 'PUT')).toEqual([]);
      connector.setDown(false);
      const edit = await connector.waitFor((a) => a.method === 'PUT' && a.activityId === post.activityId, 20_000);
      const card = edit.activity.attachments[0].content;
      expect(checkCard(card).errors).toEqual([]);
      expect(shownText(card)).toContain(`Gallrad ${stockholmDate(new Date(noon))}`);
      expect(shownText(card)).toContain(reference);
      const shown = new Set(words(shownText(card)));
      expect(words(DESCRIPTION).filter((word) => shown.has(word))).toEqual([]);
      // Only the reference is left: no facts, no buttons.
      expect(card.actions ?? []).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('Affischering');
      await expect.poll(async () => (await bot.app.store.read<any>('channelMessages', 'channel', `gallrad:${reference}`))?.body.delivery.state, { timeout: 3000 }).toBe('delivered');
      // The report is gone; a press on the old post's buttons finds nothing and writes nothing.
      expect(await bot.app.store.count('reports', {})).toBe(0);
      const invoke = executeAction('concern.view', { reference }, { serviceUrl: connector.serviceUrl, from: COORDINATOR });
      expect((await bot.post(invoke)).body.value).toMatch(/finns inte, eller har gallrats/);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
