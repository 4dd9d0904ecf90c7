import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DISTRICT_FILE } from '../../src/paths';
import { queryAll } from '../../src/store/document-store';
import { COORDINATOR, executeAction } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';

/** The shipped district with one forum to seed, as an operator would write it (JSON this time). */
function districtWithForum(): string {
  const district = parse(readFileSync(DEFAULT_DISTRICT_FILE, 'utf8'));
  district.forums = [
    {
      id: 'sspf-vastberga',
      name: 'SSPF Västberga',
      chair: { aadObjectId: '33333333-3333-4333-8333-000000000002', name: 'Ali Ordförande', userId: '29:ali-ordforande' },
      cadence: 'monthly',
      nextMeetingOn: '2027-05-11',
      time: '13:00',
    },
  ];
  const path = join(mkdtempSync(join(tmpdir(), 'vbe-district-')), 'district.json');
  writeFileSync(path, JSON.stringify(district));
  return path;
}

describe('forums seeded from the district config', () => {
  let bot: TestBot | undefined;
  afterEach(async () => bot?.stop());

  it('registers them once at start and keeps what coordinators change later', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbe-seed-'));
    const env = { DISTRICT_CONFIG: districtWithForum() };
    bot = await startTestBot({ env, dataDir, clock: () => new Date('2027-04-20T08:00:00Z') });
    const [forum] = await queryAll<any>(bot.app.store, 'forums', {});
    expect(forum!.body).toMatchObject({ id: 'forum-sspf-vastberga', cadence: { kind: 'monthly', nth: 2, weekday: 2 }, leadWorkingDays: 5, chair: { name: 'Ali Ordförande' } });
    expect(await bot.app.store.read('forumMeetings', 'forum-sspf-vastberga', '2027-05-11')).toBeDefined();

    const edited = await bot.post(
      executeAction(
        'forum.save',
        { forumId: 'forum-sspf-vastberga', name: 'SSPF Västberga–Solberga', chair: '33333333-3333-4333-8333-000000000002', cadence: 'monthly', nextMeetingOn: '2027-05-11', time: '14:00', leadWorkingDays: '3', dates: '' },
        { serviceUrl: 'http://127.0.0.1:9', from: COORDINATOR },
      ),
    );
    expect(JSON.stringify(edited.body.value)).toContain('Forumet är sparat');
    await bot.stop();

    bot = await startTestBot({ env, dataDir, clock: () => new Date('2027-04-21T08:00:00Z') });
    const forums = await queryAll<any>(bot.app.store, 'forums', {});
    expect(forums).toHaveLength(1);
    expect(forums[0]!.body).toMatchObject({ name: 'SSPF Västberga–Solberga', time: '14:00', leadWorkingDays: 3 });
  }, 30_000);

  it('refuses a bad seed at start, naming the field', async () => {
    const path = districtWithForum();
    const district = JSON.parse(readFileSync(path, 'utf8'));
    district.forums[0].time = '9';
    district.forums[0].cadence = 'daily';
    writeFileSync(path, JSON.stringify(district));
    await expect(startTestBot({ env: { DISTRICT_CONFIG: path } })).rejects.toThrow(/forums\.0\.cadence[\s\S]*forums\.0\.time|forums\.0\.time[\s\S]*forums\.0\.cadence/);
  });
});
