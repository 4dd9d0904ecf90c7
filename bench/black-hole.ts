/**
 * Benchmark: a Bot Connector that accepts connections and never answers (the "black hole").
 *
 *   npx tsx bench/black-hole.ts [--reports 32] [--hang-seconds 30]
 *
 * - The connector is test/support/fake-connector.ts in this process; the bot is the real
 *   src/main.ts in its own process (test/support/bot-process.ts) with its default settings
 *   (OUTBOUND_TIMEOUT_SECONDS=15, SHUTDOWN_TIMEOUT_SECONDS=10, OUTBOX_RETRY_SECONDS=30) and the
 *   embedded store in a temp DATA_DIR.
 * - Recovery: the coordinators bind a channel, the connector turns into a black hole, `--reports`
 *   reports are filed spread over `--hang-seconds` (each gets its receipt in the HTTP answer), then
 *   the connector answers again (requests already held stay unanswered, like connections to a
 *   backend that died). Measured: the time from recovery until every report is in the channel.
 * - Shutdown: the connector hangs again, one more report is filed, and once its post hangs the bot
 *   gets SIGTERM. Measured: the time until the process exited, and its exit code.
 * Only 127.0.0.1 is contacted. Result (markdown) on stdout, progress on stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COORDINATOR, channelMessage, executeAction, validConcernData } from '../test/support/activities';
import { postActivity, startBotProcess } from '../test/support/bot-process';
import { CHANNEL_ID, REPORT_REFERENCE, postedReferences } from '../test/support/channel-posts';
import { FakeConnector } from '../test/support/fake-connector';

const { values: args } = parseArgs({
  options: { reports: { type: 'string', default: '32' }, 'hang-seconds': { type: 'string', default: '30' } },
  strict: true,
});
const REPORTS = Number(args.reports);
const HANG_MS = Number(args['hang-seconds']) * 1000;
const REFERENCE = REPORT_REFERENCE;
const log = (line: string) => process.stderr.write(`[black-hole] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const connector = await FakeConnector.start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vbe-black-hole-'));
  const bot = await startBotProcess({ DATA_DIR: dataDir, COORDINATOR_IDS: COORDINATOR.aadObjectId });
  const serviceUrl = connector.serviceUrl;
  const file = async (n: number) => {
    const from = { id: `29:reporter-${n}`, name: `Medarbetare ${n}`, aadObjectId: `44444444-4444-4444-8444-${String(n).padStart(12, '0')}` };
    const answer = await postActivity(bot.url, executeAction('concern.submit', validConcernData(), { serviceUrl, from }));
    const reference = REFERENCE.exec(JSON.stringify(answer.body ?? ''))?.[0];
    if (!reference) throw new Error(`no receipt for report ${n}: HTTP ${answer.status}`);
    return reference;
  };
  try {
    await postActivity(bot.url, channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl, from: COORDINATOR }));
    await connector.waitFor((a) => a.conversationId.startsWith(CHANNEL_ID), 10_000);

    connector.blackHole();
    const references: string[] = [];
    const hungAt = Date.now();
    for (let n = 1; n <= REPORTS; n += 1) {
      references.push(await file(n));
      await sleep(Math.max(0, hungAt + (n * HANG_MS) / REPORTS - Date.now()));
    }
    log(`${REPORTS} receipts during a ${HANG_MS / 1000} s hang; ${connector.heldRequests()} requests held; connector recovers`);
    connector.release();
    const recoveredAt = Date.now();
    while (references.some((reference) => !postedReferences(connector).has(reference))) {
      if (Date.now() - recoveredAt > 600_000) throw new Error(`only ${postedReferences(connector).size} of ${REPORTS} arrived within 10 minutes`);
      await sleep(100);
    }
    const recoverySeconds = (Date.now() - recoveredAt) / 1000;
    log(`all ${REPORTS} in the channel ${recoverySeconds.toFixed(1)} s after recovery`);

    connector.blackHole();
    await file(REPORTS + 1);
    while (connector.heldRequests() <= 0) await sleep(50);
    const held = connector.heldRequests();
    const signalledAt = Date.now();
    const code = await bot.stop();
    const exitSeconds = (Date.now() - signalledAt) / 1000;
    log(`SIGTERM with ${held} requests hanging: exited ${code} after ${exitSeconds.toFixed(1)} s`);

    process.stdout.write(
      [
        `Run ${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · load average at end ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`,
        `Command: \`npx tsx bench/black-hole.ts --reports ${REPORTS} --hang-seconds ${HANG_MS / 1000}\` · bot defaults: 15 s outbound deadline, 10 s shutdown bound, retry timer 30 s`,
        '',
        '| reports filed during the hang | hang | all in the channel after recovery | SIGTERM while hanging: exit after | exit code |',
        '|---:|---:|---:|---:|---:|',
        `| ${REPORTS} | ${HANG_MS / 1000} s | ${recoverySeconds.toFixed(1)} s | ${exitSeconds.toFixed(1)} s | ${code} |`,
        '',
      ].join('\n'),
    );
  } finally {
    if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`black-hole benchmark failed: ${(error as Error).message}\n`);
  process.exit(2);
});
