import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/working-days';
import { MIN_GROUP_SIZE } from '../../src/domain/survey/results';
import { stockholmDate } from '../../src/domain/stockholm-time';
import { createPseudonymizer } from '../../src/services/pseudonym';
import { queryAll } from '../../src/store/document-store';
import { COORDINATOR, executeAction, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector } from '../support/fake-connector';
import { lifetimes, snapshotFiles, timeline, type FileSnapshot } from '../support/raw-store-files';
import { surveyMember, validSurveyAnswer, waitForInvitations } from '../support/survey';

/*
 * SPEC §2: who answered must not be linkable to what they answered, even by someone who reads
 * the store's raw files (an operator, a backup, a disk image). Sixteen people answer while the
 * bot runs; the attacker copies every byte under DATA_DIR after each answer and once the bot has
 * stopped, replays the write-ahead log, and tries to pair each participation mark with an answer
 * by when each first appears. Each answer carries a word only the test knows is that person's.
 */
const DATA_KEY = 'unlinkability-test-data-key-0123456789abcdef';
const WORDS = ['alfa', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa'];
const people = WORDS.map((_, i) => surveyMember(500 + i, 'ung'));
const pseudonymOf = createPseudonymizer(DATA_KEY);
const ROUND_ID = 'enkat-\\d{4}-[0-9a-f]{6}';
const PATTERNS = {
  mark: new RegExp(`surveyParticipation${ROUND_ID}([A-Za-z0-9_-]{43})`),
  pool: new RegExp(`surveyAnswerPool${ROUND_ID}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`),
  answer: /Markering ([a-z]+)/,
};

/** What the attacker can work out from a timeline of the store's states. */
function attack(snapshots: FileSnapshot[]) {
  const lives = lifetimes(timeline(snapshots, PATTERNS));
  const seen = (token: string) => lives.get(token)?.seen ?? Infinity;
  const marks = people.map((person, i) => ({ word: WORDS[i]!, token: `mark:${pseudonymOf(person.aadObjectId)}` })).sort((a, b) => seen(a.token) - seen(b.token));
  const answers = WORDS.map((word) => ({ word, token: `answer:${word}` })).filter((answer) => lives.has(answer.token)).sort((a, b) => seen(a.token) - seen(b.token));
  // 1. By rank: the i-th mark written is the i-th answer written.
  const byRank = answers.filter((answer, i) => marks[i]?.word === answer.word).length;
  // 2. By proximity: an answer belongs to the last mark written before it.
  const nearest = answers.filter((answer) => [...marks].reverse().find((mark) => seen(mark.token) <= seen(answer.token))?.word === answer.word).length;
  // 3. Groups: answers that appeared after the same number of marks cannot be told apart by position.
  const groups = new Map<number, number>();
  for (const answer of answers) {
    const marksBefore = marks.filter((mark) => seen(mark.token) < seen(answer.token)).length;
    groups.set(marksBefore, (groups.get(marksBefore) ?? 0) + 1);
  }
  // 4. Through the pool: each mark's pool record is the one written with it; a pool record that
  // vanished after an answer appeared and before the next mark was written may be that answer's.
  const pools = [...lives].filter(([token]) => token.startsWith('pool:'));
  const candidates = answers.map((answer) => {
    const nextMark = Math.min(...marks.map((mark) => seen(mark.token)).filter((at) => at > seen(answer.token)));
    const vanished = pools.filter(([, life]) => life.gone > seen(answer.token) && life.gone <= nextMark).map(([, life]) => life.seen);
    return { answer, marks: marks.filter((mark) => vanished.some((at) => at >= seen(mark.token) && at - seen(mark.token) <= 2)) };
  });
  return { answers, byRank, nearest, groups: [...groups.values()], candidates, pools: pools.length };
}

describe('survey answers cannot be paired with who answered from the raw SQLite files', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const dataDir = mkdtempSync(join(tmpdir(), 'vbe-unlinkable-'));
  const during: FileSnapshot[] = [];
  let after: FileSnapshot;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam('19:ung-fritid@thread.tacv2', people);
    bot = await startTestBot({ dataDir, env: { DATA_KEY } });
    const opts = (from: Person) => ({ serviceUrl: connector.serviceUrl, from });
    const today = stockholmDate(new Date());
    await bot.post(executeAction('survey.create', { year: today.slice(0, 4), opensOn: today, closesOn: addDays(today, 14), targetUnitIds: 'ung-fritid', reminderDaysBeforeClose: '7, 2' }, opts(COORDINATOR)));
    const roundId = (await queryAll<any>(bot.app.store, 'surveyRounds', {}))[0]!.id as string;
    await bot.post(executeAction('survey.start', { roundId }, opts(COORDINATOR)));
    expect(await waitForInvitations(bot.app.store, roundId, people.length)).toEqual({ delivered: people.length });
    for (const [i, person] of people.entries()) {
      const response = await bot.post(executeAction('survey.submit', validSurveyAnswer(roundId, 'ung-fritid', { q_comment: `Markering ${WORDS[i]}` }), opts({ id: person.id, name: person.name, aadObjectId: person.aadObjectId })));
      expect(JSON.stringify(response.body.value)).toContain('Tack för dina svar');
      during.push(snapshotFiles(dataDir));
    }
    await bot.post(executeAction('survey.close', { roundId }, opts(COORDINATOR)));
    const results = await bot.post(executeAction('survey.results', { roundId }, opts(COORDINATOR)));
    expect(JSON.stringify(results.body.value)).toContain('16 svar.');
    during.push(snapshotFiles(dataDir));
    await bot.stop();
    after = snapshotFiles(dataDir);
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
  });

  it('reads the write-ahead log as the attacker would, and finds every answer and mark in it', () => {
    expect(during.some((files) => (files.get('vbe-stod.sqlite-wal')?.length ?? 0) > 0)).toBe(true);
    const { answers } = attack(during);
    expect(answers).toHaveLength(people.length);
  });

  it('lets answers appear only in groups of at least MIN_GROUP_SIZE, so position narrows nobody down further', () => {
    const { groups, nearest } = attack(during);
    expect(groups.every((size) => size >= MIN_GROUP_SIZE)).toBe(true);
    // An answer paired with the mark written just before it is right at most once per group.
    expect(nearest).toBeLessThanOrEqual(groups.length);
  });

  it('leaves pairing by the order of writing at chance', () => {
    // With these groups, chance gets 10 or more right in fewer than 3 of a million rounds (simulated); before the fix, all 16.
    expect(attack(during).byRank).toBeLessThan(10);
  });

  it('keeps each answer among at least MIN_GROUP_SIZE candidates even for an attacker who follows the pool records', () => {
    const { candidates, pools } = attack(during);
    expect(pools).toBe(people.length);
    for (const { answer, marks } of candidates) {
      expect(marks.map((mark) => mark.word)).toContain(answer.word);
      expect(marks.length).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
    }
  });

  it('after the round: the files hold every answer, no pending one, no date on any answer, and their order pairs nobody', () => {
    const database = after.get('vbe-stod.sqlite')!.toString('latin1');
    const text = [...after.values()].map((bytes) => bytes.toString('latin1')).join('');
    for (const word of WORDS) expect(database).toContain(`Markering ${word}`);
    expect(text).not.toMatch(new RegExp(PATTERNS.pool.source));
    const answerBodies = [...database.matchAll(/\{"roundId":"enkat[^}]*?"answer":\{[^}]*\}\}/g)].map((match) => match[0]);
    expect(new Set(answerBodies).size).toBe(people.length);
    for (const body of answerBodies) expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // At rest the only order is where each record lies in the file.
    const at = (text: string) => database.indexOf(text);
    const marks = people.map((person, i) => ({ word: WORDS[i]!, at: at(pseudonymOf(person.aadObjectId)) })).sort((a, b) => a.at - b.at);
    const answers = WORDS.map((word) => ({ word, at: at(`Markering ${word}`) })).sort((a, b) => a.at - b.at);
    expect(marks.every((mark) => mark.at >= 0)).toBe(true);
    expect(answers.filter((answer, i) => marks[i]!.word === answer.word).length).toBeLessThan(10);
  });
});
