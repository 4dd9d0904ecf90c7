/**
 * The bot and the Microsoft 365 Agents Playground for the browser test, started the way a person
 * starts them (`scripts/playground.ts`: bot, sv-SE locale proxy, playground, config checks), in
 * their own process group so that stopping them, also after a failure, leaves nothing behind.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DistrictConfig } from '../../src/config/district';
import { PROJECT_ROOT } from '../../src/paths';
import { runCli } from '../support/cli';
import { freePort } from '../support/free-port';

export interface PlaygroundStack {
  /** Where the playground answers, e.g. http://localhost:56150 (it moves when the port is taken). */
  url: string;
  /** Everything the script, the bot and the playground printed so far. */
  output(): string;
  /** `npm run cli -- <args>` against the bot's data and district, as an operator runs it; resolves with its stdout. */
  cli(args: string[]): Promise<string>;
  /** SIGTERM to the whole group, SIGKILL after a grace period; safe to call twice. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Starts both with fresh data (a temporary DATA_DIR) and resolves with the playground's URL once
 * the script says it is ready. The script's output and the playground's own log (where its config
 * errors go) are written to `artifactsDir`.
 */
export async function startPlaygroundStack(options: {
  artifactsDir: string;
  timeoutMs: number;
  playgroundPort?: number;
  /** The bot's district (DISTRICT_CONFIG); without it scripts/playground.ts writes the playground's own. */
  district?: DistrictConfig;
}): Promise<PlaygroundStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-browser-'));
  const districtPath = join(dataDir, 'district.json');
  if (options.district) writeFileSync(districtPath, JSON.stringify(options.district, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    PLAYGROUND_PORT: String(options.playgroundPort ?? 56150),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: join(options.artifactsDir, 'm365agentsplayground.log'),
    // What a job run through the CLI queued reaches the playground within a second, not 30.
    OUTBOX_RETRY_SECONDS: '1',
  };
  if (options.district) env.DISTRICT_CONFIG = districtPath;
  // The test needs the committed config (its currentUser is the coordinator), sv-SE and SQLite.
  for (const name of ['NODE_ENV', 'COORDINATOR_IDS', 'PLAYGROUND_AS', 'PLAYGROUND_LOCALE', 'M365_AGENTS_PLAYGROUND_CONFIG_PATH', 'STORE', 'HOST', ...(options.district ? [] : ['DISTRICT_CONFIG'])]) {
    delete env[name];
  }

  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/playground.ts'], {
    cwd: PROJECT_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start scripts/playground.ts');
  // A last resort for when the test process ends without stop(): no bot or playground survives it.
  const killOnExit = () => killGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);

  const log = createWriteStream(join(options.artifactsDir, 'stack.log'));
  let output = '';
  const record = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    log.write(chunk);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      killGroup(pid, 'SIGTERM');
      const timer = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([exited, timer]);
      killGroup(pid, 'SIGKILL'); // whatever of the group is still there
      process.removeListener('exit', killOnExit);
      await new Promise<void>((resolve) => log.end(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    })());

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the playground was not ready within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
      const ready = () => {
        const found = /Open (http:\/\/localhost:\d+) in a browser/.exec(output)?.[1];
        if (found) {
          clearTimeout(timer);
          child.stdout.off('data', ready);
          resolve(found);
        }
      };
      child.stdout.on('data', ready);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`scripts/playground.ts exited with ${child.exitCode ?? child.signalCode}`));
      });
    });
    const cli = async (args: string[]) => {
      const run = await runCli(args, { DATA_DIR: dataDir, NODE_ENV: 'development', ...(options.district ? { DISTRICT_CONFIG: districtPath } : {}) });
      if (run.status !== 0) throw new Error(`npm run cli -- ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
      return run.stdout;
    };
    return { url, output: () => output, cli, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- output of scripts/playground.ts ---\n${output}`);
  }
}
