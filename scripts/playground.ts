/**
 * `npm run playground`: the bot and the Microsoft 365 Agents Playground (a Teams-like web client
 * that runs offline) together, so anyone can try VBE-stöd without an Azure account or a tenant.
 * See docs/playground.md.
 *
 *   1. starts the bot (`node --import tsx src/main.ts`) with authentication off, bound to
 *      127.0.0.1, its data in ./data/playground, and the playground's current user as coordinator;
 *   2. waits for GET /healthz;
 *   3. starts a small proxy that makes every activity look like it came from a Swedish Teams
 *      client (the playground hard-codes `locale: "en-US"`; PLAYGROUND_LOCALE=off turns this off);
 *   4. starts the playground (`agentsplayground`) pointed at the proxy, and checks its log
 *      (devTools/m365agentsplayground.log) for config errors, which it prints nowhere else;
 *   5. prints the URL; Ctrl-C stops both; if either stops on its own, the other is stopped too
 *      and the script exits with that one's code.
 *
 * `npm run playground -- --as ali` (or PLAYGROUND_AS=ali) acts as another user of the config:
 * the playground has no user switcher, so a copy of the config with that user as currentUser is
 * written under devTools/. The config's own currentUser stays the coordinator.
 *
 * Environment (all optional): PORT (bot, 3978), PLAYGROUND_PORT (56150), DATA_DIR
 * (./data/playground), COORDINATOR_IDS (default: the playground's currentUser), LOG_LEVEL (info),
 * HOST (127.0.0.1), PLAYGROUND_LOCALE (sv-SE; "off" = send the playground's en-US unchanged),
 * TEAMSAPPTESTER_BROWSER (none; e.g. "chrome" to open a browser), M365_AGENTS_PLAYGROUND_CONFIG_PATH,
 * PLAYGROUND_AS.
 *
 * Node built-ins, the config of scripts/lib/playground-config.ts (yaml) and the district of
 * scripts/lib/playground-district.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { stockholmDate } from '../src/domain/stockholm-time';
import { field, findUser, readPlaygroundConfig, UsageError, writeConfigActingAs, type PlaygroundConfig } from './lib/playground-config';
import { playgroundDistrict } from './lib/playground-district';

const ROOT = resolve(__dirname, '..');
const env = process.env;

const BOT_PORT = Number(env.PORT || 3978);
const PLAYGROUND_PORT = Number(env.PLAYGROUND_PORT || 56150);
const BOT_HOST = env.HOST || '127.0.0.1';
const LOCALE = (env.PLAYGROUND_LOCALE ?? 'sv-SE').trim();
const LOCALE_OFF = LOCALE === '' || /^(off|none|false|0)$/i.test(LOCALE);
const CONFIG_PATH = env.M365_AGENTS_PLAYGROUND_CONFIG_PATH || join(ROOT, '.m365agentsplayground.yml');
const LOG_PATH = resolveFromRoot(env.M365_AGENTS_PLAYGROUND_LOGFILE || env.TEAMSAPPTESTER_LOGFILE || 'devTools/m365agentsplayground.log');
const HEALTH_TIMEOUT_MS = 90_000;
const LISTEN_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 15_000;

function resolveFromRoot(path: string): string {
  return isAbsolute(path) ? path : join(ROOT, path);
}

function say(message: string): void {
  process.stdout.write(`[playground] ${message}\n`);
}

function complain(message: string): void {
  process.stderr.write(`[playground] ${message}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

// ---------------------------------------------------------------------------------------------
// Arguments.

const USAGE = `Usage: npm run playground [-- --as <user>]

Starts the bot and the Microsoft 365 Agents Playground (see docs/playground.md).
  --as <user>  act as another user of .m365agentsplayground.yml (an id, or part of a name,
               e.g. --as ali); the config's currentUser stays the coordinator.`;

function readArgs(argv: string[]): { as?: string } {
  let values: { as?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { as: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return { as: values.as || env.PLAYGROUND_AS || undefined };
}

// ---------------------------------------------------------------------------------------------
// Ports and HTTP checks.

function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(false));
  });
}

function httpStatus(url: string, timeoutMs = 2000): Promise<number | undefined> {
  return new Promise((done) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      done(response.statusCode);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => done(undefined));
  });
}

// ---------------------------------------------------------------------------------------------
// The locale proxy: the playground sends `locale: "en-US"` on every activity and cannot be told
// otherwise; the bot picks its language from that field (SPEC: sv-* → Swedish). Everything else
// passes through untouched, including the synchronous answers to invokes (Action.Execute).

interface Proxy {
  endpoint: string;
  close(): Promise<void>;
}

function relocalise(activity: Record<string, unknown>, locale: string): void {
  activity.locale = locale;
  if (Array.isArray(activity.entities)) {
    for (const entity of activity.entities as unknown[]) {
      if (typeof entity === 'object' && entity !== null && (entity as { type?: unknown }).type === 'clientInfo') {
        (entity as Record<string, unknown>).locale = locale;
      }
    }
  }
}

function startLocaleProxy(target: URL, locale: string): Promise<Proxy> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.method === 'POST' && body.length > 0) {
        try {
          const activity: unknown = JSON.parse(body.toString('utf8'));
          if (typeof activity === 'object' && activity !== null && !Array.isArray(activity)) {
            relocalise(activity as Record<string, unknown>, locale);
            body = Buffer.from(JSON.stringify(activity), 'utf8');
          }
        } catch {
          // Not JSON: pass it on as it came; the bot answers 400.
        }
      }
      const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const upstream = http.request(
        { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        complain(`the bot did not answer the playground (${error.message})`);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'bot_unreachable' }));
      });
      upstream.end(body);
    });
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      done({
        endpoint: `http://127.0.0.1:${port}${target.pathname}`,
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The playground's log: where its errors go (stdout only says "Listening on <port>").

const LOG_LEVEL_PREFIX = /^(log|info|warn|error|debug) /;

/** Entries of the log as [level, text], multi-line entries joined. */
function logEntries(text: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    const level = LOG_LEVEL_PREFIX.exec(line)?.[1];
    const last = entries[entries.length - 1];
    if (level) entries.push([level, line.slice(level.length + 1)]);
    else if (last && line !== '') last[1] += `\n${line}`;
  }
  return entries;
}

function playgroundErrors(): string[] {
  if (!existsSync(LOG_PATH)) return [];
  return logEntries(readFileSync(LOG_PATH, 'utf8'))
    .filter(([level]) => level === 'error')
    .map(([, text]) => text);
}

/** Follows the log and echoes its warnings and errors (nothing else of the playground's is printed). */
function followLog(): () => void {
  let offset = 0;
  let carry = '';
  const timer = setInterval(() => {
    let size: number;
    try {
      size = statSync(LOG_PATH).size;
    } catch {
      return;
    }
    if (size < offset) offset = 0; // the playground deletes the log when it starts
    if (size === offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = openSync(LOG_PATH, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    offset = size;
    const text = carry + buffer.toString('utf8');
    const cut = text.lastIndexOf('\n');
    carry = cut === -1 ? text : text.slice(cut + 1);
    for (const [level, entry] of logEntries(cut === -1 ? '' : text.slice(0, cut))) {
      if (level === 'error' || level === 'warn') complain(`playground ${level}: ${entry}`);
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}

// ---------------------------------------------------------------------------------------------
// Children.

const children: Array<{ name: string; child: ChildProcess }> = [];
let stopping = false;
let stopLogFollower: (() => void) | undefined;
let proxy: Proxy | undefined;
let playgroundConfigPath = CONFIG_PATH;

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const signals: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return 128 + (signal ? signals[signal] ?? 1 : 1);
}

function waitForExit(child: ChildProcess): Promise<void> {
  return running(child) ? new Promise((done) => child.once('exit', () => done())) : Promise.resolve();
}

/** Stops every child that still runs (SIGTERM, then SIGKILL after a grace period) and exits. */
async function shutDown(exitCode: number, reason: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    stopLogFollower?.();
    const alive = children.filter(({ child }) => running(child));
    if (alive.length > 0) say(`${reason}: stopping ${alive.map(({ name }) => name).join(' and ')}…`);
    for (const { child } of alive) child.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const { name, child } of children) {
        if (running(child)) {
          complain(`${name} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
          child.kill('SIGKILL');
        }
      }
    }, STOP_GRACE_MS);
    await Promise.all(children.map(({ child }) => waitForExit(child)));
    clearTimeout(killer);
    await proxy?.close();
    process.exit(exitCode);
  }
  return new Promise<never>(() => undefined);
}

function watch(name: string, child: ChildProcess): void {
  children.push({ name, child });
  const onExit = async (code: number | null, signal: NodeJS.Signals | null) => {
    // Ctrl-C reaches the children too; let our own SIGINT handler win that race.
    await sleep(300);
    if (stopping) return;
    const exitCode = exitCodeOf(code, signal);
    if (name === 'playground') {
      const errors = playgroundErrors();
      if (errors.length > 0) {
        complain(`the playground stopped with these errors (from ${LOG_PATH}):`);
        for (const error of errors) complain(`  ${error.replace(/\n/g, '\n[playground]   ')}`);
        if (errors.some((error) => /config/i.test(error)))
          complain(`fix ${playgroundConfigPath} (rules at the top of the file; schema: https://aka.ms/teams-app-test-tool-config-guide)`);
      }
    }
    complain(`${name} exited (${signal ?? `code ${code ?? '?'}`})`);
    await shutDown(exitCode, `${name} stopped`);
  };
  child.once('exit', (code, signal) => void onExit(code, signal));
  child.once('error', (error) => {
    complain(`could not run ${name}: ${error.message}`);
    void shutDown(1, `${name} failed`);
  });
}

function prefixLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream }).on('line', write);
}

// ---------------------------------------------------------------------------------------------

/**
 * Without DISTRICT_CONFIG the bot gets the playground's district (scripts/lib/playground-district.ts):
 * one unit whose team is the playground's team, and a forum chaired by the config's forum chair (Ali).
 */
function writePlaygroundDistrict(config: PlaygroundConfig, dataDir: string): string | undefined {
  if (env.DISTRICT_CONFIG) return undefined;
  if (!config.teamId) throw new UsageError(`${CONFIG_PATH} has no team.id`);
  const chair = config.users.find((user) => field(user, 'id') === '29:ali-ordforande');
  const aadObjectId = field(chair, 'aadObjectId');
  const district = playgroundDistrict({
    teamId: config.teamId,
    chair: chair && aadObjectId ? { aadObjectId, name: field(chair, 'name') ?? 'Ali', userId: '29:ali-ordforande' } : undefined,
    today: stockholmDate(new Date()),
  });
  const path = join(resolveFromRoot(dataDir), 'district.playground.json');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(district, null, 2));
  return path;
}

async function startBot(coordinatorIds: string, config: PlaygroundConfig): Promise<void> {
  const tenantId = config.tenantId;
  const botEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: 'development',
    PORT: String(BOT_PORT),
    HOST: BOT_HOST,
    DATA_DIR: env.DATA_DIR || './data/playground',
    COORDINATOR_IDS: coordinatorIds,
    LOG_LEVEL: env.LOG_LEVEL || 'info',
  };
  const district = writePlaygroundDistrict(config, botEnv.DATA_DIR!);
  if (district) botEnv.DISTRICT_CONFIG = district;
  // The playground sends no tokens: credentials would make the bot refuse every activity.
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType']) {
    if (botEnv[name]) complain(`ignoring ${name} (the playground cannot authenticate)`);
    delete botEnv[name];
  }
  // The tenant gate stays on, with the playground's tenant, as in production.
  if (tenantId) botEnv.ALLOWED_TENANT_ID = tenantId;
  else delete botEnv.ALLOWED_TENANT_ID;

  say(`starting the bot on http://${BOT_HOST}:${BOT_PORT} (data in ${botEnv.DATA_DIR}, coordinators: ${coordinatorIds || 'none'})`);
  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: botEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  watch('bot', bot);

  const health = `http://127.0.0.1:${BOT_PORT}/healthz`;
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!running(bot) || stopping) return new Promise(() => undefined); // watch() is exiting
    if ((await httpStatus(health)) === 200) return;
    await sleep(250);
  }
  complain(`the bot did not answer ${health} within ${HEALTH_TIMEOUT_MS / 1000} s`);
  await shutDown(1, 'bot not healthy');
}

async function startPlayground(endpoint: string, configPath: string): Promise<number> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [ROOT] });
  const args = [cli, '--disable-telemetry', '-p', String(PLAYGROUND_PORT), '-e', endpoint, '-c', 'msteams'];
  const playground = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...env,
      TEAMSAPPTESTER_BROWSER: env.TEAMSAPPTESTER_BROWSER || 'none',
      BOT_ENDPOINT: endpoint,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  watch('playground', playground);

  // With stdout not a terminal the playground prints only "Listening on <port>" (the port can
  // differ from the one asked for when that one is taken); the rest goes to its log.
  const port = await new Promise<number>((done) => {
    const timer = setTimeout(() => {
      complain(`the playground did not start listening within ${LISTEN_TIMEOUT_MS / 1000} s (see ${LOG_PATH})`);
      void shutDown(1, 'playground not listening');
    }, LISTEN_TIMEOUT_MS);
    prefixLines(playground.stdout, (line) => {
      const listening = /^Listening on (\d+)/.exec(line);
      if (listening?.[1]) {
        clearTimeout(timer);
        done(Number(listening[1]));
      } else if (line.trim() !== '') say(`playground: ${line}`);
    });
    prefixLines(playground.stderr, (line) => complain(`playground: ${line}`));
  });
  // It reads the config just after it starts listening and exits if the config is wrong.
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await sleep(250);
    if (!running(playground)) return new Promise(() => undefined); // watch() prints the errors and exits
    if (attempt >= 4 && (await httpStatus(url)) === 200) break;
  }
  const errors = playgroundErrors();
  if (errors.length > 0 && !running(playground)) return new Promise(() => undefined);
  for (const error of errors) complain(`playground error: ${error}`);
  stopLogFollower = followLog();
  return port;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutDown(0, 'Ctrl-C'));
  process.on('SIGTERM', () => void shutDown(0, 'SIGTERM'));
  process.on('SIGHUP', () => void shutDown(0, 'SIGHUP'));

  const args = readArgs(process.argv.slice(2));
  if (!existsSync(CONFIG_PATH)) throw new UsageError(`${CONFIG_PATH} is missing: the playground would start with its built-in users, none of them a coordinator`);
  const config = readPlaygroundConfig(CONFIG_PATH);
  // The config's own currentUser is the coordinator, also when someone else is acting (--as).
  const coordinatorIds = env.COORDINATOR_IDS ?? field(config.currentUser, 'aadObjectId') ?? '';
  if (!coordinatorIds) complain(`no currentUser.aadObjectId in ${CONFIG_PATH} and no COORDINATOR_IDS: nobody is a coordinator`);
  let actor = config.currentUser;
  if (args.as) {
    actor = findUser(config, args.as);
    if (actor !== config.currentUser) {
      const slug = (field(actor, 'id') ?? 'user').replace(/[^\w-]+/g, '-');
      playgroundConfigPath = writeConfigActingAs(config, actor, join(ROOT, 'devTools', `m365agentsplayground.as-${slug}.yml`));
    }
  }

  if (await portAnswers(BOT_PORT)) throw new UsageError(`port ${BOT_PORT} is already in use (another bot running?). Stop it, or set PORT to another port.`);
  if (await portAnswers(PLAYGROUND_PORT)) complain(`port ${PLAYGROUND_PORT} is in use: the playground will pick another port (see the URL below)`);

  await startBot(coordinatorIds, config);
  const botEndpoint = new URL(`http://127.0.0.1:${BOT_PORT}/api/messages`);
  let endpoint = botEndpoint.href;
  if (!LOCALE_OFF) {
    proxy = await startLocaleProxy(botEndpoint, LOCALE);
    endpoint = proxy.endpoint;
  }
  const port = await startPlayground(endpoint, playgroundConfigPath);
  if (stopping) return;

  const actorId = (field(actor, 'aadObjectId') ?? '').toLowerCase();
  const isCoordinator = actorId !== '' && coordinatorIds.toLowerCase().split(',').map((id) => id.trim()).includes(actorId);
  const lines = [
    '',
    `Open http://localhost:${port} in a browser.`,
    '',
    `  You are ${field(actor, 'name') ?? 'the current user'} (${isCoordinator ? 'a coordinator' : 'not a coordinator'}).`,
    `  1. Team "${config.teamName ?? 'the team'}" › channel "${config.channelName ?? 'the second channel'}": type "@", pick the bot, then "koppla kanal"`,
    `     (binds the coordinators' channel; a coordinator must do this once${isCoordinator ? '' : ' — run without --as for that'}).`,
    '  2. Personal Chat: type "rapportera", fill in the card, "Skicka till samordnaren": a receipt comes back',
    '     and the report appears in the channel from step 1.',
    `  Bot: ${endpoint}${LOCALE_OFF ? '' : ` (activities sent as locale ${LOCALE})`}; data in ${env.DATA_DIR || './data/playground'} (delete it to start over).`,
    `  Playground config: ${playgroundConfigPath}; log: ${LOG_PATH}`,
    '  Ctrl-C stops both.',
    '',
  ];
  for (const line of lines) say(line);
}

void main().catch((error: unknown) => {
  if (error instanceof UsageError) complain(error.message);
  else complain(`failed: ${(error as Error).stack ?? String(error)}`);
  void shutDown(1, 'error');
});
