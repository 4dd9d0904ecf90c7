import { loadDistrictConfig } from '../../src/config/district';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env';
import { JobRunner } from '../../src/jobs/job-runner';
import { createLogger } from '../../src/log';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startTestBot } from '../support/bot-harness';

const silent = createLogger('silent');

function contextOn(dataDir: string) {
  const config = loadEnv({ DATA_DIR: dataDir });
  return { config, store: new SqliteStore({ dataDir }), log: silent, pseudonymize: (id: string) => id, district: loadDistrictConfig() };
}

describe('scheduled jobs across instances', () => {
  it('runs a period once when two instances on one store race for it, and not before it is due', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbe-jobs-'));
    const first = contextOn(dataDir);
    const second = contextOn(dataDir); // its own connection, as another process would have
    const a = new JobRunner(first, 'instance-a');
    const b = new JobRunner(second, 'instance-b');
    const now = new Date('2026-12-01T11:00:00Z');
    const outcomes = await Promise.all([a.runIfDue('retention', now), b.runIfDue('retention', now)]);
    expect(outcomes.filter((outcome) => outcome.status === 'ran')).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(expect.arrayContaining(['ran']));
    expect(outcomes.every((outcome) => ['ran', 'already_ran', 'busy'].includes(outcome.status))).toBe(true);
    // Later the same day: already done, by whichever instance asks.
    expect(await b.runIfDue('retention', new Date('2026-12-01T20:00:00Z'))).toMatchObject({ status: 'already_ran', key: 'retention:2026-12-01' });
    // 00:01 Stockholm on the next day: not due until 00:05.
    expect(await a.runIfDue('retention', new Date('2026-12-01T23:01:00Z'))).toEqual({ status: 'not_due' });
    expect(await a.runIfDue('retention', new Date('2026-12-01T23:06:00Z'))).toMatchObject({ status: 'ran', key: 'retention:2026-12-02' });
    await first.store.close();
    await second.store.close();
  });

  it('catches up a missed run when the bot starts', async () => {
    // The bot was down at 00:05; it starts at noon.
    const bot = await startTestBot({ scheduler: true, clock: () => new Date('2026-12-01T11:00:00Z') });
    try {
      const deadline = Date.now() + 10_000;
      let run = await bot.app.store.read('jobRuns', 'retention', 'retention:2026-12-01');
      while (!run && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        run = await bot.app.store.read('jobRuns', 'retention', 'retention:2026-12-01');
      }
      expect(run?.body).toMatchObject({ key: 'retention:2026-12-01', ranAt: '2026-12-01T11:00:00.000Z' });
    } finally {
      await bot.stop();
    }
  });
});
