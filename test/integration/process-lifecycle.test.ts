import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../support/activities';
import { startBotProcess } from '../support/bot-process';
import { FakeConnector } from '../support/fake-connector';

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
    const { child, port, output } = await startBotProcess({ DATA_DIR: dataDir });
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
