import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { COORDINATOR, channelMessage, executeAction, message, validConcernData } from '../support/activities';
import { postActivity, startBotProcess } from '../support/bot-process';
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

  it('on SIGTERM while the connector hangs, exits within its shutdown bound and leaves the unsent report in the store', async () => {
    const hanging = await FakeConnector.start();
    const hangDir = mkdtempSync(join(tmpdir(), 'vbe-process-hang-'));
    // The outbound deadline stays at its 15 s default: what ends the process here is the 2 s bound.
    const bot = await startBotProcess({ DATA_DIR: hangDir, COORDINATOR_IDS: COORDINATOR.aadObjectId, SHUTDOWN_TIMEOUT_SECONDS: '2', OUTBOX_RETRY_SECONDS: '1' });
    try {
      const channel = '19:coordinators-channel@thread.tacv2';
      await postActivity(bot.url, channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: hanging.serviceUrl, from: COORDINATOR }));
      await hanging.waitFor((a) => a.conversationId.startsWith(channel));
      hanging.blackHole();
      const filed = await postActivity(bot.url, executeAction('concern.submit', validConcernData(), { serviceUrl: hanging.serviceUrl }));
      expect(JSON.stringify(filed.body)).toMatch(/VBE-\d{4}-\d{4}/);
      while (hanging.heldRequests() === 0) await new Promise((resolve) => setTimeout(resolve, 50));

      const signalledAt = Date.now();
      const exited = bot.stop();
      const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 8_000))]);
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(2_000 + 3_000);
      expect(bot.output()).toContain('"event":"stop.timed_out"');

      const store = new SqliteStore({ dataDir: hangDir });
      try {
        expect(await store.count('reports', { where: [{ field: 'channelPost.state', op: '=', value: 'pending' }] })).toBe(1);
      } finally {
        await store.close();
      }
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await hanging.close();
      rmSync(hangDir, { recursive: true, force: true });
    }
  }, 40_000);
});
