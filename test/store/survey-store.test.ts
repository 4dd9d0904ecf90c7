import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SurveyAnswerRecord } from '../../src/domain/survey/survey-answer';
import { createPseudonymizer } from '../../src/services/pseudonym';
import { CONTAINERS, queryAll } from '../../src/store/document-store';
import { SurveyResponses } from '../../src/store/repositories/survey-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const pseudonym = createPseudonymizer('test-secret-test-secret-test-secret-1234');
const people = Array.from({ length: 12 }, (_, i) => ({ aadObjectId: `88888888-8888-4888-8888-${String(i).padStart(12, '0')}`, name: `Svarande ${i}` }));

function record(i: number): SurveyAnswerRecord {
  return {
    roundId: 'round-2026',
    answeredOn: `2026-11-${String(10 + (i % 3)).padStart(2, '0')}`,
    answer: {
      q_unit: i % 2 ? 'ung-fritid' : 'forskola-alvsjo',
      q_observed: 'no',
      q_met_sympathiser: 'no',
      q_threatened: 'no',
      q_reported_police: 'not_applicable',
      q_problem: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5,
      q_knows_routine: 'yes',
      q_knows_coordinator: 'yes',
      q_training_done: 'no',
      q_training_need: ['online'],
    },
  };
}

describe('survey answers and participation, kept apart', () => {
  it('stores one answer per person, refuses a second, and counts completion per unit', async () => {
    const store = new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'vbe-survey-')) });
    const responses = new SurveyResponses(store);
    for (const [i, person] of people.entries()) {
      expect(await responses.answerOnce(record(i), pseudonym(person.aadObjectId), i % 2 ? 'ung-fritid' : 'forskola-alvsjo')).toBe('stored');
    }
    expect(await responses.answerOnce(record(0), pseudonym(people[0]!.aadObjectId), 'forskola-alvsjo')).toBe('already_answered');
    expect(await responses.answers('round-2026')).toHaveLength(12);
    expect(Object.fromEntries(await responses.answeredByUnit('round-2026'))).toEqual({ 'ung-fritid': 6, 'forskola-alvsjo': 6 });
    expect(await responses.hasAnswered('round-2026', pseudonym(people[3]!.aadObjectId))).toBe(true);

    // Read every record of the store: nothing holds a respondent's id or name, no time of day,
    // and answers do not come back in the order people answered.
    const everything: string[] = [];
    for (const container of CONTAINERS) for (const item of await queryAll(store, container, {})) everything.push(JSON.stringify(item));
    const text = everything.join('\n');
    for (const person of people) {
      expect(text).not.toContain(person.aadObjectId);
      expect(text).not.toContain(person.name);
    }
    expect(text).not.toMatch(/T\d{2}:\d{2}/);
    const answerOrder = (await queryAll<SurveyAnswerRecord>(store, 'surveyAnswers', { partitionKey: 'round-2026' })).map((item) => item.body.answer.q_problem);
    const submittedOrder = people.map((_, i) => record(i).answer.q_problem);
    expect(answerOrder).not.toEqual(submittedOrder);
    await store.close();
  });

  it('takes the participation mark back when the answer cannot be stored, so the person can retry', async () => {
    const store = new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'vbe-survey-')) });
    const responses = new SurveyResponses(store);
    const failing = { ...record(1), answer: undefined as never, roundId: 'round-2026' };
    // An answer body that cannot be serialised as JSON makes the second write fail.
    (failing as { answer: unknown }).answer = { toJSON: () => { throw new Error('boom'); } };
    await expect(responses.answerOnce(failing, pseudonym(people[1]!.aadObjectId), 'ung-fritid')).rejects.toThrow();
    expect(await responses.hasAnswered('round-2026', pseudonym(people[1]!.aadObjectId))).toBe(false);
    expect(await responses.answerOnce(record(1), pseudonym(people[1]!.aadObjectId), 'ung-fritid')).toBe('stored');
    await store.close();
  });
});
