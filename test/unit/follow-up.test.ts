import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/domain/commands';
import { FOLLOW_UP_TEXT_MAX_LENGTH, type FollowUpEntry } from '../../src/domain/concern/follow-up';
import { checkFollowUpText, questionState, questionText } from '../../src/domain/concern/follow-up-rules';
import { answerPoolKey, reporterLinkKey } from '../../src/services/pseudonym';
import { openAnswer, sealAnswer } from '../../src/store/sealed-answer';
import { openJson, sealJson } from '../../src/store/sealed';

describe('a follow-up text (question, answer, addition)', () => {
  it.each([
    ['Det var på skolgården, på rasten efter lunch.', { ok: true, text: 'Det var på skolgården, på rasten efter lunch.' }],
    ['  Ja, två gånger.  ', { ok: true, text: 'Ja, två gånger.' }],
    ['', { ok: false, problem: { kind: 'required' } }],
    ['   ', { ok: false, problem: { kind: 'required' } }],
    ['x'.repeat(FOLLOW_UP_TEXT_MAX_LENGTH + 1), { ok: false, problem: { kind: 'too_long', max: FOLLOW_UP_TEXT_MAX_LENGTH } }],
    ['Han har personnummer 811228-9874.', { ok: false, problem: { kind: 'identifying_data', found: ['personnummer'] } }],
    ['Hon är född 81.12.28-9874, tror jag.', { ok: false, problem: { kind: 'identifying_data', found: ['personnummer'] } }],
    ['Numret är 19 81 12 28 9874.', { ok: false, problem: { kind: 'identifying_data', found: ['personnummer'] } }],
    ['Ring mig på 070-123 45 67.', { ok: false, problem: { kind: 'identifying_data', found: ['phone'] } }],
    ['Det hände den 3 november kl. 14.30, tre elever.', { ok: true, text: 'Det hände den 3 november kl. 14.30, tre elever.' }],
  ])('%j → %j', (text, expected) => {
    expect(checkFollowUpText(text)).toEqual(expected);
  });
});

describe('the state of a question', () => {
  const question = (id: string): FollowUpEntry => ({ id, kind: 'question', at: '2026-11-28T10:00:00.000Z', text: `Fråga ${id}`, byName: 'Kim' });
  const entries: FollowUpEntry[] = [
    question('q1'),
    question('q2'),
    question('q3'),
    { id: 'a1', kind: 'answer', at: '2026-11-28T11:00:00.000Z', text: 'Svar', questionId: 'q1' },
    { id: 'd2', kind: 'declined', at: '2026-11-28T11:00:00.000Z', questionId: 'q2' },
    { id: 'x', kind: 'addition', at: '2026-11-28T12:00:00.000Z', text: 'Mer' },
  ];
  it.each([
    ['q1', 'answered'],
    ['q2', 'answered'],
    ['q3', 'open'],
    ['x', 'unknown'],
    ['a1', 'unknown'],
    ['nope', 'unknown'],
  ] as const)('%s is %s', (id, state) => {
    expect(questionState(entries, id)).toBe(state);
  });
  it('is unknown on a report without follow-ups, and the text is the question’s', () => {
    expect(questionState(undefined, 'q1')).toBe('unknown');
    expect(questionText(entries, 'q3')).toBe('Fråga q3');
    expect(questionText(entries, 'x')).toBeUndefined();
  });
});

describe('sealed records', () => {
  const secret = 'test-secret-test-secret-test-secret-1234';
  const reach = { pseudonym: 'p', conversationId: 'a:personal-chat', language: 'sv' };

  it('open with the same key and place only, and hide their length', () => {
    const key = reporterLinkKey(secret);
    const sealed = sealJson(key, 'VBE-2026-0012', reach, 1024);
    expect(openJson(key, 'VBE-2026-0012', sealed)).toEqual(reach);
    expect(sealed).not.toContain('personal');
    expect(Buffer.from(sealed, 'base64')).toHaveLength(12 + 1024 + 16);
    expect(Buffer.from(sealJson(key, 'VBE-2026-0012', { ...reach, conversationId: 'x'.repeat(300) }, 1024), 'base64')).toHaveLength(12 + 1024 + 16);
    expect(() => openJson(key, 'VBE-2026-0013', sealed)).toThrow();
    expect(() => openJson(answerPoolKey(secret), 'VBE-2026-0012', sealed)).toThrow();
    expect(() => sealJson(key, 'r', { big: 'x'.repeat(2000) }, 1024)).toThrow(RangeError);
  });

  it('the reporter link key is its own: neither the survey pool key nor the same for another secret', () => {
    expect(reporterLinkKey(secret).equals(answerPoolKey(secret))).toBe(false);
    expect(reporterLinkKey(secret).equals(reporterLinkKey(`${secret}x`))).toBe(false);
    expect(reporterLinkKey(secret)).toHaveLength(32);
  });

  it('survey answers still seal and open as before', () => {
    const key = answerPoolKey(secret);
    const pending = { answerId: 'a', answer: { q_unit: 'u' } as never };
    expect(openAnswer(key, 'round', sealAnswer(key, 'round', pending))).toEqual(pending);
    expect(() => openAnswer(key, 'other', sealAnswer(key, 'round', pending))).toThrow();
  });
});

describe('the status command', () => {
  it.each([
    ['status VBE-2026-0012', { name: 'status', argument: 'vbe-2026-0012' }],
    ['Status  VBE-2026-0012.', { name: 'status', argument: 'vbe-2026-0012' }],
    ['status', { name: 'status' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommandLine(text)).toEqual(expected);
  });
});
