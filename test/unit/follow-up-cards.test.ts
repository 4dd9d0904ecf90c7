import { describe, expect, it } from 'vitest';
import { followUpAddCard, followUpAskCard, followUpDoneCard, followUpQuestionCard } from '../../src/cards/follow-up-cards';
import type { AdaptiveCardJson } from '../../src/cards/render-card';
import { FOLLOW_UP_TEXT_MAX_LENGTH } from '../../src/domain/concern/follow-up';
import { stringsFor, type Language } from '../../src/domain/i18n';
import { checkCard } from '../support/validate-card';

const REFERENCE = 'VBE-2026-0012';
const LONGEST = 'Å'.repeat(FOLLOW_UP_TEXT_MAX_LENGTH);
const QUESTION = { reference: REFERENCE, questionId: '5f0c1e2a-0000-4000-8000-000000000001', question: LONGEST };

function catalogue(language: Language): Array<[string, AdaptiveCardJson]> {
  const t = stringsFor(language);
  const personnummer = { kind: 'identifying_data' as const, found: ['personnummer' as const] };
  return [
    ['question form', followUpAskCard(t, REFERENCE)],
    ['question form (refused, text kept)', followUpAskCard(t, REFERENCE, { text: LONGEST, problem: personnummer })],
    ['question form (rate limited)', followUpAskCard(t, REFERENCE, { text: 'Var?', formError: t.followUp.ask.rateLimited('11:30') })],
    ['reporter question', followUpQuestionCard(t, QUESTION)],
    ['reporter question (refused answer, text kept)', followUpQuestionCard(t, { ...QUESTION, text: LONGEST, problem: personnummer })],
    ['reporter question (store unavailable)', followUpQuestionCard(t, { ...QUESTION, text: 'Svar', formError: t.followUp.storeUnavailable })],
    ['addition form', followUpAddCard(t, REFERENCE)],
    ['addition form (refused, text kept)', followUpAddCard(t, REFERENCE, { text: LONGEST, problem: { kind: 'too_long', max: FOLLOW_UP_TEXT_MAX_LENGTH } })],
    ['done (question sent)', followUpDoneCard(t, { title: t.followUp.ask.sentTitle(REFERENCE), text: t.followUp.ask.sent })],
    ['done (addition, add more)', followUpDoneCard(t, { title: t.followUp.add.thanksTitle, text: t.followUp.add.thanks(REFERENCE), addMoreTo: REFERENCE })],
  ];
}

describe.each(['sv', 'en'] as const)('every follow-up card, in %s', (language) => {
  it.each(catalogue(language))('%s parses without errors, is at most 1.5 and well under 80 KB', (_name, card) => {
    const check = checkCard(card);
    expect(check.errors).toEqual([]);
    expect(check.version).toBe('1.5');
    expect(check.bytes).toBeLessThan(80 * 1024);
  });
});

describe('follow-up card content', () => {
  it.each(['sv', 'en'] as const)('the reporter’s question card in %s: the title names the report, an answer box, Skicka svar and Jag vill inte svara', (language) => {
    const t = stringsFor(language);
    const card = followUpQuestionCard(t, { ...QUESTION, question: 'Vilken tid var det?' });
    const json = JSON.stringify(card);
    expect(json).toContain(language === 'sv' ? 'Samordnaren har en fråga om din rapport VBE-2026-0012' : 'The coordinator has a question about your report VBE-2026-0012');
    expect(json).toContain('Vilken tid var det?');
    expect((card.actions as Array<{ title: string; verb: string; data: unknown; associatedInputs?: string }>).map(({ title, verb, data, associatedInputs }) => ({ title, verb, data, associatedInputs }))).toEqual([
      { title: t.followUp.question.send, verb: 'followup.answer', data: { reference: REFERENCE, questionId: QUESTION.questionId }, associatedInputs: undefined },
      { title: t.followUp.question.decline, verb: 'followup.decline', data: { reference: REFERENCE, questionId: QUESTION.questionId }, associatedInputs: 'none' },
    ]);
  });

  it('a refused answer keeps the typed text in its box and names the kind found, never the data', () => {
    const t = stringsFor('en');
    const typed = 'He is 811228-9874';
    const card = followUpQuestionCard(t, { ...QUESTION, question: 'Who?', text: typed, problem: { kind: 'identifying_data', found: ['personnummer'] } });
    const input = (card.body as Array<{ id?: string; value?: string }>).find((element) => element.id === 'answer');
    expect(input?.value).toBe(typed);
    expect(JSON.stringify(card)).toContain('personal identity number');
    expect(JSON.stringify(card).split('811228-9874')).toHaveLength(2);
  });

  it('the done card offers "add more" only after an addition', () => {
    const t = stringsFor('sv');
    expect(followUpDoneCard(t, { title: 'T', text: 'Text här.' }).actions ?? []).toEqual([]);
    expect(followUpDoneCard(t, { title: 'T', text: 'Text här.', addMoreTo: REFERENCE }).actions).toEqual([
      expect.objectContaining({ verb: 'followup.add.open', title: t.followUp.add.more, data: { reference: REFERENCE }, associatedInputs: 'none' }),
    ]);
  });
});
