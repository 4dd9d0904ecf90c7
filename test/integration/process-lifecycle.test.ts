import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths';
import { message } from '../support/activities';
import { FakeConnector } from '../support/fake-connector';

/** Starts the bot as `npm start` does (its own process), on a free port; resolves with the port. */
function startBotProcess(dataDir: string): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const started = output.split('\n').find((line) => line.includes('"event":"started"'));
      if (started) {
        clearTimeout(timer);
        resolve({ child, port: (JSON.parse(started) as { port: number }).port, output: () => output });
      }
    });
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    child.on('exit', (code) => reject(new Error(`bot exited with ${code}:\n${output}`)));
  });
}

describe('the bot process', () => {
  let connector: FakeConnector;
  let dataDir: string;
  beforeAll(async () => {
    connector = await FakeConnector.start();
    dataDir = mkdtempSync(join(tmpdir(), 'vbe-process-'));
  });
  afterAll(async () => {
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves health and readiness, finishes the turn in progress on SIGTERM, closes the store and exits 0', async () => {
    const { child, port, output } = await startBotProcess(dataDir);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    expect(existsSync(join(dataDir, 'vbe-stod.sqlite'))).toBe(true);

    // The connector takes 1.5 s to accept the reply: the turn is still running when SIGTERM comes.
    connector.failNext({ status: 200, delayMs: 1500 });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const turn = fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message('rapportera', { serviceUrl: connector.serviceUrl })),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    const response = await turn;
    expect(response.status).toBe(200);
    expect(connector.cards()).toHaveLength(1);
    expect(await exited).toBe(0);
    expect(output()).toContain('"event":"stopped"');
    // A cleanly closed SQLite database leaves no write-ahead log behind.
    expect(existsSync(join(dataDir, 'vbe-stod.sqlite-wal'))).toBe(false);
  });
});
