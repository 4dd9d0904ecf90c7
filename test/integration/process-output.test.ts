/**
 * The real process (`src/main.ts`) writes one JSON line per event on stdout and stderr alike:
 * Node's deprecation warnings (a library's, as restify 11's DEP0111 was) and what the SDK writes to
 * the console (the Agents SDK warns there about a setting in the environment it cannot read,
 * quoting its value) become log lines that name the warning or error by name and code, with no
 * stack trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../support/activities';
import { postActivity, startBotProcess, type BotProcess } from '../support/bot-process';

const APP_ID = '33333333-3333-4333-8333-333333333333';
const MARKER = 'Stackmarkör-77d1';

describe('process output', () => {
  let bot: BotProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vbe-stod-output-'));
    // Authentication on, so that a request without a token is refused; a value the SDK cannot read
    // makes it write to the console; a library's deprecation warning comes on SIGTERM.
    bot = await startBotProcess({
      DATA_DIR: dataDir,
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      CloudAdapterOptions__validateServiceUrl: MARKER,
      NODE_OPTIONS: `--import ${join(PROJECT_ROOT, 'test/fixtures/emit-warning-on-sigterm.mjs')}`,
    });
  });
  afterAll(async () => {
    await bot?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes only JSON lines, warnings and SDK errors included', async () => {
    const refused = message(`hjälp ${MARKER}`, { serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    refused.id = MARKER;
    expect((await postActivity(bot.url, refused)).status).toBe(401);
    await expect.poll(() => bot.output().includes('"event":"console"'), { timeout: 5000 }).toBe(true);
    expect(await bot.stop()).toBe(0);

    const lines = bot.output().split('\n').filter((line) => line.trim() !== '');
    const notJson = lines.filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    const events = lines.map((line) => JSON.parse(line) as { event?: string; err?: Record<string, unknown> });
    expect(events.find((line) => line.event === 'process.warning')?.err).toEqual({ name: 'DeprecationWarning', code: 'DEP_FIXTURE' });
    expect(events.find((line) => line.event === 'console')).toMatchObject({ method: 'warn' });
    expect(events.some((line) => line.event === 'activity.unauthorized')).toBe(true);
    expect(bot.output()).not.toContain(MARKER);
  });
});
