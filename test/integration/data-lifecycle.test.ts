import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate, stockholmInstant } from '../../src/domain/stockholm-time';
import { queryAll, CONTAINERS } from '../../src/store/document-store';
import { isKeyMaterial } from '../../src/store/repositories/settings';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { COORDINATOR, channelMessage, executeAction, validConcernData, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { runCli } from '../support/cli';
import { startCosmosEmulator } from '../support/cosmos-emulator';
import { FakeConnector } from '../support/fake-connector';

const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';
const person = (n: number): Person => ({ id: `29:life-${n}`, name: `Person ${n}`, aadObjectId: `44444444-4444-4444-8444-${String(n).padStart(12, '0')}` });
const referenceOf = (body: any) => /VBE-\d{4}-\d{4}/.exec(JSON.stringify(body?.value ?? ''))?.[0];

async function allDocuments(dataDir: string) {
  const store = new SqliteStore({ dataDir });
  const documents = [];
  for (const container of CONTAINERS) {
    for (const item of await queryAll(store, container, {})) documents.push({ container, partitionKey: item.partitionKey, id: item.id, body: item.body });
  }
  await store.close();
  return documents.sort((a, b) => `${a.container}/${a.partitionKey}/${a.id}`.localeCompare(`${b.container}/${b.partitionKey}/${b.id}`));
}

describe('the data life cycle: audit, gallring, moving between stores', () => {
  let connector: FakeConnector;
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-life-'));
  const reportsByTime: Record<string, string[]> = { old: [], recent: [] };
  const secretDescription = 'Tre klistermärken med vit makt-symbol på återvinningsstationen, borttagna.';

  async function fileReports(clock: Date, count: number, label: 'old' | 'recent', bot: TestBot) {
    for (let i = 0; i < count; i += 1) {
      const eventDate = clock.toISOString().slice(0, 10);
      const response = await bot.post(
        executeAction('concern.submit', validConcernData({ eventDate, description: secretDescription }), { serviceUrl: connector.serviceUrl, from: person(i + (label === 'old' ? 0 : 100)) }),
      );
      reportsByTime[label]!.push(referenceOf(response.body)!);
    }
  }

  beforeAll(async () => {
    connector = await FakeConnector.start();
    // Two years ago: reports that gallring must remove.
    const past = await startTestBot({ dataDir, clock: () => new Date('2024-06-10T10:00:00Z') });
    await past.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    await fileReports(new Date('2024-06-10T10:00:00Z'), 3, 'old', past);
    await connector.waitFor((a) => a.conversationId === CHANNEL_ID && JSON.stringify(a.activity.attachments ?? []).includes(reportsByTime.old![2]!), 10_000);
    await past.post(executeAction('concern.handle', { reference: reportsByTime.old![0] }, { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    await past.stop();
    // Now: reports that must stay, posted to the channel and one handled by a coordinator.
    const bot = await startTestBot({ dataDir });
    await bot.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    await fileReports(new Date(), 2, 'recent', bot);
    await connector.waitFor((a) => a.conversationId === CHANNEL_ID && JSON.stringify(a.activity.attachments ?? []).includes(reportsByTime.recent![1]!), 10_000);
    await bot.post(executeAction('concern.handle', { reference: reportsByTime.recent![0] }, { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    await bot.stop();
  }, 60_000);
  afterAll(async () => {
    await connector.close();
  });

  it('audits every disclosure with who, what and when, and never the report text', async () => {
    const audit = (await allDocuments(dataDir)).filter((document) => document.container === 'audit').map((document) => document.body as any);
    const posted = audit.filter((entry) => entry.action === 'report.posted_to_channel').map((entry) => entry.subject);
    expect(posted).toEqual(expect.arrayContaining([...reportsByTime.old!, ...reportsByTime.recent!]));
    // "Markera som hanterad" on an old post is the acknowledgement (Ny → Mottagen).
    const handled = audit.find((entry) => entry.action === 'report.case_changed' && entry.subject === reportsByTime.recent![0]);
    expect(handled).toMatchObject({ subject: reportsByTime.recent![0], actor: { kind: 'coordinator', aadObjectId: COORDINATOR.aadObjectId }, transition: { action: 'acknowledge', from: 'new', to: 'received' } });
    expect(Date.parse(handled.at)).toBeGreaterThan(Date.now() - 120_000);
    expect(JSON.stringify(audit)).not.toContain('klistermärken');
  });

  it('moves every document out of the store and into an empty one without loss', async () => {
    const exported = await runCli(['store', 'export'], { DATA_DIR: dataDir });
    expect(exported.status).toBe(0);
    const lines = exported.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5 + 1);
    // The bot ran without DATA_KEY, so it keeps a generated secret in the store: never in a dump.
    const secret = (await allDocuments(dataDir)).find((document) => isKeyMaterial(document.container, document.id));
    expect(secret).toBeDefined();
    expect(exported.stdout).not.toContain((secret!.body as { secret: string }).secret);
    const target = mkdtempSync(join(tmpdir(), 'vbe-import-'));
    const imported = await runCli(['store', 'import'], { DATA_DIR: target }, exported.stdout);
    expect(imported.status).toBe(0);
    expect(imported.stderr).toContain(`imported ${lines.length} documents`);
    return Promise.all([allDocuments(dataDir), allDocuments(target)]).then(([source, copy]) => {
      // The copy has everything the source had when exported (the source has since gained the export's own audit entry).
      // Nor does it have the generated secret: a dump carries no key material.
      const withoutExportAudit = source.filter((document) => (document.body as any).action !== 'store.exported' && !isKeyMaterial(document.container, document.id));
      const copied = copy.filter((document) => (document.body as any).action !== 'store.imported');
      expect(copied).toEqual(withoutExportAudit);
    });
  });

  it('moves everything from the embedded store to Cosmos DB and back without loss', async () => {
    const emulator = await startCosmosEmulator();
    try {
      const cosmosEnv = {
        STORE: 'cosmos',
        COSMOS_ENDPOINT: emulator.endpoint,
        COSMOS_KEY: emulator.key,
        COSMOS_DATABASE: 'round-trip',
        NODE_TLS_REJECT_UNAUTHORIZED: '0',
        NODE_NO_WARNINGS: '1',
      };
      const fromSqlite = await runCli(['store', 'export'], { DATA_DIR: dataDir });
      const intoCosmos = await runCli(['store', 'import'], cosmosEnv, fromSqlite.stdout);
      expect(intoCosmos.stderr).toContain('imported');
      expect(intoCosmos.status).toBe(0);
      const fromCosmos = await runCli(['store', 'export'], cosmosEnv);
      expect(fromCosmos.status).toBe(0);
      const back = mkdtempSync(join(tmpdir(), 'vbe-back-'));
      expect((await runCli(['store', 'import'], { DATA_DIR: back }, fromCosmos.stdout)).status).toBe(0);
      const operatorAudit = (document: { body: unknown }) => ['store.exported', 'store.imported'].includes((document.body as any).action);
      const [source, returned] = await Promise.all([allDocuments(dataDir), allDocuments(back)]);
      expect(returned.filter((document) => !operatorAudit(document))).toEqual(source.filter((document) => !operatorAudit(document) && !isKeyMaterial(document.container, document.id)));

      // Gallring works the same on Cosmos DB (in code, not by TTL: the emulator never expires anything).
      // Noon today, Stockholm time: the day's gallring is due from 00:05, whatever time the test runs.
      const retention = await runCli(['jobs', 'run', 'retention', '--now', stockholmInstant(stockholmDate(new Date()), '12:00').toISOString()], cosmosEnv);
      expect(retention.status).toBe(0);
      expect(JSON.parse(retention.stdout)).toMatchObject({ reports: 3, auditEntries: 4 });
    } finally {
      await emulator.stop();
    }
  }, 60_000);

  it('refuses a dump that is not one, naming the line', async () => {
    const target = mkdtempSync(join(tmpdir(), 'vbe-import-bad-'));
    const result = await runCli(['store', 'import'], { DATA_DIR: target }, '{"container":"reports","partitionKey":"p","id":"x","body":{}}\n{"container":"nope"}\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('line 2');
  });

  it('gallring removes what has expired and reports how much, counts only', async () => {
    // Noon today, Stockholm time: the day's gallring is due from 00:05.
    const noon = stockholmInstant(stockholmDate(new Date()), '12:00').toISOString();
    const run = await runCli(['jobs', 'run', 'retention', '--now', noon], { DATA_DIR: dataDir });
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ job: 'retention', status: 'ran', reports: 3, auditEntries: 4, postsMarkedDeleted: 3 });
    expect(run.stdout).not.toContain('klistermärken');
    const documents = await allDocuments(dataDir);
    const left = documents.filter((document) => document.container === 'reports').map((document) => document.id);
    expect(left.sort()).toEqual([...reportsByTime.recent!].sort());
    const auditLeft = documents.filter((document) => document.container === 'audit').map((document) => (document.body as any).at as string);
    expect(auditLeft.length).toBeGreaterThanOrEqual(3);
    expect(auditLeft.every((at) => at.startsWith(String(new Date().getUTCFullYear())))).toBe(true);
    // The same day again: it already ran (once per period, as the scheduler runs it).
    expect(JSON.parse((await runCli(['jobs', 'run', 'retention', '--now', noon], { DATA_DIR: dataDir })).stdout)).toMatchObject({ status: 'already_ran' });
    // The next day it runs and finds nothing more.
    const tomorrow = new Date(Date.parse(noon) + 24 * 3600_000).toISOString();
    expect(JSON.parse((await runCli(['jobs', 'run', 'retention', '--now', tomorrow], { DATA_DIR: dataDir })).stdout)).toMatchObject({
      status: 'ran',
      reports: 0,
      auditEntries: 0,
    });
  });

  it('answers a bad job name or time with usage, not a crash', async () => {
    expect(await runCli(['jobs', 'run', 'everything'], { DATA_DIR: dataDir })).toMatchObject({ status: 2 });
    const badTime = await runCli(['jobs', 'run', 'retention', '--now', 'tomorrow'], { DATA_DIR: dataDir });
    expect(badTime.status).toBe(2);
    expect(badTime.stderr).toContain('--now');
  });
});
