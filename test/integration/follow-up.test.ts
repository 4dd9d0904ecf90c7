/**
 * The anonymous two-way follow-up over HTTP (issue 13): a coordinator's question reaches the
 * reporter's own chat and nobody else's, the answer comes back to the report, a personnummer is
 * refused with the text kept, `status` tells nobody but the reporter anything, and the way back
 * to the reporter is sealed in the store at every moment and gone 30 days after the case closed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseAction, caseOf } from '../../src/domain/concern/case';
import type { ConcernReport } from '../../src/domain/concern/concern-report';
import { parseReference } from '../../src/domain/concern/reference';
import { stringsFor } from '../../src/domain/i18n';
import { stockholmDate, stockholmInstant } from '../../src/domain/stockholm-time';
import { queryAll } from '../../src/store/document-store';
import { ConcernReports } from '../../src/store/repositories/concern-reports';
import { COORDINATOR, STAFF, channelMessage, executeAction, message, validConcernData, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { CHANNEL_ID } from '../support/channel-posts';
import { runCli } from '../support/cli';
import { FakeConnector } from '../support/fake-connector';
import { snapshotFiles, type FileSnapshot } from '../support/raw-store-files';
import { storeSnapshot } from '../support/store-snapshot';
import { checkCard } from '../support/validate-card';

const sv = stringsFor('sv');
const en = stringsFor('en');
const OTHER: Person = { id: '29:other-staff', name: 'Olle Kollega', aadObjectId: '33333333-3333-4333-8333-333333333333' };
const chatOf = (person: Person) => `a:personal-${person.id}`;
const referenceIn = (value: unknown) => /VBE-\d{4}-\d{4}/.exec(JSON.stringify(value))?.[0];
const inputValue = (card: any, id: string) => (card.body as any[]).find((element) => element.id === id)?.value;

describe('the anonymous follow-up over HTTP', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-follow-up-'));
  /** The raw store files after every step: the chat ids must never be in any of them. */
  const snapshots: FileSnapshot[] = [];
  const exports: string[] = [];
  let staffReference = '';
  let otherReference = '';
  let questionId = '';

  const as = (from: Person, locale = 'sv-SE') => ({ serviceUrl: connector.serviceUrl, from, locale });
  const act = async (verb: string, data: Record<string, unknown>, from: Person, locale?: string) => {
    const response = await bot.post(executeAction(verb, data, as(from, locale)));
    expect(response.status).toBe(200);
    snapshots.push(snapshotFiles(dataDir));
    exports.push((await storeSnapshot(bot.app.store)).join(''));
    return response.body as { type: string; value: any };
  };
  const report = async (reference: string) => (await new ConcernReports(bot.app.store).get(bot.app.district.id, parseReference(reference)!.year, reference))!.body;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot({ dataDir });
    await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', as(COORDINATOR)));
    // Two reporters, neither asking to be contacted; the second writes in English.
    staffReference = referenceIn((await act('concern.submit', validConcernData(), STAFF)).value)!;
    otherReference = referenceIn((await act('concern.submit', validConcernData(), OTHER, 'en-GB')).value)!;
    await connector.waitFor((a) => a.conversationId === CHANNEL_ID && JSON.stringify(a.activity.attachments ?? []).includes(otherReference), 5000);
    // The outbox records a delivery after the connector has it: wait for that write, so a test that
    // compares a report before and after an action sees only what the action did.
    const deadline = Date.now() + 5000;
    while ((await Promise.all([staffReference, otherReference].map(report))).some((stored) => stored.channelPost.state !== 'delivered')) {
      if (Date.now() > deadline) throw new Error('the two reports were not recorded as posted within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('keeps a sealed link for every report, contactMe or not, and the receipt offers to add information', async () => {
    const links = await queryAll<any>(bot.app.store, 'reporterLinks', {});
    expect(links.map((link) => link.id).sort()).toEqual([staffReference, otherReference].sort());
    expect(JSON.stringify(links)).not.toContain('personal');
    // The report names nobody (contactMe was false) and holds no way back.
    const stored = JSON.stringify(await report(staffReference));
    expect(stored).not.toContain(STAFF.aadObjectId);
    expect(stored).not.toContain(chatOf(STAFF));
    const receipt = (await act('concern.submit', validConcernData(), STAFF)).value;
    expect(checkCard(receipt).errors).toEqual([]);
    expect(receipt.actions).toEqual([expect.objectContaining({ verb: 'followup.add.open', title: sv.followUp.add.button, data: { reference: referenceIn(receipt) } })]);
  });

  it('refuses "Fråga rapportören" to staff, and the question form checks the question', async () => {
    expect((await act('followup.ask.open', { reference: staffReference }, STAFF)).value).toBe(sv.errors.forbidden);
    expect((await act('followup.ask', { reference: staffReference, question: 'Vem?' }, STAFF)).value).toBe(sv.errors.forbidden);
    const form = (await act('followup.ask.open', { reference: staffReference }, COORDINATOR)).value;
    expect(checkCard(form).errors).toEqual([]);
    expect(JSON.stringify(form)).toContain(sv.followUp.ask.title(staffReference));
    const refused = (await act('followup.ask', { reference: staffReference, question: 'Är det eleven med 811228-9874?' }, COORDINATOR)).value;
    expect(inputValue(refused, 'question')).toBe('Är det eleven med 811228-9874?');
    expect(JSON.stringify(refused)).toContain(sv.problems.identifying_data(sv.identifyingKinds.personnummer));
    expect((await report(staffReference)).followUps ?? []).toEqual([]);
    expect((await act('followup.ask.open', { reference: 'VBE-2026-9999' }, COORDINATOR)).value).toBe(sv.followUp.ask.notFound);
  });

  it('sends the question to the reporter’s own chat, once, and to nobody else', async () => {
    connector.reset();
    const done = (await act('followup.ask', { reference: staffReference, question: 'Vilken tid på dagen hände det?' }, COORDINATOR)).value;
    expect(checkCard(done).errors).toEqual([]);
    expect(JSON.stringify(done)).toContain(sv.followUp.ask.sentTitle(staffReference));
    const sent = await connector.waitFor((a) => a.activity.attachments?.length > 0 && JSON.stringify(a.activity.attachments).includes('Vilken tid på dagen'), 5000);
    expect(sent.conversationId).toBe(chatOf(STAFF));
    const card = sent.activity.attachments[0].content;
    expect(checkCard(card).errors).toEqual([]);
    expect(JSON.stringify(card)).toContain(`Samordnaren har en fråga om din rapport ${staffReference}`);
    expect(card.actions.map((action: any) => action.verb)).toEqual(['followup.answer', 'followup.decline']);
    questionId = card.actions[0].data.questionId;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.activities.filter((a) => JSON.stringify(a.activity).includes('Vilken tid på dagen'))).toHaveLength(1);
    expect(connector.sentTo(chatOf(OTHER))).toEqual([]);
    // The outbox holds the report and the question, never the chat it went to.
    const outbox = await queryAll<any>(bot.app.store, 'outbox', {});
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.body).toMatchObject({ payloadRef: { kind: 'followup', reference: staffReference, questionId }, delivery: { state: 'delivered' } });
    expect(JSON.stringify(outbox)).not.toContain('personal');
    // Audited, without the question.
    const audit = (await queryAll<any>(bot.app.store, 'audit', {})).map((entry) => entry.body);
    expect(audit.find((entry) => entry.action === 'report.question_sent')).toMatchObject({ subject: staffReference, actor: { kind: 'coordinator', aadObjectId: COORDINATOR.aadObjectId } });
    expect(JSON.stringify(audit)).not.toContain('Vilken tid');
  });

  it('refuses a personnummer in the answer with the typed text kept, in the reporter’s language', async () => {
    const typed = 'Det var han med personnummer 19 81 12 28 9874 på rasten.';
    const before = await report(staffReference);
    const refused = (await act('followup.answer', { reference: staffReference, questionId, answer: typed }, STAFF)).value;
    expect(checkCard(refused).errors).toEqual([]);
    expect(inputValue(refused, 'answer')).toBe(typed);
    expect(JSON.stringify(refused)).toContain(sv.problems.identifying_data(sv.identifyingKinds.personnummer));
    expect(JSON.stringify(refused)).toContain('Vilken tid på dagen hände det?');
    const english = (await act('followup.answer', { reference: staffReference, questionId, answer: typed }, STAFF, 'en-GB')).value;
    expect(JSON.stringify(english)).toContain(en.problems.identifying_data(en.identifyingKinds.personnummer));
    expect(await report(staffReference)).toEqual(before);
    expect(exports.at(-1)).not.toContain('9874');
    expect(bot.logLines.join('\n')).not.toContain('9874');
  });

  it('lets only the reporter answer: anyone else is told the question is gone and nothing is stored', async () => {
    const before = await report(staffReference);
    expect((await act('followup.answer', { reference: staffReference, questionId, answer: 'Jag svarar åt någon annan.' }, OTHER)).value).toBe(sv.followUp.question.gone);
    expect((await act('followup.decline', { reference: staffReference, questionId }, COORDINATOR)).value).toBe(sv.followUp.question.gone);
    expect(await report(staffReference)).toEqual(before);
  });

  it('brings the answer to the report: the entry, the "Nytt svar" marker and a redraw of the post', async () => {
    const thanks = (await act('followup.answer', { reference: staffReference, questionId, answer: 'Vid lunch, ungefär kvart över tolv.' }, STAFF)).value;
    expect(checkCard(thanks).errors).toEqual([]);
    expect(JSON.stringify(thanks)).toContain(sv.followUp.question.thanks(staffReference));
    const stored = await report(staffReference);
    expect(stored.followUps?.find((entry) => entry.kind === 'answer')).toMatchObject({ questionId, text: 'Vid lunch, ungefär kvart över tolv.' });
    expect(stored.unseenFollowUp).toBe(true);
    expect(stored.postUpdate).toMatchObject({ state: 'pending', attempts: 0 });
    // A second click answers nothing twice.
    expect(JSON.stringify((await act('followup.answer', { reference: staffReference, questionId, answer: 'Igen.' }, STAFF)).value)).toContain(sv.followUp.question.alreadyAnswered);
    expect((await report(staffReference)).followUps?.filter((entry) => entry.kind === 'answer')).toHaveLength(1);
    const audit = (await queryAll<any>(bot.app.store, 'audit', {})).map((entry) => entry.body);
    const received = audit.find((entry) => entry.action === 'report.answer_received');
    expect(received).toEqual({ at: expect.any(String), actor: { kind: 'reporter' }, action: 'report.answer_received', subject: staffReference });
    expect(JSON.stringify(audit)).not.toContain('kvart över tolv');
  });

  it('takes "Jag vill inte svara" as an answer of its own', async () => {
    await act('followup.ask', { reference: otherReference, question: 'Hur många var de?' }, COORDINATOR);
    const sent = await connector.waitFor((a) => JSON.stringify(a.activity.attachments ?? []).includes('Hur många var de?'), 5000);
    expect(sent.conversationId).toBe(chatOf(OTHER));
    // The reporter wrote in English: the question comes in English.
    expect(JSON.stringify(sent.activity.attachments)).toContain(`The coordinator has a question about your report ${otherReference}`);
    const id = sent.activity.attachments[0].content.actions[1].data.questionId;
    const declined = (await act('followup.decline', { reference: otherReference, questionId: id }, OTHER, 'en-GB')).value;
    expect(JSON.stringify(declined)).toContain(en.followUp.question.declinedTitle);
    const stored = await report(otherReference);
    expect(stored.followUps?.at(-1)).toMatchObject({ kind: 'declined', questionId: id });
    expect(stored.followUps?.at(-1)?.text).toBeUndefined();
    expect(stored.unseenFollowUp).toBe(true);
  });

  it('lets the reporter add information from the receipt, with the same checks; nobody else', async () => {
    expect((await act('followup.add.open', { reference: staffReference }, OTHER)).value).toBe(sv.followUp.add.gone);
    const form = (await act('followup.add.open', { reference: staffReference }, STAFF)).value;
    expect(checkCard(form).errors).toEqual([]);
    const refused = (await act('followup.add', { reference: staffReference, addition: 'Mejla mig på sara@skolan.example.org' }, STAFF)).value;
    expect(inputValue(refused, 'addition')).toBe('Mejla mig på sara@skolan.example.org');
    const added = (await act('followup.add', { reference: staffReference, addition: 'Det har hänt en gång till i dag.' }, STAFF)).value;
    expect(checkCard(added).errors).toEqual([]);
    expect(added.actions).toEqual([expect.objectContaining({ verb: 'followup.add.open', data: { reference: staffReference } })]);
    expect((await report(staffReference)).followUps?.at(-1)).toMatchObject({ kind: 'addition', text: 'Det har hänt en gång till i dag.' });
    expect((await act('followup.add', { reference: staffReference, addition: 'Jag är inte rapportören.' }, OTHER)).value).toBe(sv.followUp.add.gone);
  });

  it('answers `status` for one’s own report only; someone else’s reference gets the answer of an unknown one', async () => {
    const ask = async (text: string, from: Person, locale = 'sv-SE') => {
      connector.reset();
      await bot.post(message(text, as(from, locale)));
      return (await connector.waitFor((a) => a.conversationId === chatOf(from), 3000)).activity.text as string;
    };
    expect(await ask(`status ${staffReference}`, STAFF)).toBe(sv.followUp.status.answer(staffReference, sv.followUp.status.states.new));
    expect(await ask(`Status ${otherReference.toLowerCase()}`, OTHER, 'en-GB')).toBe(en.followUp.status.answer(otherReference, en.followUp.status.states.new));
    const someoneElses = await ask(`status ${staffReference}`, OTHER);
    const unknown = await ask('status VBE-2026-9999', OTHER);
    expect(someoneElses).toBe(sv.followUp.status.unknown(staffReference));
    expect(someoneElses.replace(staffReference, '<ref>')).toBe(unknown.replace('VBE-2026-9999', '<ref>'));
    // A coordinator is no reporter of it either.
    expect(await ask(`status ${staffReference}`, COORDINATOR)).toBe(sv.followUp.status.unknown(staffReference));
  });

  it('never has a reporter’s chat in the clear: not in the raw store files, not in an export, at any step', () => {
    expect(snapshots.length).toBeGreaterThan(10);
    // The files are read as they are: the report's reference is there in the clear (a check that can fail).
    expect([...snapshots.at(-1)!.values()].some((bytes) => bytes.toString('latin1').includes(staffReference))).toBe(true);
    for (const [index, files] of snapshots.entries()) {
      for (const [name, bytes] of files) {
        const text = bytes.toString('latin1');
        for (const person of [STAFF, OTHER]) {
          expect(text.includes(chatOf(person)), `${name} after step ${index}`).toBe(false);
          expect(text.includes(person.aadObjectId), `${name} after step ${index}`).toBe(false);
        }
      }
    }
    for (const dump of exports) for (const person of [STAFF, OTHER]) expect(dump).not.toContain(chatOf(person));
  });

  it('forgets the way back 30 days after the case closed, and keeps it for an open case', async () => {
    // The case steps are the case handling's verbs; here the close is written as they write it.
    const reports = new ConcernReports(bot.app.store);
    const closedAt = new Date();
    for (const action of [{ kind: 'acknowledge' }, { kind: 'assess' }, { kind: 'close', outcome: 'no_action' }] as const) {
      const document = (await reports.get(bot.app.district.id, parseReference(staffReference)!.year, staffReference))!;
      await reports.update(document, (current: ConcernReport) => {
        const step = applyCaseAction(caseOf(current), action, COORDINATOR.name, closedAt);
        if (!step.ok) throw new Error(`${action.kind} refused`);
        return { ...current, case: step.case };
      });
    }
    await bot.stop();
    const env = { DATA_DIR: dataDir };
    const noonIn = (days: number) => stockholmInstant(stockholmDate(new Date(closedAt.getTime() + days * 86_400_000)), '12:00').toISOString();
    const early = JSON.parse((await runCli(['jobs', 'run', 'retention', '--now', noonIn(29)], env)).stdout);
    expect(early).toMatchObject({ status: 'ran', reporterLinks: 0 });
    expect((await runCli(['store', 'export'], env)).stdout).toContain(`"container":"reporterLinks","partitionKey":"${staffReference}"`);
    const late = JSON.parse((await runCli(['jobs', 'run', 'retention', '--now', noonIn(31)], env)).stdout);
    expect(late).toMatchObject({ status: 'ran', reporterLinks: 1 });
    const exported = await runCli(['store', 'export'], env);
    expect(exported.status).toBe(0);
    const lines = exported.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.filter((line) => line.container === 'reporterLinks').map((line) => line.id).sort()).toEqual(
      // The third report (filed in the first test) and the other reporter's open case keep theirs.
      expect.arrayContaining([otherReference]),
    );
    expect(lines.some((line) => line.container === 'reporterLinks' && line.id === staffReference)).toBe(false);
    expect(lines.some((line) => line.container === 'outbox' && JSON.stringify(line).includes(staffReference))).toBe(false);
    // The report itself, with its follow-up texts, stays until its own gallring.
    expect(lines.find((line) => line.container === 'reports' && line.id === staffReference)?.body.followUps).toHaveLength(3);
    for (const person of [STAFF, OTHER]) expect(exported.stdout).not.toContain(chatOf(person));
  }, 60_000);
});
