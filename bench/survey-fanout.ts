/**
 * Benchmark: a survey round's fan-out through the direct-message outbox, under Teams' limits.
 *
 *   npx tsx bench/survey-fanout.ts [--recipients 5000] [--seed 1] [--fail-rate 0.01]
 *                                  [--runs both|plain|kill] [--skip-build] [--json] [--max-seconds 900]
 *
 * - This process is the coordinator and the Bot Connector (test/support/fake-connector.ts) with
 *   Teams' limits switched on (50 requests/s per app, 7/s per conversation, 429 + Retry-After past
 *   them) and `--fail-rate` of the admitted requests failing with 503 (seeded: the same run fails
 *   the same way). The target units' teams hold `--recipients` people in their rosters.
 * - The bot is the real `src/main.ts`, compiled like `npm run build` into bench/.build and started
 *   with the node flags of `npm start`, in its own process, with the embedded SQLite store in a
 *   temp DATA_DIR and its default outbox settings (40 sends/s, 8 in flight).
 * - A run: the coordinator creates and starts a round over HTTP (`survey.create`, `survey.start`),
 *   then we wait until every outbox record is final (delivered, unreachable or failed).
 * - `plain`: one process from start to end. `kill`: the bot is killed with SIGKILL when a random
 *   share (25–75 %, from the seed) of the cards has arrived, and started again on the same DATA_DIR.
 *   In flight at the kill = the claims open in the store right after it (a claim is written before
 *   a send and cleared with its result) and the requests the connector had received but not answered.
 * - Rates: a card to someone the bot never wrote to costs two connector requests
 *   (createConversation, then the send), so requests/s is what Teams' 50/s and the bot's 40/s
 *   bound. Both are measured over the sweep: first to last card request. The peak is the most card
 *   requests the connector received in any second [t, t + 1 s), as its own windows count them.
 * - Peak RSS: max of 100 ms VmRSS samples of the bot process(es), and VmHWM before exit.
 * Only 127.0.0.1 is contacted; the run is bounded by --max-seconds; children and temp dirs are
 * removed at exit. Progress on stderr, the result (markdown, or JSON) on stdout. Exit code 0 when
 * every target is met, 1 otherwise.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stockholmDate } from '../src/domain/stockholm-time';
import { addDays } from '../src/domain/calendar/working-days';
import { DEFAULT_APP_SENDS_PER_SECOND, TEAMS_APP_REQUESTS_PER_SECOND } from '../src/domain/send-rate-limit';
import { DEFAULT_CONCURRENCY } from '../src/outbox/direct-message-outbox';
import { SqliteStore } from '../src/store/sqlite/sqlite-store';
import { COORDINATOR, executeAction } from '../test/support/activities';
import { busiestSecond } from '../test/support/busiest-second';
import { FakeConnector, type FakeMember } from '../test/support/fake-connector';
import { outboxRecords } from '../test/support/outbox-records';
import { cpuMsOf, machineBusyMs, memoryOf } from './proc-readings';

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(ROOT, 'bench', '.build');
const SURVEY_CARD = 'survey.submit';
/** The target units of the example district and their teams (config/district.hagersten-alvsjo.yaml). */
const TARGET_UNITS: ReadonlyArray<[unitId: string, teamId: string]> = [
  ['forskola-hagersten', '19:forskola-hagersten@thread.tacv2'],
  ['forskola-alvsjo', '19:forskola-alvsjo@thread.tacv2'],
  ['ung-fritid', '19:ung-fritid@thread.tacv2'],
  ['socialtjanst-barn-unga', '19:ifo-barn-unga@thread.tacv2'],
  ['socialtjanst-vuxen', '19:ifo-vuxen@thread.tacv2'],
];

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    'fail-rate': { type: 'string', default: '0.01' },
    runs: { type: 'string', default: 'both' },
    'skip-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'max-seconds': { type: 'string', default: '900' },
    /** The bot's OUTBOX_SENDS_PER_SECOND (default: the bot's own default). */
    rate: { type: 'string', default: String(DEFAULT_APP_SENDS_PER_SECOND) },
  },
  strict: true,
});
const RECIPIENTS = Number(args.recipients);
const SEED = Number(args.seed);
const FAIL_RATE = Number(args['fail-rate']);
const MAX_MS = Number(args['max-seconds']) * 1000;
const RATE = Number(args.rate);
if (!(RECIPIENTS >= 10 && SEED >= 0 && FAIL_RATE >= 0 && FAIL_RATE < 1 && MAX_MS > 0) || !['both', 'plain', 'kill'].includes(args.runs!)) {
  process.stderr.write('usage: see the comment at the top of bench/survey-fanout.ts\n');
  process.exit(2);
}
const START_FLAGS = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string)
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

const log = (line: string) => process.stderr.write(`[fanout] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const startedAt = Date.now();
const deadline = startedAt + MAX_MS;

// ------------------------------------------------------------------------------- the bot process

interface Bot {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
  peakRssMb: number;
  hwmMb: number;
  cpuMs: number;
  sampler: NodeJS.Timeout;
}
const bots: Bot[] = [];
const tempDirs: string[] = [];

async function startBot(dataDir: string): Promise<Bot> {
  const child = spawn(process.execPath, [...START_FLAGS, path.join(BUILD_DIR, 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? os.tmpdir(),
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      COORDINATOR_IDS: COORDINATOR.aadObjectId,
      OUTBOX_SENDS_PER_SECOND: String(RATE),
      // Only the start line is read; per-message lines would cost the bot and this process for nothing.
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output.slice(-2000)}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      if (output.length < 100_000) output += String(chunk);
      const started = /"event":"started"[^\n]*"port":(\d+)|"port":(\d+)[^\n]*"event":"started"/.exec(output);
      if (started) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${started[1] ?? started[2]}`);
      }
    });
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    void exited.then(() => reject(new Error(`bot exited during start:\n${output.slice(-2000)}`)));
  });
  const bot: Bot = { child, url, exited, peakRssMb: 0, hwmMb: 0, cpuMs: 0, sampler: setInterval(() => sample(bot), 100) };
  bots.push(bot);
  return bot;
}

function sample(bot: Bot): void {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  const { rssMb: rss, hwmMb: hwm } = memoryOf(bot.child.pid!);
  if (Number.isFinite(rss)) bot.peakRssMb = Math.max(bot.peakRssMb, rss);
  if (Number.isFinite(hwm)) bot.hwmMb = Math.max(bot.hwmMb, hwm);
  // Gone (NaN): keep the last reading.
  bot.cpuMs = Math.max(bot.cpuMs, cpuMsOf(bot.child.pid!) || 0);
}

async function endBot(bot: Bot, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  sample(bot);
  clearInterval(bot.sampler);
  bot.child.kill(signal);
  await bot.exited;
}

process.on('exit', () => {
  for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function build(): void {
  if (args['skip-build'] && existsSync(path.join(BUILD_DIR, 'src', 'main.js'))) return;
  log('compiling src/ into bench/.build (tsc -p bench/tsconfig.build.json) …');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'bench', 'tsconfig.build.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // tsc emits despite type errors elsewhere in a shared work tree; only missing output stops us.
  if (result.status !== 0) log(`tsc exited with ${result.status}: ${`${result.stdout}${result.stderr}`.split('\n').slice(0, 5).join(' | ')}`);
  if (!existsSync(path.join(BUILD_DIR, 'src', 'main.js'))) throw new Error('build output missing: bench/.build/src/main.js');
}

// ----------------------------------------------------------------------------------------- a run

async function invoke(bot: Bot, verb: string, data: Record<string, unknown>, serviceUrl: string): Promise<string> {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(executeAction(verb, data, { serviceUrl, from: COORDINATOR })),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${verb}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text;
}

/** Creates and starts a round to every target unit, as the coordinator does from the admin card. */
async function startRound(bot: Bot, serviceUrl: string): Promise<{ roundId: string; invited: number }> {
  const today = stockholmDate(new Date());
  const created = await invoke(
    bot,
    'survey.create',
    { year: today.slice(0, 4), opensOn: today, closesOn: addDays(today, 20), targetUnitIds: TARGET_UNITS.map(([unit]) => unit).join(','), reminderDaysBeforeClose: '7' },
    serviceUrl,
  );
  const roundId = /enkat-\d{4}-[0-9a-f]{6}/.exec(created)?.[0];
  if (!roundId) throw new Error(`survey.create gave no round: ${created.slice(0, 300)}`);
  const started = await invoke(bot, 'survey.start', { roundId }, serviceUrl);
  const invited = Number(/(\d+) personer får enkäten/.exec(started.replace(/\u00a0/g, ' '))?.[1] ?? NaN);
  return { roundId, invited };
}

async function waitUntilFinal(dataDir: string, roundId: string, invited: number): Promise<number> {
  for (;;) {
    const store = new SqliteStore({ dataDir });
    const pending = await store.count('outbox', { partitionKey: roundId, where: [{ field: 'delivery.state', op: '=', value: 'pending' }] });
    const all = await store.count('outbox', { partitionKey: roundId });
    await store.close();
    if (all === invited && pending === 0) return Date.now();
    if (Date.now() > deadline) throw new Error(`time limit: ${pending} of ${all} still pending`);
    await sleep(500);
  }
}

interface Kill {
  atCards: number;
  openClaims: number;
  connectorInFlight: number;
}

interface RunResult {
  name: 'plain' | 'kill';
  invited: number;
  states: Record<string, number>;
  cards: number;
  recipientsWithCard: number;
  duplicates: number;
  lost: number;
  markedDeliveredWithoutCard: number;
  sweepSeconds: number;
  cardsPerSecond: number;
  requestsPerSecond: number;
  /** The most card requests (any answer, 429s too) the connector received in any one second. */
  peakPerSecond: number;
  throttled: number;
  injectedFaults: number;
  secondsToFinal: number;
  peakRssMb: number;
  hwmMb: number;
  /** The bot's CPU per card, and the share of the machine's 2 cores others used meanwhile. */
  botCpuMsPerCard: number;
  othersCpuPercent: number;
  kill?: Kill;
}

function random01(seed: number): number {
  const x = Math.sin(seed * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

async function run(name: 'plain' | 'kill', connector: FakeConnector): Promise<RunResult> {
  connector.reset();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vbe-fanout-'));
  tempDirs.push(dataDir);
  const surveyCards = () => connector.activities.filter((a) => JSON.stringify(a.activity?.attachments ?? []).includes(SURVEY_CARD));
  let bot = await startBot(dataDir);
  const lives = [bot];
  log(`${name}: bot started (pid ${bot.child.pid}); starting the round`);
  const clickedAt = Date.now();
  const busyAtStart = machineBusyMs();
  const ownCpuAtStart = process.cpuUsage();
  const { roundId, invited } = await startRound(bot, connector.serviceUrl);
  log(`${name}: round ${roundId}, ${invited} invited (start answered in ${((Date.now() - clickedAt) / 1000).toFixed(1)} s)`);
  let kill: Kill | undefined;
  if (name === 'kill') {
    const atCards = Math.round(invited * (0.25 + 0.5 * random01(SEED)));
    while (connector.activities.length < atCards) {
      if (Date.now() > deadline) throw new Error('time limit before the kill');
      await sleep(5);
    }
    const connectorInFlight = connector.inFlight();
    await endBot(bot, 'SIGKILL');
    const openClaims = (await outboxRecords(dataDir, roundId)).filter((record) => record.delivery.state === 'pending' && record.claimedBy !== undefined).length;
    kill = { atCards: surveyCards().length, openClaims, connectorInFlight };
    log(`${name}: SIGKILL after ${kill.atCards} cards; ${openClaims} claims open, ${connectorInFlight} requests unanswered; restarting on the same DATA_DIR`);
    bot = await startBot(dataDir);
    lives.push(bot);
  }
  const finalAt = await waitUntilFinal(dataDir, roundId, invited);
  await endBot(bot, 'SIGTERM');
  const botCpuMs = lives.reduce((sum, life) => sum + life.cpuMs, 0);
  const ownCpu = process.cpuUsage(ownCpuAtStart);
  const othersMs = machineBusyMs() - busyAtStart - botCpuMs - (ownCpu.user + ownCpu.system) / 1000;
  const records = await outboxRecords(dataDir, roundId);

  const cards = surveyCards();
  const perConversation = new Map<string, number>();
  for (const card of cards) perConversation.set(card.conversationId, (perConversation.get(card.conversationId) ?? 0) + 1);
  const conversationOf = new Map(connector.createdConversations.map((created) => [String(created.body?.members?.[0]?.id), created.id]));
  const states: Record<string, number> = {};
  let lost = 0;
  let markedDeliveredWithoutCard = 0;
  for (const record of records) {
    states[record.delivery.state] = (states[record.delivery.state] ?? 0) + 1;
    const conversationId = record.recipient.conversationId ?? conversationOf.get(String(record.recipient.userId));
    const gotCard = conversationId !== undefined && (perConversation.get(conversationId) ?? 0) > 0;
    if (!gotCard && record.delivery.state !== 'failed' && record.delivery.state !== 'unreachable') lost += 1;
    if (!gotCard && record.delivery.state === 'delivered') markedDeliveredWithoutCard += 1;
  }
  const sends = connector.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/v3/conversations'));
  const first = Math.min(...sends.map((request) => request.at));
  const last = Math.max(...sends.map((request) => request.at));
  const sweepSeconds = (last - first) / 1000;
  return {
    name,
    invited,
    states,
    cards: cards.length,
    recipientsWithCard: perConversation.size,
    duplicates: [...perConversation.values()].reduce((sum, count) => sum + count - 1, 0),
    lost,
    markedDeliveredWithoutCard,
    sweepSeconds,
    cardsPerSecond: cards.length / sweepSeconds,
    requestsPerSecond: sends.filter((request) => request.status !== 429).length / sweepSeconds,
    peakPerSecond: busiestSecond(sends.map((request) => request.at)),
    throttled: connector.requests.filter((request) => request.status === 429).length,
    injectedFaults: connector.requests.filter((request) => request.status === 503).length,
    secondsToFinal: (finalAt - clickedAt) / 1000,
    peakRssMb: Math.max(...lives.map((life) => life.peakRssMb)),
    hwmMb: Math.max(...lives.map((life) => life.hwmMb)),
    botCpuMsPerCard: botCpuMs / cards.length,
    othersCpuPercent: (100 * Math.max(0, othersMs)) / (finalAt - clickedAt),
    ...(kill ? { kill } : {}),
  };
}

// ---------------------------------------------------------------------------------------- report

interface Verdict {
  target: string;
  measured: string;
  pass: boolean;
}

function verdicts(result: RunResult): Verdict[] {
  const allowed = RATE;
  const list: Verdict[] = [];
  if (result.name === 'plain') {
    list.push({
      target: `requests/s ≥ 90 % of the bot's ${allowed}/s`,
      measured: `${result.requestsPerSecond.toFixed(1)}/s = ${((100 * result.requestsPerSecond) / allowed).toFixed(0)} %`,
      pass: result.requestsPerSecond >= 0.9 * allowed,
    });
    list.push({ target: '0 duplicates', measured: String(result.duplicates), pass: result.duplicates === 0 });
    // One over: a few ms between the bot's slot and the wire can move one request across an edge.
    list.push({
      target: `at most ${allowed} (+1) requests in any second at the connector`,
      measured: String(result.peakPerSecond),
      pass: result.peakPerSecond <= allowed + 1,
    });
  } else {
    const bound = result.kill?.openClaims ?? 0;
    list.push({ target: 'duplicates ≤ sends in flight at the kill', measured: `${result.duplicates} ≤ ${bound}`, pass: result.duplicates <= bound && bound <= DEFAULT_CONCURRENCY });
  }
  list.push({ target: '0 lost', measured: String(result.lost + result.markedDeliveredWithoutCard), pass: result.lost === 0 && result.markedDeliveredWithoutCard === 0 });
  return list;
}

function markdown(results: RunResult[], meta: Record<string, string>): string {
  const lines = [
    `Run ${meta.when} · ${meta.machine} · Node ${process.version} · git ${meta.git}`,
    `Command: \`${meta.command}\` · ${RECIPIENTS} recipients in ${TARGET_UNITS.length} teams · ${(FAIL_RATE * 100).toFixed(1)} % of admitted requests fail with 503 (seed ${SEED}) · connector limits ${TEAMS_APP_REQUESTS_PER_SECOND}/s per app, 7/s per conversation · bot: ${RATE} requests/s (OUTBOX_SENDS_PER_SECOND; default ${DEFAULT_APP_SENDS_PER_SECOND}), ${DEFAULT_CONCURRENCY} in flight · load average at start ${meta.load}`,
    '',
    `| run | invited | delivered / unreachable / failed | cards | duplicates | lost | sweep s | cards/s | requests/s | peak in 1 s at connector | vs ${DEFAULT_APP_SENDS_PER_SECOND}/s | vs ${TEAMS_APP_REQUESTS_PER_SECOND}/s | 429s | injected 503s | s to all final | peak RSS MB (VmHWM) | bot CPU ms/card | CPU of other processes | in flight at kill |`,
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const s = r.states;
    lines.push(
      `| ${r.name} | ${r.invited} | ${s.delivered ?? 0} / ${s.unreachable ?? 0} / ${s.failed ?? 0}${s.pending ? ` (+${s.pending} pending)` : ''} | ${r.cards} | ${r.duplicates} | ${r.lost + r.markedDeliveredWithoutCard} | ${r.sweepSeconds.toFixed(1)} | ${r.cardsPerSecond.toFixed(1)} | ${r.requestsPerSecond.toFixed(1)} | ${r.peakPerSecond} | ${((100 * r.requestsPerSecond) / DEFAULT_APP_SENDS_PER_SECOND).toFixed(0)} % | ${((100 * r.requestsPerSecond) / TEAMS_APP_REQUESTS_PER_SECOND).toFixed(0)} % | ${r.throttled} | ${r.injectedFaults} | ${r.secondsToFinal.toFixed(1)} | ${r.peakRssMb.toFixed(0)} (${r.hwmMb.toFixed(0)}) | ${r.botCpuMsPerCard.toFixed(1)} | ${r.othersCpuPercent.toFixed(0)} % of a core | ${r.kill ? `killed after ${r.kill.atCards} cards: ${r.kill.openClaims} claims open, ${r.kill.connectorInFlight} requests unanswered` : '–'} |`,
    );
  }
  lines.push('', '| run | target | measured | |', '|---|---|---|---|');
  for (const r of results) for (const v of verdicts(r)) lines.push(`| ${r.name} | ${v.target} | ${v.measured} | ${v.pass ? 'PASS' : 'FAIL'} |`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  build();
  const connector = await FakeConnector.start({ enforceTeamsLimits: true, randomFaults: { rate: FAIL_RATE, seed: SEED, status: 503 } });
  const perTeam = Math.ceil(RECIPIENTS / TARGET_UNITS.length);
  TARGET_UNITS.forEach(([unitId, teamId], team) => {
    const members: FakeMember[] = [];
    for (let n = team * perTeam; n < Math.min(RECIPIENTS, (team + 1) * perTeam); n += 1) {
      members.push({ id: `29:${unitId}-${n}`, name: `Medarbetare ${n}`, aadObjectId: `f0f0f0f0-0000-4000-8000-${String(n).padStart(12, '0')}` });
    }
    connector.addTeam(teamId, members);
  });
  const load = os.loadavg().map((value) => value.toFixed(2)).join(' / ');
  const results: RunResult[] = [];
  try {
    for (const name of args.runs === 'both' ? (['plain', 'kill'] as const) : [args.runs as 'plain' | 'kill']) results.push(await run(name, connector));
  } finally {
    await connector.close();
  }
  const git = (gitArgs: string[]) => spawnSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const meta = {
    when: new Date(startedAt).toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
    git: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain']) ? ' (+ local changes)' : ''}`,
    command: `npx tsx bench/survey-fanout.ts ${process.argv.slice(2).join(' ')}`.trim(),
    load,
  };
  process.stdout.write(args.json ? `${JSON.stringify({ meta, results }, null, 2)}\n` : `${markdown(results, meta)}\n`);
  return results.flatMap(verdicts).every((verdict) => verdict.pass) ? 0 : 1;
}

const overall = setTimeout(() => {
  log('time limit reached');
  process.exit(2);
}, MAX_MS + 60_000);
overall.unref();
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);
