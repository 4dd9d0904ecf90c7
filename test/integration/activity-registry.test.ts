import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISTRICT_FILE } from '../../src/paths';
import { queryAll } from '../../src/store/document-store';
import { COORDINATOR, STAFF, executeAction, message } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector, type FakeMember } from '../support/fake-connector';
import { checkCard } from '../support/validate-card';

const MONA: FakeMember = { id: '29:mona-rektor', name: 'Mona Rektor', aadObjectId: '33333333-3333-4333-8333-000000000021' };
const FORM = { title: 'Föräldramöten om nätet i alla grundskolor', category: 'preventive', responsibleRole: 'Enhetschef Enheten för ung fritid', responsibleUsers: '', scheduleKind: 'range', scheduleFrom: '2026-01-01', scheduleTo: '2026-06-30' };

describe('the activity registry over HTTP', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const opts = (from = COORDINATOR, locale?: string) => ({ serviceUrl: connector.serviceUrl, from, ...(locale ? { locale } : {}) });
  const stored = async () => (await queryAll<any>(bot.app.store, 'activities', {})).map((document) => document.body);

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam('19:ung-fritid@thread.tacv2', [MONA]);
    bot = await startTestBot({ clock: () => new Date('2026-09-14T08:00:00Z') });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('lists the plan’s 14 activities for coordinators only, in the plan’s order', async () => {
    await bot.post(message('aktiviteter', opts(STAFF)));
    expect((await connector.waitFor((a) => a.activity.text?.includes('bara samordnare'))).activity.text).toBeDefined();
    await bot.post(message('Activities', opts(COORDINATOR, 'en-GB')));
    const card = (await connector.waitFor((a) => JSON.stringify(a.activity.attachments ?? []).includes('activity.save'))).activity.attachments[0].content;
    expect(checkCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Action plan activities');
    expect(text).toContain('Follow-up 2026: 0 of 14 activities answered. The cards go out on 2 November 2026.');
    expect(text.indexOf('skolprogram i stadsdelsområdets')).toBeLessThan(text.indexOf('samverka med stadens VBE-team'));
    expect(text.indexOf('samverka med stadens VBE-team')).toBeLessThan(text.indexOf('webbaserade grundutbildningen'));
    expect(text).toContain('Preventing · Responsible: Enhetschef Familjeenheten · Schedule: Ongoing');
  });

  it('refuses bad input with every value typed and the problem under its field, in the user’s language', async () => {
    const bad = { ...FORM, title: '', scheduleFrom: '2026-06-30', scheduleTo: '2026-01-01', responsibleUsers: '55555555-5555-4555-8555-555555555555' };
    const sv = await bot.post(executeAction('activity.save', bad, opts()));
    const svText = JSON.stringify(sv.body.value);
    expect(checkCard(sv.body.value).errors).toEqual([]);
    expect(svText).toContain('Aktiviteten sparades inte');
    expect(svText).toContain('Enhetschef Enheten för ung fritid');
    expect(svText).toContain('"value":"2026-06-30"');
    expect(svText).toMatch(/"id":"title"[^}]*\}[^{]*\{"\$?[^}]*"text":"Fältet måste fyllas i\."/);
    expect(svText).toContain('Slutdatumet ligger före startdatumet.');
    const en = await bot.post(executeAction('activity.save', { ...bad, title: FORM.title, scheduleTo: '2026-12-31' }, opts(COORDINATOR, 'en-GB')));
    const enText = JSON.stringify(en.body.value);
    expect(enText).toContain('is not in any of the district’s teams');
    expect(enText).toContain(FORM.title);
    expect(await bot.app.store.count('activities', {})).toBe(14);
  });

  it('adds one with a responsible person picked from Teams, edits it, and retires it into the history', async () => {
    const saved = await bot.post(executeAction('activity.save', { ...FORM, responsibleUsers: MONA.id }, opts()));
    expect(JSON.stringify(saved.body.value)).toContain('Aktiviteten är sparad.');
    const added = (await stored()).find((activity) => activity.title === FORM.title);
    expect(added).toMatchObject({ category: 'preventive', position: 5, schedule: { kind: 'range', from: '2026-01-01', to: '2026-06-30' }, responsible: { users: [{ aadObjectId: MONA.aadObjectId, name: MONA.name, userId: MONA.id }] }, retired: false });

    const edit = await bot.post(executeAction('activity.edit', { activityId: added.id }, opts()));
    expect(JSON.stringify(edit.body.value)).toContain('Ändra aktivitet');
    expect(JSON.stringify(edit.body.value)).toContain('"title":"Mona Rektor"');
    await bot.post(executeAction('activity.save', { ...FORM, activityId: added.id, scheduleKind: 'ongoing', responsibleUsers: MONA.aadObjectId }, opts()));
    expect((await bot.app.store.read<any>('activities', 'activities', added.id))?.body).toMatchObject({ schedule: { kind: 'ongoing' }, responsible: { users: [{ name: MONA.name }] } });

    const forged = await bot.post(executeAction('activity.retire', { activityId: added.id }, opts(STAFF)));
    expect(JSON.stringify(forged.body.value)).toContain('bara samordnare');
    const retired = await bot.post(executeAction('activity.retire', { activityId: added.id }, opts()));
    const retiredText = JSON.stringify(retired.body.value);
    expect(retiredText).toContain('Aktiviteten är avvecklad.');
    expect(retiredText).toContain('Avvecklade aktiviteter');
    expect(retiredText).toContain(`${FORM.title} (Avvecklad 14 september 2026)`);
    expect((await bot.app.store.read<any>('activities', 'activities', added.id))?.body).toMatchObject({ retired: true, retiredOn: '2026-09-14' });
    expect(await bot.app.store.count('activities', {})).toBe(15);
    const audit = (await queryAll<any>(bot.app.store, 'audit', {})).map((entry) => entry.body.action).filter((action) => action.startsWith('activity.'));
    expect(audit.sort()).toEqual(['activity.created', 'activity.retired', 'activity.updated']);
  });
});

/** The shipped district with one activity's responsible person named, as an operator would write it. */
function districtWithActivities(): string {
  const district = parse(readFileSync(DEFAULT_DISTRICT_FILE, 'utf8'));
  district.activities[5].responsible.users = [{ aadObjectId: MONA.aadObjectId, name: MONA.name, userId: MONA.id }];
  const path = join(mkdtempSync(join(tmpdir(), 'vbe-district-')), 'district.json');
  writeFileSync(path, JSON.stringify(district));
  return path;
}

describe('activities seeded from the district config', () => {
  let bot: TestBot | undefined;
  afterEach(async () => bot?.stop());

  it('registers them once at start and keeps what coordinators change later, retired ones too', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbe-activity-seed-'));
    const env = { DISTRICT_CONFIG: districtWithActivities() };
    bot = await startTestBot({ env, dataDir, clock: () => new Date('2026-04-20T08:00:00Z') });
    const seeded = await queryAll<any>(bot.app.store, 'activities', {});
    expect(seeded).toHaveLength(14);
    expect((await bot.app.store.read<any>('activities', 'activities', 'activity-vbe-teamet'))?.body).toMatchObject({
      category: 'preventing',
      position: 5,
      responsible: { role: 'Enhetschef Familjeenheten', users: [{ name: MONA.name }] },
      schedule: { kind: 'ongoing' },
      followUp: 'yearly',
      registeredOn: '2026-04-20',
    });

    const serviceUrl = 'http://127.0.0.1:9';
    const edited = await bot.post(
      executeAction('activity.save', { activityId: 'activity-vbe-teamet', title: 'Samverka med stadens VBE-team när det blir aktuellt', category: 'preventing', responsibleRole: 'Enhetschef Familjeenheten', responsibleUsers: MONA.aadObjectId, scheduleKind: 'ongoing' }, { serviceUrl, from: COORDINATOR }),
    );
    expect(JSON.stringify(edited.body.value)).toContain('Aktiviteten är sparad');
    await bot.post(executeAction('activity.retire', { activityId: 'activity-atervandande' }, { serviceUrl, from: COORDINATOR }));
    await bot.stop();

    bot = await startTestBot({ env, dataDir, clock: () => new Date('2026-04-21T08:00:00Z') });
    expect(await bot.app.store.count('activities', {})).toBe(14);
    expect((await bot.app.store.read<any>('activities', 'activities', 'activity-vbe-teamet'))?.body).toMatchObject({ title: 'Samverka med stadens VBE-team när det blir aktuellt', registeredOn: '2026-04-20' });
    expect((await bot.app.store.read<any>('activities', 'activities', 'activity-atervandande'))?.body).toMatchObject({ retired: true, retiredOn: '2026-04-20' });
  }, 30_000);

  it('refuses a bad seed at start, naming the fields', async () => {
    const path = districtWithActivities();
    const district = JSON.parse(readFileSync(path, 'utf8'));
    district.activities[0].category = 'förebyggande';
    district.activities[1].schedule = { from: '2026-06-30', to: '2026-01-01' };
    district.activities[2].id = district.activities[3].id;
    district.activityFollowUp = { date: '02-29', time: '18:00' };
    writeFileSync(path, JSON.stringify(district));
    const start = startTestBot({ env: { DISTRICT_CONFIG: path } });
    await expect(start).rejects.toThrow(/activities\.0\.category/);
    await expect(start).rejects.toThrow(/activities\.1\.schedule/);
    await expect(start).rejects.toThrow(/activities\.3\.id: duplicate id/);
    await expect(start).rejects.toThrow(/activityFollowUp\.date/);
    await expect(start).rejects.toThrow(/activityFollowUp\.time/);
  });
});
