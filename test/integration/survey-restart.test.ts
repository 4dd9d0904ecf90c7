import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/working-days';
import { stockholmDate } from '../../src/domain/stockholm-time';
import { DEFAULT_CONCURRENCY } from '../../src/outbox/direct-message-outbox';
import { COORDINATOR, executeAction } from '../support/activities';
import { postActivity, startBotProcess, type BotProcess } from '../support/bot-process';
import { FakeConnector, type FakeMember } from '../support/fake-connector';
import { outboxRecords } from '../support/outbox-records';

const member = (n: number, unit: string): FakeMember => ({
  id: `29:${unit}-${n}`,
  name: `Medarbetare ${n}`,
  aadObjectId: `cccccccc-0000-4000-8000-${String(n).padStart(12, '0')}`,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a survey round survives the bot being killed mid-send', () => {
  let connector: FakeConnector;
  let dataDir: string;
  const bots: BotProcess[] = [];
  const forskola = Array.from({ length: 50 }, (_, i) => member(i, 'forskola'));
  const ungFritid = Array.from({ length: 50 }, (_, i) => member(100 + i, 'ung'));
  const invited = forskola.length + ungFritid.length;
  const env = () => ({
    DATA_DIR: dataDir,
    COORDINATOR_IDS: COORDINATOR.aadObjectId,
    OUTBOX_RETRY_SECONDS: '1',
    // Short claims so the restarted bot takes over what the killed one held within the test's time.
    OUTBOX_CLAIM_SECONDS: '3',
  });
  const surveyCards = () => connector.activities.filter((a) => JSON.stringify(a.activity.attachments ?? []).includes('survey.submit'));

  beforeAll(async () => {
    connector = await FakeConnector.start({ enforceTeamsLimits: true });
    connector.addTeam('19:forskola-hagersten@thread.tacv2', forskola);
    connector.addTeam('19:ung-fritid@thread.tacv2', ungFritid);
    dataDir = mkdtempSync(join(tmpdir(), 'vbe-survey-restart-'));
  });
  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) await bot.stop();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the round after SIGKILL and a restart; nobody gets the card twice beyond the sends in flight', async () => {
    const first = await startBotProcess(env());
    bots.push(first);
    const today = stockholmDate(new Date());
    const as = { serviceUrl: connector.serviceUrl, from: COORDINATOR };
    const created = await postActivity(
      first.url,
      executeAction('survey.create', { year: today.slice(0, 4), opensOn: today, closesOn: addDays(today, 20), targetUnitIds: 'forskola-hagersten,ung-fritid', reminderDaysBeforeClose: '7' }, as),
    );
    const roundId = /enkat-\d{4}-[0-9a-f]{6}/.exec(JSON.stringify(created.body))![0];
    const started = await postActivity(first.url, executeAction('survey.start', { roundId }, as));
    expect(JSON.stringify(started.body.value)).toContain(`${invited} personer får enkäten`);

    // Kill it while it is sending: some cards are out, most are not.
    const killAt = Math.floor(invited / 3);
    const killDeadline = Date.now() + 15_000;
    while (surveyCards().length < killAt && Date.now() < killDeadline) await sleep(5);
    first.child.kill('SIGKILL');
    await first.stop();
    const cardsAtKill = surveyCards().length;
    expect(cardsAtKill).toBeGreaterThanOrEqual(killAt);
    expect(cardsAtKill).toBeLessThan(invited);

    // What the killed process had claimed and not recorded: the only sends that may go twice.
    const atKill = await outboxRecords(dataDir, roundId);
    const inFlight = atKill.filter((record) => record.delivery.state === 'pending' && record.claimedBy !== undefined).length;
    expect(inFlight).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);

    const second = await startBotProcess(env());
    bots.push(second);
    let records = atKill;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      records = await outboxRecords(dataDir, roundId);
      if (records.every((record) => record.delivery.state !== 'pending')) break;
      await sleep(250);
    }
    await second.stop();

    expect(records).toHaveLength(invited);
    expect(records.filter((record) => record.delivery.state === 'delivered')).toHaveLength(invited);
    const perConversation = new Map<string, number>();
    for (const card of surveyCards()) perConversation.set(card.conversationId, (perConversation.get(card.conversationId) ?? 0) + 1);
    // Everyone invited has the card, in the chat the outbox stored for them.
    for (const record of records) expect(perConversation.get(record.recipient.conversationId ?? '') ?? 0).toBeGreaterThanOrEqual(1);
    expect(perConversation.size).toBe(invited);
    const duplicates = [...perConversation.values()].reduce((sum, count) => sum + count - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    expect(surveyCards()).toHaveLength(invited + duplicates);
    // About 15 s on a quiet machine, most of it two bot starts; the margin is for a busy one.
  }, 90_000);
});
