import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type RunningApp } from '../../src/app';
import { loadEnv } from '../../src/config/env';
import { createLogger } from '../../src/log';
import type { DocumentStore } from '../../src/store/document-store';
import { COORDINATOR } from './activities';
import { FakeConnector } from './fake-connector';

export interface TestBot {
  url: string;
  app: RunningApp;
  dataDir: string;
  /** Every log line the bot wrote, parsed. */
  logLines: string[];
  post(activity: unknown): Promise<{ status: number; body: any }>;
  postRaw(body: string, contentType?: string): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * Starts the real app in-process on a free port with its own DATA_DIR, as `npm start` would,
 * with a log sink the test can read.
 */
export async function startTestBot(
  options: { env?: Record<string, string>; dataDir?: string; store?: DocumentStore; clock?: () => Date; scheduler?: boolean } = {},
): Promise<TestBot> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vbe-stod-test-'));
  const config = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    COORDINATOR_IDS: COORDINATOR.aadObjectId,
    OUTBOX_RETRY_SECONDS: '1',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  config.port = 0;
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  // Scheduled jobs stay off unless a test asks: tests drive jobs through `jobs run` with a chosen time.
  const app = await startApp(config, { log: createLogger('debug', sink), store: options.store, clock: options.clock, scheduler: options.scheduler ?? false });
  const url = `http://127.0.0.1:${app.port}`;
  const postRaw = async (body: string, contentType = 'application/json') => {
    const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  };
  let stopped = false;
  return {
    url,
    app,
    dataDir,
    logLines,
    post: (activity) => postRaw(JSON.stringify(activity)),
    postRaw,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fake connector and a test bot for one suite: started before its tests, stopped after. Read
 * `connector` and `bot` inside tests and hooks (they are set once the suite starts).
 */
export function botWithConnector(options: Parameters<typeof startTestBot>[0] = {}): { readonly connector: FakeConnector; readonly bot: TestBot } {
  const running: { connector?: FakeConnector; bot?: TestBot } = {};
  beforeAll(async () => {
    running.connector = await FakeConnector.start();
    running.bot = await startTestBot(options);
  });
  afterAll(async () => {
    await running.bot?.stop();
    await running.connector?.close();
  });
  return {
    get connector() {
      return running.connector!;
    },
    get bot() {
      return running.bot!;
    },
  };
}
