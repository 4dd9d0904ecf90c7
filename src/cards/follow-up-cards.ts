import type { FieldProblem } from '../domain/concern/concern-form';
import { FOLLOW_UP_TEXT_MAX_LENGTH } from '../domain/concern/follow-up';
import type { Strings } from '../domain/i18n';
import { describeProblem } from './concern-cards';
import { renderCard, type AdaptiveCardJson } from './render-card';

/** A refused text comes back in its box with the problem under it; `formError` says why else it was not sent. */
interface FormState {
  text?: string;
  problem?: FieldProblem;
  formError?: string;
}

function problemLine(t: Strings, form: FormState): string {
  return form.formError ?? (form.problem ? describeProblem(t, form.problem) : '');
}

/** The coordinator's question form, shown only to the coordinator who pressed "Fråga rapportören". */
export function followUpAskCard(t: Strings, reference: string, form: FormState = {}): AdaptiveCardJson {
  return renderCard('followup-ask', {
    t: t.followUp.ask,
    title: t.followUp.ask.title(reference),
    noIdentifyingData: t.followUp.noIdentifyingData,
    reference,
    question: form.text ?? '',
    problem: problemLine(t, form),
    maxLength: FOLLOW_UP_TEXT_MAX_LENGTH,
  });
}

/** The question in the reporter's 1:1 chat, with an answer box and "Jag vill inte svara". */
export function followUpQuestionCard(t: Strings, input: { reference: string; questionId: string; question: string } & FormState): AdaptiveCardJson {
  return renderCard('followup-question', {
    t: t.followUp.question,
    title: t.followUp.question.title(input.reference),
    noIdentifyingData: t.followUp.noIdentifyingData,
    emergency: t.common.emergency,
    reference: input.reference,
    questionId: input.questionId,
    question: input.question,
    answer: input.text ?? '',
    problem: problemLine(t, input),
    maxLength: FOLLOW_UP_TEXT_MAX_LENGTH,
  });
}

/** The reporter's form for adding information to their own report, opened from the receipt. */
export function followUpAddCard(t: Strings, reference: string, form: FormState = {}): AdaptiveCardJson {
  return renderCard('followup-add', {
    t: t.followUp.add,
    title: t.followUp.add.title(reference),
    noIdentifyingData: t.followUp.noIdentifyingData,
    emergency: t.common.emergency,
    reference,
    addition: form.text ?? '',
    problem: problemLine(t, form),
    maxLength: FOLLOW_UP_TEXT_MAX_LENGTH,
  });
}

/**
 * What replaces a follow-up card once its work is done. After an addition it offers to add more,
 * since the form took the receipt's place in the chat.
 */
export function followUpDoneCard(t: Strings, input: { title: string; text: string; addMoreTo?: string }): AdaptiveCardJson {
  return renderCard('followup-done', {
    title: input.title,
    text: input.text,
    addMore: input.addMoreTo !== undefined,
    addMoreTitle: t.followUp.add.more,
    reference: input.addMoreTo ?? '',
  });
}
