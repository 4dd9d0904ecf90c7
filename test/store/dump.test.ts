import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerPoolKey, createPseudonymizer, pseudonymSecret } from '../../src/services/pseudonym';
import { CONTAINERS, queryAll } from '../../src/store/document-store';
import { exportStore, importStore } from '../../src/store/dump';
import { Settings } from '../../src/store/repositories/settings';
import { SurveyAnswerPool } from '../../src/store/repositories/survey-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const newStore = () => new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'vbe-dump-')) });

async function* linesOf(text: string): AsyncIterable<string> {
  yield* text.split('\n');
}

async function dump(store: SqliteStore): Promise<string> {
  let text = '';
  await exportStore(store, (line) => void (text += line));
  return text;
}

async function everything(store: SqliteStore) {
  const documents = [];
  for (const container of CONTAINERS) for (const item of await queryAll(store, container, {})) documents.push({ container, id: item.id, body: item.body });
  return documents;
}

describe('store dumps carry no key material', () => {
  it('leaves out the generated secret (and so every key derived from it); the rest imports whole', async () => {
    const source = newStore();
    // Development: no DATA_KEY, so the store made itself the secret that keys pseudonyms and the pool.
    const secret = await pseudonymSecret(undefined, new Settings(source));
    const pool = new SurveyAnswerPool(source, answerPoolKey(secret));
    const answer = { q_unit: 'ung-fritid', q_observed: 'no', q_met_sympathiser: 'no', q_threatened: 'no', q_reported_police: 'no', q_problem: 2, q_knows_routine: 'yes', q_knows_coordinator: 'no', q_training_done: 'no', q_training_need: ['none'] } as const;
    for (const n of [1, 2, 3]) await pool.answerOnce('round-2026', { ...answer, q_training_need: [...answer.q_training_need] }, createPseudonymizer(secret)(`person-${n}`), 'ung-fritid');
    await new Settings(source).setProactiveTarget({ serviceUrl: 'https://smba.example/emea/' });

    const text = await dump(source);
    const poolKey = answerPoolKey(secret);
    for (const material of [secret, poolKey.toString('base64'), poolKey.toString('base64url'), poolKey.toString('hex')]) expect(text).not.toContain(material);
    expect(text).not.toContain('generatedSecret');

    const target = newStore();
    const lines = text.trim().split('\n');
    expect(await importStore(target, linesOf(text))).toBe(lines.length);
    const withoutSecret = (await everything(source)).filter((document) => document.id !== 'generatedSecret');
    expect(await everything(target)).toEqual(withoutSecret);
    expect(withoutSecret.some((document) => document.container === 'surveyAnswerPool')).toBe(true);
    await Promise.all([source.close(), target.close()]);
  });

  it('never lets a dump set a store\'s key: a secret in an older dump is skipped on import', async () => {
    const target = newStore();
    const planted = 'planted-secret-planted-secret-planted-secret';
    const old = `${JSON.stringify({ container: 'settings', partitionKey: 'settings', id: 'generatedSecret', body: { secret: planted } })}\n${JSON.stringify({ container: 'settings', partitionKey: 'settings', id: 'proactiveTarget', body: { serviceUrl: 'https://smba.example/emea/' } })}\n`;
    expect(await importStore(target, linesOf(old))).toBe(1);
    expect(await new Settings(target).proactiveTarget()).toEqual({ serviceUrl: 'https://smba.example/emea/' });
    expect(await pseudonymSecret(undefined, new Settings(target))).not.toBe(planted);
    await target.close();
  });
});
