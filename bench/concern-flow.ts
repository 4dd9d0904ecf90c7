/**
 * Benchmark: the concern flow (`rapportera` + `concern.submit`) of VBE-stöd over HTTP, side by side
 * with a bare echo bot on the same stack (bench/echo-bot.ts), in one run.
 *
 *   npx tsx bench/concern-flow.ts [--turns 2000] [--warmup 200] [--rounds 4] [--concurrency 50]
 *                                 [--runtime dist|tsx] [--skip-build] [--json] [--cpu-prof]
 *                                 [--node-flags "--optimize-for-size" | none] [--max-phase-seconds 40] [--max-seconds 175]
 *
 * - Both bots run as their own child processes (compiled with bench/tsconfig.build.json into
 *   bench/.build by default, `--runtime tsx` runs the TypeScript sources through tsx instead).
 * - This process is the load generator and the (fake) Bot Connector (test/support/fake-connector.ts):
 *   every reply, and every channel post, goes back to it over HTTP.
 * - Closed loop: `--concurrency` clients send turns back to back over keep-alive connections, a
 *   warm-up of `--warmup` turns per kind is not counted, then `--turns` turns per kind are measured,
 *   split into `--rounds` rounds of echo → rapportera → submit, so that every kind sees the same
 *   background load of the machine. Each slice opens a fresh keep-alive pool and starts with an
 *   uncounted ramp of one turn per client; its window opens when the first counted turn is sent, so
 *   it measures the steady state, not 50 clients starting in lock-step on new connections.
 * - turns/s = turns completed inside the windows / their wall time; bot CPU from /proc/<pid>/stat;
 *   "CPU of other processes" = machine busy time (/proc/stat) minus the bots and this process,
 *   i.e. how much the machine was shared with someone else during the measurement.
 * - `--cpu-prof` profiles both bots (V8 sampling profiler, written on graceful exit to
 *   bench/.profiles/) and prints where the bot's CPU went during each kind's measured slices.
 * - Both bots get the node flags of `npm start` (package.json); `--node-flags "…"` replaces them
 *   (e.g. to try memory settings), `--node-flags none` runs them without any.
 * - Latency = POST /api/messages sent → HTTP response fully read. For a message turn the Agents SDK
 *   answers 200 only after the reply was sent to the connector; for the invoke the response carries
 *   the receipt card.
 * - RSS from /proc/<pid>/status (VmRSS): idle = after start + a few warm-up turns + 2 s settle;
 *   peak = max of 100 ms samples during the load phases.
 * Only 127.0.0.1 is contacted; every phase is bounded in turns and time; children and temp dirs are
 * removed on exit, error or Ctrl-C. Progress goes to stderr, the result (markdown, or JSON with
 * --json) to stdout.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FakeConnector } from '../test/support/fake-connector';
import { COORDINATOR, channelMessage, executeAction, message, validConcernData, type Person } from '../test/support/activities';
import { stockholmDate } from '../src/domain/stockholm-time';
import { freePort } from '../test/support/free-port';
import { cpuMsOf, machineBusyMs, memoryOf } from './proc-readings';

// ------------------------------------------------------------------------------------------ options

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(ROOT, 'bench', '.build');
const PROFILE_DIR = path.join(ROOT, 'bench', '.profiles');
const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';
const RECEIPT = /VBE-\d{4}-\d{4}/;

const { values: args } = parseArgs({
  options: {
    turns: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '50' },
    runtime: { type: 'string', default: 'dist' },
    'skip-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    'max-phase-seconds': { type: 'string', default: '40' },
    'max-seconds': { type: 'string', default: '175' },
    'request-timeout-ms': { type: 'string', default: '10000' },
    'node-flags': { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (args.help) {
  process.stdout.write(readFileSync(__filename, 'utf8').split('*/')[0]!.replace(/^\/\*\*\n/, '').replace(/^ \* ?/gm, '') + '\n');
  process.exit(0);
}

function intOption(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in ${min}..${max}`);
  return n;
}
const TURNS = intOption('turns', args.turns, 1, 50_000);
const WARMUP = intOption('warmup', args.warmup, 0, 10_000);
const ROUNDS = intOption('rounds', args.rounds, 1, 100);
const CONCURRENCY = intOption('concurrency', args.concurrency, 1, 500);
const MAX_PHASE_MS = intOption('max-phase-seconds', args['max-phase-seconds'], 1, 600) * 1000;
const MAX_TOTAL_MS = intOption('max-seconds', args['max-seconds'], 10, 1800) * 1000;
const REQUEST_TIMEOUT_MS = intOption('request-timeout-ms', args['request-timeout-ms'], 100, 120_000);
const RUNTIME = args.runtime === 'tsx' ? 'tsx' : args.runtime === 'dist' ? 'dist' : undefined;
if (!RUNTIME) throw new Error('--runtime must be dist or tsx');
const CPU_PROF = args['cpu-prof'] ?? false;
/**
 * Node flags for both bots. Default: the flags `npm start` gives node (package.json), so the
 * benchmark measures what production runs; `--node-flags=…` replaces them.
 */
const START_FLAGS = (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).scripts.start as string)
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));
const NODE_FLAGS = args['node-flags'] === 'none' ? [] : args['node-flags'] ? args['node-flags'].split(/\s+/).filter(Boolean) : START_FLAGS;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// --------------------------------------------------------------------------------- /proc readings

/** Samples RSS of the bots every 100 ms; `window()` starts a new peak window. */
class RssSampler {
  private peaks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pids: number[]) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }
  private sample(): void {
    for (const pid of this.pids) {
      const { rssMb } = memoryOf(pid);
      if (Number.isFinite(rssMb)) this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, rssMb));
    }
  }
  window(): void {
    this.peaks = new Map();
    this.sample();
  }
  peak(pid: number): number {
    this.sample();
    return this.peaks.get(pid) ?? NaN;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

// -------------------------------------------------------------------------------------- children

interface BotProcess {
  name: string;
  proc: ChildProcess;
  pid: number;
  port: number;
  /** last lines of stdout/stderr, for error messages */
  output: string[];
  exited: Promise<number | null>;
  alive: boolean;
}

const children: BotProcess[] = [];
const tempDirs: string[] = [];

async function startBot(name: string, nodeArgs: string[], env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, [...NODE_FLAGS, ...nodeArgs], {
    cwd: ROOT,
    // A clean environment: nothing of the caller's (no MicrosoftAppId that would switch auth on).
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`${name}: could not spawn`);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 40) output.splice(0, output.length - 40);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const bot: BotProcess = {
    name, proc, pid: proc.pid, port, output, alive: true,
    exited: new Promise((resolve) => proc.once('exit', (code) => { bot.alive = false; resolve(code); })),
  };
  children.push(bot);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!bot.alive) throw new Error(`${name} exited during start:\n${output.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`${name} did not answer /healthz within 30 s:\n${output.join('\n')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
    if (ok) return bot;
    await sleep(50);
  }
}

async function stopBot(bot: BotProcess, graceMs = 15_000): Promise<void> {
  if (!bot.alive) return;
  bot.proc.kill('SIGTERM');
  const done = await Promise.race([bot.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done && bot.alive) {
    log(`${bot.name} did not stop within ${graceMs} ms after SIGTERM; SIGKILL`);
    bot.proc.kill('SIGKILL');
    await bot.exited;
  }
}

let connector: FakeConnector | undefined;
let cleanedUp = false;
/** Called between steps: after a time-limit abort or Ctrl-C the main flow stops quietly. */
function assertRunning(): void {
  if (cleanedUp) throw new Error('aborted');
}

async function cleanup(): Promise<void> {
  if (cleanedUp) return;
  cleanedUp = true;
  await Promise.all(children.map((bot) => stopBot(bot)));
  await connector?.close().catch(() => undefined);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

// Last resort (uncaught error, process.exit): no child and no temp dir outlives the benchmark.
process.on('exit', () => {
  for (const bot of children) if (bot.alive) bot.proc.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

function build(): void {
  if (RUNTIME !== 'dist' || args['skip-build']) return;
  log('compiling src/ and bench/echo-bot.ts into bench/.build (tsc -p bench/tsconfig.build.json) …');
  const started = Date.now();
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'bench', 'tsconfig.build.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    // tsc still emits on type errors (e.g. someone else's work in progress): warn and go on if the output is there.
    log(`tsc exited with ${result.status}; first lines:\n${`${result.stdout}${result.stderr}`.split('\n').slice(0, 15).join('\n')}`);
  }
  for (const file of ['src/main.js', 'bench/echo-bot.js']) {
    if (!existsSync(path.join(BUILD_DIR, file))) throw new Error(`build output missing: bench/.build/${file}`);
  }
  log(`compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function entry(source: 'src/main' | 'bench/echo-bot'): string[] {
  return RUNTIME === 'dist' ? [path.join(BUILD_DIR, `${source}.js`)] : ['--import', 'tsx', path.join(ROOT, `${source}.ts`)];
}

// ------------------------------------------------------------------------------------------ HTTP

function post(agent: http.Agent, port: number, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

// ------------------------------------------------------------------------------------ activities

function benchUser(kind: 'm' | 's', n: number): Person {
  // a valid GUID per user (version 4 layout), distinct per kind and number
  const hex = n.toString(16).padStart(12, '0');
  return { id: `29:bench-${kind}-${n}`, name: `Bench ${kind}${n}`, aadObjectId: `b3c4${kind === 'm' ? '0000' : '5555'}-0000-4000-8000-${hex}` };
}

let submitUsers = 0;
const yesterday = stockholmDate(new Date(Date.now() - 24 * 3600 * 1000));
const toBody = (activity: unknown) => Buffer.from(JSON.stringify(activity));

function messageBodies(count: number, serviceUrl: string, text: string): Buffer[] {
  // one user per client, like one person per chat
  return Array.from({ length: count }, (_, i) => toBody(message(text, { serviceUrl, from: benchUser('m', i % CONCURRENCY) })));
}

function submitBodies(count: number, serviceUrl: string): Buffer[] {
  // a new user for every submit: the bot allows 10 reports per user per hour
  return Array.from({ length: count }, () =>
    toBody(executeAction('concern.submit', validConcernData({ eventDate: yesterday }), { serviceUrl, from: benchUser('s', ++submitUsers) })),
  );
}

type Check = (status: number, text: string) => string | undefined;
const expect200: Check = (status) => (status === 200 ? undefined : `HTTP ${status}`);
const expectReceipt: Check = (status, text) => {
  if (status !== 200) return `HTTP ${status}`;
  if (!text.includes('application/vnd.microsoft.card.adaptive')) return 'no card in invoke response';
  return RECEIPT.test(text) ? undefined : 'card without a reference (not accepted)';
};

// ------------------------------------------------------------------------------------------ load

interface LoadResult {
  /** measured turns sent (after the ramp) */
  turns: number;
  ok: number;
  errors: Record<string, number>;
  /** successful turns of the uncounted ramp */
  rampOk: number;
  truncated: boolean;
  /** from sending the first measured turn to the last answer */
  wallMs: number;
  /** every turn (ramp or measured) that completed inside the window: the throughput of the window */
  completedInWindow: number;
  startedAtUs: number;
  endedAtUs: number;
  latencies: number[];
}

/**
 * A closed loop of CONCURRENCY clients over `bodies`. The first `ramp` turns are not counted: the
 * window opens (and `onWindowStart` runs) when the first counted turn is sent, so a slice measures
 * the steady state and not the synchronised start of all clients on new connections.
 */
async function load(
  port: number, agent: http.Agent, bodies: Buffer[], check: Check, deadlineMs: number, ramp = 0, onWindowStart?: () => void,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let rampOk = 0;
  let next = 0;
  let truncated = false;
  let completedInWindow = 0;
  let windowStart: number | undefined;
  let startedAtUs = 0;
  const deadline = performance.now() + deadlineMs;
  const openWindow = () => {
    onWindowStart?.();
    windowStart = performance.now();
    startedAtUs = Number(process.hrtime.bigint() / 1000n);
  };
  if (ramp === 0) openWindow();
  const worker = async () => {
    for (;;) {
      if (next >= bodies.length) return;
      if (performance.now() > deadline || cleanedUp) {
        truncated = true;
        return;
      }
      const index = next++;
      if (index === ramp && ramp > 0) openWindow();
      const counted = index >= ramp;
      const start = performance.now();
      let problem: string | undefined;
      try {
        const response = await post(agent, port, bodies[index]!);
        problem = check(response.status, response.text);
      } catch (error) {
        problem = (error as Error).message;
      }
      const ms = performance.now() - start;
      if (windowStart !== undefined) completedInWindow += 1;
      if (!counted) {
        if (!problem) rampOk += 1;
      } else if (problem) errors[problem] = (errors[problem] ?? 0) + 1;
      else latencies.push(ms);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, bodies.length) }, worker));
  if (windowStart === undefined) openWindow();
  return {
    turns: Math.max(0, next - ramp), ok: latencies.length, errors, rampOk, truncated,
    wallMs: performance.now() - windowStart!, completedInWindow,
    startedAtUs, endedAtUs: Number(process.hrtime.bigint() / 1000n), latencies,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface PhaseResult {
  id: 'echo' | 'rapportera' | 'submit';
  label: string;
  bot: string;
  warmupOk: number;
  /** successful uncounted ramp turns at the start of each slice */
  rampOk: number;
  turns: number;
  ok: number;
  errors: Record<string, number>;
  truncated: boolean;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  /** turns completed inside the measured windows / their wall time */
  turnsPerSecond: number;
  /** bot process CPU during the measured slices, % of one core */
  botCpuPercent: number;
  botCpuMsPerTurn: number;
  peakRssMb: number;
  /** replies (non-channel activities) the fake connector received during the measured slices */
  connectorReplies: number;
  loadGenCpuPercent: number;
  /** CPU of everything else on the machine (other users' processes), % of one core */
  otherCpuPercent: number;
  /** p50 of the first and the last 10 % of the measured turns: drift over the run (e.g. a growing database) */
  p50First10: number;
  p50Last10: number;
  loadGenLoopDelayP99Ms: number;
  windowsUs: Array<[number, number]>;
  rounds: RoundStats[];
}

interface RoundStats { turns: number; p50: number; p99: number; turnsPerSecond: number; botCpuMsPerTurn: number; otherCpuPercent: number; reportsStoredBefore?: number }

/** One kind of turn against one bot; measured in slices (rounds) interleaved with the other kinds. */
class TurnKind {
  private warmupOk = 0;
  private rampOk = 0;
  private completedInWindow = 0;
  private turns = 0;
  private truncated = false;
  private wallMs = 0;
  private botCpuMs = 0;
  private otherCpuMs = 0;
  private genCpuMs = 0;
  private peakRssMb = 0;
  private loopDelayP99Ms = 0;
  private connectorReplies = 0;
  private readonly latencies: number[] = [];
  private readonly errors: Record<string, number> = {};
  private readonly windowsUs: Array<[number, number]> = [];
  private readonly rounds: RoundStats[] = [];

  constructor(
    readonly id: PhaseResult['id'],
    readonly label: string,
    readonly bot: BotProcess,
    private readonly otherBot: BotProcess,
    private readonly bodies: (count: number) => Buffer[],
    private readonly check: Check,
  ) {}

  async warmUp(onReset: () => void): Promise<void> {
    assertRunning();
    if (WARMUP === 0) return;
    const bodies = this.bodies(WARMUP);
    onReset();
    connector!.reset();
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const warm = await load(this.bot.port, agent, bodies, this.check, MAX_PHASE_MS);
    agent.destroy();
    assertRunning();
    this.warmupOk += warm.ok;
    const failed = Object.values(warm.errors).reduce((a, b) => a + b, 0);
    log(`${this.id}: warm-up ${warm.ok}/${bodies.length} ok in ${(warm.wallMs / 1000).toFixed(1)} s${failed ? `, errors ${JSON.stringify(warm.errors)}` : ''}`);
  }

  async measure(count: number, sampler: RssSampler, onReset: () => void): Promise<void> {
    assertRunning();
    const storedBefore = submitUsers;
    const ramp = Math.min(CONCURRENCY, WARMUP);
    const bodies = this.bodies(ramp + count);
    onReset();
    connector!.reset();
    let cpuBefore = 0;
    let otherBotBefore = 0;
    let machineBefore = 0;
    let genCpuBefore = process.cpuUsage();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    // A fresh keep-alive pool per slice: sockets left idle while the other kinds run would be closed
    // by the server's keep-alive timeout (5 s) and fail with "socket hang up" when reused.
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const result = await load(this.bot.port, agent, bodies, this.check, MAX_PHASE_MS, ramp, () => {
      sampler.window();
      cpuBefore = cpuMsOf(this.bot.pid);
      otherBotBefore = cpuMsOf(this.otherBot.pid);
      machineBefore = machineBusyMs();
      genCpuBefore = process.cpuUsage();
      loop.enable();
    });
    loop.disable();
    assertRunning();
    const genCpu = process.cpuUsage(genCpuBefore);
    const genMs = (genCpu.user + genCpu.system) / 1000;
    const botCpu = cpuMsOf(this.bot.pid) - cpuBefore;
    const otherMs = Math.max(0, machineBusyMs() - machineBefore - botCpu - (cpuMsOf(this.otherBot.pid) - otherBotBefore) - genMs);
    agent.destroy();
    this.rampOk += result.rampOk;
    this.turns += result.turns;
    this.truncated ||= result.truncated;
    this.wallMs += result.wallMs;
    this.completedInWindow += result.completedInWindow;
    this.botCpuMs += botCpu;
    this.genCpuMs += genMs;
    this.otherCpuMs += otherMs;
    this.peakRssMb = Math.max(this.peakRssMb, sampler.peak(this.bot.pid));
    this.loopDelayP99Ms = Math.max(this.loopDelayP99Ms, loop.percentile(99) / 1e6);
    this.connectorReplies += connector!.activities.filter((a) => a.conversationId !== CHANNEL_ID).length;
    this.latencies.push(...result.latencies);
    for (const [k, v] of Object.entries(result.errors)) this.errors[k] = (this.errors[k] ?? 0) + v;
    this.windowsUs.push([result.startedAtUs, result.endedAtUs]);
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const other = (otherMs / result.wallMs) * 100;
    const perSecond = (result.completedInWindow * 1000) / result.wallMs;
    this.rounds.push({
      turns: result.turns, p50: percentile(sorted, 50), p99: percentile(sorted, 99), turnsPerSecond: perSecond,
      botCpuMsPerTurn: botCpu / Math.max(1, result.completedInWindow), otherCpuPercent: other,
      ...(this.id === 'submit' ? { reportsStoredBefore: storedBefore + ramp } : {}),
    });
    log(`${this.id}: ${result.ok}/${result.turns} ok, p50 ${fmt(percentile(sorted, 50))} ms, p99 ${fmt(percentile(sorted, 99))} ms, ${fmt(perSecond, 0)} turns/s, bot CPU ${fmt((botCpu / result.wallMs) * 100, 0)} %, other processes ${fmt(other, 0)} %${Object.keys(result.errors).length ? `, errors ${JSON.stringify(result.errors)}` : ''}${result.truncated ? ' (TRUNCATED by --max-phase-seconds)' : ''}`);
  }

  result(): PhaseResult {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const tenth = Math.ceil(this.latencies.length / 10);
    const p50Of = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    return {
      id: this.id, label: this.label, bot: this.bot.name, warmupOk: this.warmupOk, rampOk: this.rampOk,
      turns: this.turns, ok: this.latencies.length, errors: this.errors, truncated: this.truncated,
      p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN,
      mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
      turnsPerSecond: (this.completedInWindow * 1000) / this.wallMs,
      botCpuPercent: (this.botCpuMs / this.wallMs) * 100,
      botCpuMsPerTurn: this.botCpuMs / Math.max(1, this.completedInWindow),
      peakRssMb: this.peakRssMb,
      connectorReplies: this.connectorReplies,
      loadGenCpuPercent: (this.genCpuMs / this.wallMs) * 100,
      otherCpuPercent: (this.otherCpuMs / this.wallMs) * 100,
      p50First10: p50Of(this.latencies.slice(0, tenth)),
      p50Last10: p50Of(this.latencies.slice(-tenth)),
      loadGenLoopDelayP99Ms: this.loopDelayP99Ms,
      windowsUs: this.windowsUs,
      rounds: this.rounds,
    };
  }
}

// --------------------------------------------------------------------------------- CPU profile

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

function area(url: string): string {
  if (!url) return '(native/V8)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 14).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (file.startsWith('node:')) return `node:${file.slice(5).split('/').slice(0, 2).join('/')}`;
  const rel = path.relative(ROOT, file).replace(/^bench\/\.build\//, '');
  return rel.startsWith('..') ? file : rel;
}

/** Self time by area and function, inclusive time of the project's own functions, within a time window. */
function summarizeProfile(file: string, windowsUs: Array<[number, number]>) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => {
    const where = area(n.callFrame.url);
    return `${n.callFrame.functionName || '(anonymous)'} ${where}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  };
  const selfByArea = new Map<string, number>();
  const selfByFn = new Map<string, number>();
  const inclusiveOwn = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i] ?? 0;
    const delta = profile.timeDeltas[i + 1] ?? 0; // time until the next sample is this sample's weight
    if (!windowsUs.some(([from, to]) => t >= from && t <= to)) continue;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    total += delta;
    const fn = node.callFrame.functionName;
    const a = fn === '(idle)' || fn === '(garbage collector)' || fn === '(program)' ? fn : area(node.callFrame.url);
    selfByArea.set(a, (selfByArea.get(a) ?? 0) + delta);
    selfByFn.set(key(node), (selfByFn.get(key(node)) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      const where = area(n.callFrame.url);
      if (!where.startsWith('src/')) continue;
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusiveOwn.set(k, (inclusiveOwn.get(k) ?? 0) + delta);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, ms: us / 1000, percent: (us / Math.max(1, total)) * 100 }));
  return { file: path.relative(ROOT, file), windowMs: total / 1000, selfByArea: top(selfByArea, 15), selfByFunction: top(selfByFn, 20), inclusiveProjectFunctions: top(inclusiveOwn, 20) };
}

// ------------------------------------------------------------------------------------------ main


async function main() {
  const startedAt = new Date();
  const loadAtStart = os.loadavg().map((x) => Number(x.toFixed(2)));
  build();
  connector = await FakeConnector.start();
  // The real Bot Connector keeps idle connections far longer than Node's default 5 s; with the default,
  // the bots' pooled sockets die in the pauses between rounds and the first replies of the next round
  // hit a reset socket and wait for the SDK's retry back-off (~1 s), which is a bench artefact.
  const connectorServer = (connector as unknown as { server: http.Server }).server;
  connectorServer.keepAliveTimeout = 120_000;
  connectorServer.headersTimeout = 125_000;
  const serviceUrl = connector.serviceUrl;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vbe-bench-data-'));
  tempDirs.push(dataDir);
  let profileDir: string | undefined;
  if (CPU_PROF) {
    profileDir = path.join(PROFILE_DIR, startedAt.toISOString().replace(/[:.]/g, '-'));
    mkdirSync(profileDir, { recursive: true });
  }

  log(`starting bots (${RUNTIME === 'dist' ? 'compiled JS from bench/.build' : 'TypeScript via tsx'}) …`);
  const [vbe, echo] = await Promise.all([
    startBot('vbe-stod', [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, 'vbe-stod')}`] : []), ...entry('src/main')], {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      COORDINATOR_IDS: COORDINATOR.aadObjectId,
    }),
    startBot('echo', [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, 'echo')}`] : []), ...entry('bench/echo-bot')], {}),
  ]);
  const atStart = { vbe: memoryOf(vbe.pid).rssMb, echo: memoryOf(echo.pid).rssMb };
  log(`bots up: vbe-stod pid ${vbe.pid} port ${vbe.port} (${fmt(atStart.vbe)} MB), echo pid ${echo.pid} port ${echo.port} (${fmt(atStart.echo)} MB)`);

  // ---- idle: bind the coordinators' channel, a few turns of every kind, then let it settle
  let channelPosts = 0;
  // Report posts only: the bot also posts the digest it catches up at start to the same channel.
  const countChannelPosts = () =>
    connector!.activities.filter((a) => a.conversationId === CHANNEL_ID && /VBE-\d{4}-\d{4}/.test(JSON.stringify(a.activity?.attachments ?? []))).length;
  const bind = await post(http.globalAgent, vbe.port, toBody(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl, from: COORDINATOR })));
  if (bind.status !== 200) throw new Error(`koppla kanal: HTTP ${bind.status}`);
  await connector.waitFor((a) => a.conversationId.startsWith(CHANNEL_ID) && /kanal/i.test(a.activity?.text ?? ''), 5000);
  const warmAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let acceptedSubmits = 0;
  for (const body of messageBodies(10, serviceUrl, 'rapportera')) {
    const r = await post(warmAgent, vbe.port, body);
    if (r.status !== 200) throw new Error(`warm-up rapportera: HTTP ${r.status}`);
  }
  for (const body of submitBodies(10, serviceUrl)) {
    const r = await post(warmAgent, vbe.port, body);
    const problem = expectReceipt(r.status, r.text);
    if (problem) throw new Error(`warm-up concern.submit: ${problem}: ${r.text.slice(0, 300)}`);
    acceptedSubmits += 1;
  }
  for (const body of messageBodies(20, serviceUrl, 'rapportera')) {
    const r = await post(warmAgent, echo.port, body);
    if (r.status !== 200) throw new Error(`warm-up echo: HTTP ${r.status}`);
  }
  warmAgent.destroy();
  const formCards = connector.activities.filter((a) => JSON.stringify(a.activity?.attachments ?? []).includes('concern.submit')).length;
  if (formCards < 10) throw new Error(`warm-up: expected 10 form cards at the connector, saw ${formCards}`);
  const waitForPosts = async (expected: number, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    while (channelPosts + countChannelPosts() < expected && Date.now() < until) await sleep(50);
    return channelPosts + countChannelPosts();
  };
  const warmPosts = await waitForPosts(acceptedSubmits, 10_000);
  if (warmPosts < acceptedSubmits) throw new Error(`warm-up: ${warmPosts}/${acceptedSubmits} channel posts arrived`);
  await sleep(2000);
  const idle = { vbe: memoryOf(vbe.pid).rssMb, echo: memoryOf(echo.pid).rssMb };
  log(`idle RSS: vbe-stod ${fmt(idle.vbe)} MB, echo ${fmt(idle.echo)} MB`);

  // ---- load: one kind at a time (never two bots loaded at once), interleaved in rounds so that
  // every kind sees the same background load of the machine
  const sampler = new RssSampler([vbe.pid, echo.pid]);
  const onReset = () => {
    channelPosts += countChannelPosts();
  };
  const kinds = [
    new TurnKind('echo', 'message → text reply', echo, vbe, (n) => messageBodies(n, serviceUrl, 'rapportera'), expect200),
    new TurnKind('rapportera', '`rapportera` → form card', vbe, echo, (n) => messageBodies(n, serviceUrl, 'rapportera'), expect200),
    new TurnKind('submit', '`concern.submit` → receipt card', vbe, echo, (n) => submitBodies(n, serviceUrl), expectReceipt),
  ];
  for (const kind of kinds) await kind.warmUp(onReset);
  for (let round = 0; round < ROUNDS; round += 1) {
    const count = Math.floor(TURNS / ROUNDS) + (round < TURNS % ROUNDS ? 1 : 0);
    log(`round ${round + 1}/${ROUNDS}: ${count} turns of each kind`);
    for (const kind of kinds) await kind.measure(count, sampler, onReset);
  }
  const phases = kinds.map((kind) => kind.result());
  const submitPhase = phases[2]!;
  const peakHwm = { vbe: memoryOf(vbe.pid).hwmMb, echo: memoryOf(echo.pid).hwmMb };
  const peakLoaded = {
    vbe: Math.max(...phases.filter((p) => p.bot === 'vbe-stod').map((p) => p.peakRssMb)),
    echo: Math.max(...phases.filter((p) => p.bot === 'echo').map((p) => p.peakRssMb)),
  };
  sampler.stop();

  // ---- the channel posts the submits started (background, at-least-once outbox)
  const expectedPosts = acceptedSubmits + submitPhase.warmupOk + submitPhase.rampOk + submitPhase.ok;
  const drainStart = Date.now();
  assertRunning();
  const delivered = await waitForPosts(expectedPosts, 30_000);
  const drainMs = Date.now() - drainStart;
  log(`channel posts: ${delivered}/${expectedPosts} delivered, ${drainMs} ms after the last submit`);
  await sleep(2000);
  const afterLoad = { vbe: memoryOf(vbe.pid).rssMb, echo: memoryOf(echo.pid).rssMb };

  // ---- stop (gracefully: the CPU profile is written on exit)
  await stopBot(vbe);
  await stopBot(echo);
  const profiles: Record<string, ReturnType<typeof summarizeProfile>> = {};
  if (profileDir) {
    for (const p of phases) {
      const dir = path.join(profileDir, p.bot);
      const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
      if (file) profiles[p.id] = summarizeProfile(path.join(dir, file), p.windowsUs);
      else log(`no .cpuprofile written in ${dir}`);
    }
  }

  const echoPhase = phases[0]!;
  const ratio = submitPhase.p99 / echoPhase.p99;
  // every turn answered correctly, and every message turn's reply seen by the connector
  const valid = phases.every((p) => p.ok === TURNS && !p.truncated && (p.id === 'submit' || p.connectorReplies >= p.ok));
  // The platform issue's targets (Agents SDK, Node 24): they replace issue 3's 2 × and 150 MB.
  const targets = [
    { target: 'concern.submit p99 ≤ 1.2 × echo p99', measured: `${fmt(submitPhase.p99)} ms vs 1.2 × ${fmt(echoPhase.p99)} = ${fmt(1.2 * echoPhase.p99)} ms (ratio ${fmt(ratio, 2)})`, pass: valid && ratio <= 1.2 },
    { target: 'VBE-stöd idle RSS ≤ 120 MB', measured: `${fmt(idle.vbe)} MB`, pass: idle.vbe <= 120 },
  ];
  const git = (gitArgs: string[]) => spawnSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const result = {
    startedAt: startedAt.toISOString(),
    command: `npx tsx bench/concern-flow.ts ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? '?', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    git: { commit: git(['rev-parse', '--short', 'HEAD']), dirtyFiles: git(['status', '--porcelain']).split('\n').filter(Boolean).length },
    loadAverageAtStart: loadAtStart,
    settings: { turns: TURNS, warmup: WARMUP, rounds: ROUNDS, concurrency: CONCURRENCY, runtime: RUNTIME, cpuProfile: CPU_PROF, nodeFlags: NODE_FLAGS },
    phases: phases.map(({ windowsUs: _w, ...p }) => p),
    memoryMb: { atStart, idle, peakLoaded, vmHwm: peakHwm, afterLoad },
    channelPosts: { expected: expectedPosts, delivered, drainMsAfterLastSubmit: drainMs },
    targets,
    valid,
    ...(profileDir ? { cpuProfile: profiles } : {}),
  };
  return result;
}

function markdown(r: Awaited<ReturnType<typeof main>>): string {
  const lines: string[] = [];
  lines.push(`Run ${r.startedAt} · ${r.machine.nproc} × ${r.machine.cpu}, ${r.machine.memoryGb} GB · Node ${r.machine.node} · ${r.machine.platform} · git ${r.git.commit}${r.git.dirtyFiles ? ` (+${r.git.dirtyFiles} changed files)` : ''}`);
  lines.push(`Command: \`${r.command}\` · runtime: ${r.settings.runtime === 'dist' ? 'compiled JS (tsc → bench/.build)' : 'tsx'} · ${r.settings.concurrency} concurrent clients · ${r.settings.warmup} warm-up + ${r.settings.turns} measured turns per kind, in ${r.settings.rounds} interleaved rounds${r.settings.cpuProfile ? ' · **with --cpu-prof (slower)**' : ''}${r.settings.nodeFlags.length ? ` · bot node flags: \`${r.settings.nodeFlags.join(' ')}\`` : ''} · load average at start ${r.loadAverageAtStart.join(' / ')}`);
  lines.push('');
  lines.push('| turn | bot | ok / sent | p50 ms | p90 ms | p99 ms | max ms | turns/s | bot CPU (1 core = 100 %) | bot CPU ms/turn | CPU of other processes | p50 first → last 10 % | peak RSS MB |');
  lines.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const p of r.phases) {
    const errors = Object.entries(p.errors).map(([k, v]) => `${v}× ${k}`).join(', ');
    lines.push(`| ${p.label} | ${p.bot} | ${p.ok} / ${p.turns}${errors ? ` (${errors})` : ''}${p.truncated ? ' TRUNCATED' : ''} | ${fmt(p.p50)} | ${fmt(p.p90)} | ${fmt(p.p99)} | ${fmt(p.max)} | ${fmt(p.turnsPerSecond, 0)} | ${fmt(p.botCpuPercent, 0)} % | ${fmt(p.botCpuMsPerTurn, 2)} | ${fmt(p.otherCpuPercent, 0)} % | ${fmt(p.p50First10, 0)} → ${fmt(p.p50Last10, 0)} | ${fmt(p.peakRssMb, 0)} |`);
  }
  lines.push('');
  lines.push('Per round (p50 / p99 ms · bot CPU ms per turn · CPU of other processes):');
  lines.push('');
  lines.push(`| round | ${r.phases.map((p) => p.id).join(' | ')} |`);
  lines.push(`|---|${r.phases.map(() => '---').join('|')}|`);
  for (let i = 0; i < (r.phases[0]?.rounds.length ?? 0); i += 1) {
    const cells = r.phases.map((p) => {
      const x = p.rounds[i]!;
      return `${fmt(x.p50, 0)} / ${fmt(x.p99, 0)} · ${fmt(x.botCpuMsPerTurn, 2)} · ${fmt(x.otherCpuPercent, 0)} %${x.reportsStoredBefore !== undefined ? ` (${x.reportsStoredBefore} reports stored before)` : ''}`;
    });
    lines.push(`| ${i + 1} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  lines.push('| RSS (MB) | after start | idle (warm-up turns + 2 s) | peak under load (100 ms samples) | VmHWM | after load (+2 s) |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  const m = r.memoryMb;
  lines.push(`| VBE-stöd | ${fmt(m.atStart.vbe)} | ${fmt(m.idle.vbe)} | ${fmt(m.peakLoaded.vbe)} | ${fmt(m.vmHwm.vbe)} | ${fmt(m.afterLoad.vbe)} |`);
  lines.push(`| echo bot | ${fmt(m.atStart.echo)} | ${fmt(m.idle.echo)} | ${fmt(m.peakLoaded.echo)} | ${fmt(m.vmHwm.echo)} | ${fmt(m.afterLoad.echo)} |`);
  lines.push('');
  lines.push('| target | measured | result |');
  lines.push('|---|---|---|');
  for (const t of r.targets) lines.push(`| ${t.target} | ${t.measured} | **${t.pass ? 'PASS' : 'FAIL'}** |`);
  lines.push('');
  lines.push(`Channel posts (background outbox, same fake connector): ${r.channelPosts.delivered}/${r.channelPosts.expected} delivered, the last ${r.channelPosts.drainMsAfterLastSubmit} ms after the last submit answered.`);
  lines.push(`Load generator (+ fake connector, one process): CPU ${r.phases.map((p) => `${p.id} ${fmt(p.loadGenCpuPercent, 0)} %`).join(', ')}; event-loop delay p99 ${r.phases.map((p) => `${p.id} ${fmt(p.loadGenLoopDelayP99Ms)} ms`).join(', ')}.`);
  const busiest = Math.max(...r.phases.map((p) => p.otherCpuPercent));
  if (busiest > 20) lines.push(`**The machine was shared: other processes used ${fmt(busiest, 0)} % of a core on average during a measured kind (of ${r.machine.nproc * 100} %); numbers are noisier than on a quiet machine.**`);
  if (!r.valid) lines.push('**Run not valid: errors, truncated phases or missing connector replies (see ok / sent).**');
  if (r.cpuProfile) {
    for (const [name, prof] of Object.entries(r.cpuProfile)) {
      if (!prof) continue;
      lines.push('');
      lines.push(`#### CPU profile of the bot during the measured \`${name}\` phase (${fmt(prof.windowMs, 0)} ms sampled; ${prof.file})`);
      lines.push('');
      lines.push('| self time by area | ms | % |');
      lines.push('|---|---:|---:|');
      for (const x of prof.selfByArea) lines.push(`| ${x.name} | ${fmt(x.ms, 0)} | ${fmt(x.percent)} |`);
      lines.push('');
      lines.push('| self time by function | ms | % |');
      lines.push('|---|---:|---:|');
      for (const x of prof.selfByFunction) lines.push(`| \`${x.name}\` | ${fmt(x.ms, 0)} | ${fmt(x.percent)} |`);
      lines.push('');
      lines.push('| inclusive time, project functions (src/) | ms | % |');
      lines.push('|---|---:|---:|');
      for (const x of prof.inclusiveProjectFunctions) lines.push(`| \`${x.name}\` | ${fmt(x.ms, 0)} | ${fmt(x.percent)} |`);
    }
  }
  return lines.join('\n');
}

const overall = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`time limit: --max-seconds ${MAX_TOTAL_MS / 1000} exceeded`)), MAX_TOTAL_MS).unref());
Promise.race([main(), overall])
  .then(async (result) => {
    await cleanup();
    process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${markdown(result)}\n`);
    process.exit(result.valid ? 0 : 2);
  })
  .catch(async (error: unknown) => {
    log(`FAILED: ${(error as Error).stack ?? String(error)}`);
    for (const bot of children) if (bot.output.length) log(`last output of ${bot.name}:\n${bot.output.slice(-15).join('\n')}`);
    await cleanup();
    process.exit(1);
  });
