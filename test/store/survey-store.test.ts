import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SurveyAnswer, SurveyAnswerRecord } from '../../src/domain/survey/survey-answer';
import { COMMENT_MAX_LENGTH } from '../../src/domain/survey/survey-questions';
import { answerPoolKey, createPseudonymizer } from '../../src/services/pseudonym';
import { CONTAINERS, queryAll } from '../../src/store/document-store';
import { SurveyAnswerPool, SurveyResponses } from '../../src/store/repositories/survey-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const pseudonym = createPseudonymizer('test-secret-test-secret-test-secret-1234');
const key = answerPoolKey('test-secret-test-secret-test-secret-1234');
const people = Array.from({ length: 12 }, (_, i) => ({ aadObjectId: `88888888-8888-4888-8888-${String(i).padStart(12, '0')}`, name: `Svarande ${i}` }));
const ROUND = 'round-2026';
const unitOf = (i: number) => (i % 2 ? 'ung-fritid' : 'forskola-alvsjo');

function answer(i: number, comment?: string): SurveyAnswer {
  return {
    q_unit: unitOf(i),
    q_observed: 'no',
    q_met_sympathiser: 'no',
    q_threatened: 'no',
    q_reported_police: 'not_applicable',
    q_problem: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5,
    q_knows_routine: 'yes',
    q_knows_coordinator: 'yes',
    q_training_done: 'no',
    q_training_need: ['online'],
    ...(comment ? { q_comment: comment } : {}),
  };
}

const newStore = (dataDir = mkdtempSync(join(tmpdir(), 'vbe-survey-'))) => new SqliteStore({ dataDir });

describe('survey answers and participation, kept apart', () => {
  it('marks who answered at once, holds the answer in the pool, and counts completion from the marks', async () => {
    const store = newStore();
    const responses = new SurveyResponses(store);
    const pool = new SurveyAnswerPool(store, key);
    for (const [i, person] of people.entries()) {
      expect(await pool.answerOnce(ROUND, answer(i), pseudonym(person.aadObjectId), unitOf(i))).toBe('stored');
    }
    expect(await pool.answerOnce(ROUND, answer(0), pseudonym(people[0]!.aadObjectId), unitOf(0))).toBe('already_answered');
    expect(await pool.size(ROUND)).toBe(12);
    expect(await responses.answers(ROUND)).toEqual([]);
    expect(Object.fromEntries(await responses.answeredByUnit(ROUND))).toEqual({ 'ung-fritid': 6, 'forskola-alvsjo': 6 });
    expect(await responses.hasAnswered(ROUND, pseudonym(people[3]!.aadObjectId))).toBe(true);

    expect(await pool.release(ROUND, 12)).toBe(12);
    expect(await pool.size(ROUND)).toBe(0);
    const stored = await responses.answers(ROUND);
    expect(stored.map((record) => record.answer.q_problem).sort()).toEqual(people.map((_, i) => answer(i).q_problem).sort());

    // Read every record of the store: nothing holds a respondent's id or name, and no date at all.
    const everything: string[] = [];
    for (const container of CONTAINERS) for (const item of await queryAll(store, container, {})) everything.push(JSON.stringify(item));
    const text = everything.join('\n');
    for (const person of people) {
      expect(text).not.toContain(person.aadObjectId);
      expect(text).not.toContain(person.name);
    }
    const answerDocuments = await queryAll<SurveyAnswerRecord>(store, 'surveyAnswers', { partitionKey: ROUND });
    for (const document of answerDocuments) expect(Object.keys(document.body).sort()).toEqual(['answer', 'roundId']);
    expect(JSON.stringify(answerDocuments)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await store.close();
  });

  it('keeps a pool record free of anything that tells answers apart: sealed, one length, no date', async () => {
    const store = newStore();
    const pool = new SurveyAnswerPool(store, key);
    // The longest JSON a comment can make: every character escaped as \u00XX.
    const longest = '\u0001'.repeat(COMMENT_MAX_LENGTH);
    await pool.answerOnce(ROUND, answer(0), pseudonym(people[0]!.aadObjectId), unitOf(0));
    await pool.answerOnce(ROUND, answer(1, 'Mer utbildning om symboler tack'), pseudonym(people[1]!.aadObjectId), unitOf(1));
    await pool.answerOnce(ROUND, answer(2, longest), pseudonym(people[2]!.aadObjectId), unitOf(2));
    const records = await queryAll<Record<string, unknown>>(store, 'surveyAnswerPool', { partitionKey: ROUND });
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(Object.keys(record.body)).toEqual(['sealed']);
      expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(records.map((record) => JSON.stringify(record.body).length)).size).toBe(1);
    const text = JSON.stringify(records);
    for (const plain of ['utbildning', 'q_problem', 'ung-fritid', 'forskola']) expect(text).not.toContain(plain);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await store.close();
  });

  it('takes the participation mark back when the pending answer cannot be stored, so the person can retry', async () => {
    const person = pseudonym(people[1]!.aadObjectId);
    const closing = newStore();
    // The pool write fails after the mark was written.
    const closingPool = new SurveyAnswerPool(closing, key);
    const realCreate = closing.create.bind(closing);
    closing.create = (async (container, partitionKey, id, body) => {
      if (container === 'surveyAnswerPool') throw new Error('disk full');
      return realCreate(container, partitionKey, id, body);
    }) as typeof closing.create;
    await expect(closingPool.answerOnce(ROUND, answer(1), person, 'ung-fritid')).rejects.toThrow('disk full');
    expect(await new SurveyResponses(closing).hasAnswered(ROUND, person)).toBe(false);
    closing.create = realCreate;
    expect(await closingPool.answerOnce(ROUND, answer(1), person, 'ung-fritid')).toBe('stored');
    await closing.close();
  });

  it('lives in the store: another process (or the next start) releases what one process pooled', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbe-survey-'));
    const first = newStore(dataDir);
    for (const i of [0, 1, 2, 3, 4, 5]) await new SurveyAnswerPool(first, key).answerOnce(ROUND, answer(i), pseudonym(people[i]!.aadObjectId), unitOf(i));
    await first.close();
    const second = newStore(dataDir);
    expect(await new SurveyAnswerPool(second, key).release(ROUND, 6)).toBe(6);
    expect(await new SurveyResponses(second).answers(ROUND)).toHaveLength(6);
    await second.close();
  });

  it('never stores an answer twice when two processes release the same pool at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbe-survey-'));
    const a = newStore(dataDir);
    const b = newStore(dataDir);
    for (const [i, person] of people.entries()) await new SurveyAnswerPool(a, key).answerOnce(ROUND, answer(i, `kommentar ${'x'.repeat(i)}`), pseudonym(person.aadObjectId), unitOf(i));
    const written = await Promise.all([new SurveyAnswerPool(a, key).release(ROUND, 12), new SurveyAnswerPool(b, key).release(ROUND, 12)]);
    expect(written[0] + written[1]).toBe(12);
    const comments = (await new SurveyResponses(a).answers(ROUND)).map((record) => record.answer.q_comment);
    expect(comments).toHaveLength(12);
    expect(new Set(comments).size).toBe(12);
    expect(await new SurveyAnswerPool(a, key).size(ROUND)).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('opens pool records only with the key they were sealed with, and only for their round', async () => {
    const store = newStore();
    await new SurveyAnswerPool(store, key).answerOnce(ROUND, answer(0), pseudonym(people[0]!.aadObjectId), unitOf(0));
    await expect(new SurveyAnswerPool(store, randomBytes(32)).release(ROUND, 1)).rejects.toThrow();
    const [record] = await queryAll(store, 'surveyAnswerPool', { partitionKey: ROUND });
    await store.create('surveyAnswerPool', 'another-round', 'moved', record!.body);
    await expect(new SurveyAnswerPool(store, key).release('another-round', 1)).rejects.toThrow();
    expect(await new SurveyResponses(store).answers('another-round')).toEqual([]);
    expect(await new SurveyAnswerPool(store, key).release(ROUND, 1)).toBe(1);
    await store.close();
  });
});
