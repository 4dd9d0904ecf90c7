import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../src/store/repositories/audit-log';
import { COORDINATOR, STAFF, channelMessage, executeAction, message, validConcernData } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { runCli } from '../support/cli';
import { readDocx } from '../support/docx';
import { FakeConnector } from '../support/fake-connector';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const person = (n: number) => ({ id: `29:lagesbild-${n}`, name: `Rapportör ${n}`, aadObjectId: `77777777-7777-4777-8777-${String(n).padStart(12, '0')}` });

/** The card's download link, from the last lägesbild card sent to the coordinator. */
function linkIn(card: any): string {
  return card.actions.find((action: any) => action.type === 'Action.OpenUrl').url;
}

describe('the lägesbild in Teams: key figures and a single-use download link', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  let travel = 0;
  const travelTo = (iso: string) => (travel = Date.parse(iso) - Date.now());
  const clock = () => new Date(Date.now() + travel);
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-lagesbild-'));
  const opts = (from: typeof COORDINATOR) => ({ serviceUrl: connector.serviceUrl, from });

  const askAsCoordinator = async (text: string, locale?: string) => {
    connector.reset();
    await bot.post({ ...message(text, opts(COORDINATOR)), ...(locale ? { locale } : {}) });
    return (await connector.waitFor((a) => (a.activity.attachments ?? []).some((x: any) => x.content?.actions?.some((action: any) => action.id === 'download')))).activity.attachments[0].content;
  };
  const auditOf = async (action: string) =>
    (await Promise.all(['2026-11', '2026-12'].map((month) => new AuditLog(bot.app.store).month(month)))).flat().filter((entry) => entry.action === action);

  beforeAll(async () => {
    connector = await FakeConnector.start();
    bot = await startTestBot({ dataDir, clock });
    // Two reports in 2025 (the previous period) and three in 2026, one of them on New Year's Day.
    travelTo('2025-06-10T10:00:00+02:00');
    for (const n of [1, 2]) await bot.post(executeAction('concern.submit', validConcernData({ eventDate: '2025-06-09' }), opts(person(n))));
    travelTo('2026-01-01T10:00:00+01:00');
    await bot.post(executeAction('concern.submit', validConcernData({ eventDate: '2026-01-01' }), opts(person(3))));
    travelTo('2026-11-24T10:00:00+01:00');
    for (const n of [4, 5]) await bot.post(executeAction('concern.submit', validConcernData({ eventDate: '2026-11-23', environment: 'islamist' }), opts(person(n))));
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is for coordinators only, and only in the personal chat', async () => {
    connector.reset();
    await bot.post(message('lägesbild 2026', opts(STAFF)));
    expect((await connector.waitFor((a) => typeof a.activity.text === 'string')).activity.text).toBe('Det här får bara samordnare göra.');
    connector.reset();
    await bot.post(channelMessage('<at>VBE-stöd</at> lägesbild 2026', opts(COORDINATOR)));
    expect((await connector.waitFor((a) => typeof a.activity.text === 'string')).activity.text).toContain('bara i den personliga chatten');
    connector.reset();
    await bot.post(message('lägesbild förra året', opts(COORDINATOR)));
    expect((await connector.waitFor((a) => typeof a.activity.text === 'string')).activity.text).toContain('"lägesbild 2026"');
    expect(await auditOf('lagesbild.link_issued')).toEqual([]);
  });

  it('gives the key figures and a link that works once, with the right headers; each use audited', async () => {
    const card = await askAsCoordinator('Lägesbild 2026');
    const facts = Object.fromEntries(card.body.find((element: any) => element.type === 'FactSet').facts.map((fact: any) => [fact.title, fact.value]));
    expect(facts).toMatchObject({ Perioden: '2026-01-01 – 2026-12-31', Blanketter: '3 (–)', Enkätsvar: 'Ingen omgång' });
    expect(JSON.stringify(card)).toContain('Länken fungerar en gång och i 15 minuter.');
    const url = linkIn(card);
    expect(url).toMatch(new RegExp(`^${bot.url.replace('127.0.0.1', 'localhost')}/lagesbild/[A-Za-z0-9_-]{43}$`));
    const link = url.replace('localhost', '127.0.0.1');

    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="lagesbild-2026.docx"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const doc = readDocx(new Uint8Array(await response.arrayBuffer()));
    expect(doc.headings.map(([, text]) => text)).toEqual(expect.arrayContaining(['Lokal lägesbild 2026', 'Kartläggning', 'Lokal lägesbild', 'Enkäten', 'Samverkan', 'Aktiviteter och uppföljning', 'Analys']));
    expect(doc.rows).toContainEqual(['Blanketter för avidentifierad information', '3', '1–2', '–']);
    expect(Object.keys(doc.media)).toHaveLength(1);

    const again = await fetch(link);
    expect(again.status).toBe(404);
    expect(again.headers.get('cache-control')).toBe('no-store');
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await again.text();
    expect(page).toContain('Länken fungerar inte längre');
    expect(page).toContain('The link no longer works');

    expect(await auditOf('lagesbild.link_issued')).toEqual([
      expect.objectContaining({ actor: { kind: 'coordinator', aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name }, subject: 'lagesbild-2026.docx 2026-01-01..2027-01-01' }),
    ]);
    expect(await auditOf('lagesbild.downloaded')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ aadObjectId: COORDINATOR.aadObjectId }), subject: 'lagesbild-2026.docx 2026-01-01..2027-01-01' })]);
  });

  it('expires after 15 minutes (the bot\'s clock), and an unknown or malformed token gets the same 404', async () => {
    travelTo('2026-11-24T11:00:00+01:00');
    const link = linkIn(await askAsCoordinator('situation report 2026', 'en-GB')).replace('localhost', '127.0.0.1');
    travelTo('2026-11-24T11:15:01+01:00');
    const expired = await fetch(link);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toContain('Länken till lägesbilden är redan använd, har gått ut');
    for (const token of ['A'.repeat(43), 'short', '..%2F..%2Fetc']) {
      const unknown = await fetch(`${bot.url}/lagesbild/${token}`);
      expect(unknown.status, token).toBe(404);
      expect(await unknown.text()).toContain('The link no longer works');
    }
    expect(await auditOf('lagesbild.link_issued')).toHaveLength(2);
    expect(await auditOf('lagesbild.downloaded')).toHaveLength(1);
  });

  it('a link asked for in English downloads in English, within the 15 minutes', async () => {
    travelTo('2026-11-24T12:00:00+01:00');
    const link = linkIn(await askAsCoordinator('situation report 2026', 'en-GB')).replace('localhost', '127.0.0.1');
    travelTo('2026-11-24T12:14:00+01:00');
    const response = await fetch(link);
    expect(response.status).toBe(200);
    const doc = readDocx(new Uint8Array(await response.arrayBuffer()));
    expect(doc.headings[0]).toEqual(['Title', 'Local situation report 2026']);
    expect(await auditOf('lagesbild.downloaded')).toHaveLength(2);
  });

  it('the CLI writes the same document to stdout, audits it, and refuses bad arguments on stderr', async () => {
    const env = { DATA_DIR: dataDir };
    const written = await runCli(['lagesbild', '2026', '--from', '2025-12-01', '--to', '2026-11-30', '--lang', 'en', '--now', '2026-11-24T12:00:00+01:00'], env);
    expect(written.stderr).toContain('wrote lagesbild-2026.docx');
    expect(written.status).toBe(0);
    const doc = readDocx(new Uint8Array(written.stdoutBytes));
    expect(doc.paragraphs).toContain('Hägersten-Älvsjö stadsdelsförvaltning. The period 2025-12-01 – 2026-11-30.');
    expect(doc.rows).toContainEqual(['De-identified report forms', '3', '1–2', '–']);
    expect(await auditOf('lagesbild.issued')).toEqual([expect.objectContaining({ actor: { kind: 'operator' }, subject: 'lagesbild-2026.docx 2025-12-01..2026-12-01' })]);

    for (const [args, says] of [
      [['lagesbild', '26'], 'a year of four digits'],
      [['lagesbild', '2026', '--from', '2026-01-01'], 'give both --from and --to'],
      [['lagesbild', '2026', '--from', '2026-05-01', '--to', '2026-04-30'], 'must not be before --from'],
      [['lagesbild', '2026', '--lang', 'de'], '--lang is sv or en'],
    ] as const) {
      const refused = await runCli([...args], env);
      expect(refused.status, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain(says);
      expect(refused.stdout).toBe('');
    }
  }, 60_000);
});
