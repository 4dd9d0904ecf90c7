import { z } from 'zod';
import { followUpAddCard, followUpAskCard, followUpDoneCard, followUpQuestionCard } from '../../../cards/follow-up-cards';
import { parseCommandLine } from '../../../domain/commands';
import { formText } from '../../../domain/form-values';
import { stockholmTime } from '../../../domain/stockholm-time';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { sendReply, type CardActions, type CardReply } from '../../card-actions';
import { onCommand } from '../../commands';
import type { TurnInfo } from '../../turn-info';

const referenceData = z.object({ reference: formText });
const questionData = z.object({ reference: formText, questionId: formText });

/** The refusals every follow-up form shares, said on the form itself so the typed text stays. */
function formError(turn: TurnInfo, result: { kind: string; retryAt?: Date }, rateLimited: (time: string) => string): string | undefined {
  if (result.kind === 'rate_limited' && result.retryAt) return rateLimited(stockholmTime(result.retryAt));
  if (result.kind === 'store_unavailable') return turn.t.followUp.storeUnavailable;
  return undefined;
}

/**
 * The anonymous follow-up (issue 13): "Fråga rapportören" for coordinators, the reporter's answer
 * or "Jag vill inte svara", information added from the receipt, and `status VBE-…`. Who may do
 * what beyond the role (only the reporter answers) is the service's check, on the sealed link.
 */
export function register(app: TeamsApp, deps: BotDeps, cardActions: CardActions): void {
  const followUps = deps.followUps;
  const log = (event: string, outcome: string) => deps.log.info({ event, outcome }, 'follow-up');

  // On the channel post: the question form, shown only to the coordinator who pressed the button.
  cardActions.add({
    verb: 'followup.ask.open',
    roles: ['coordinator'],
    data: referenceData,
    async handle({ turn, data: { reference } }): Promise<CardReply> {
      const answer = await followUps.canAsk(reference);
      if (answer === 'yes') return { card: followUpAskCard(turn.t, reference) };
      return { text: answer === 'not_found' ? turn.t.followUp.ask.notFound : turn.t.followUp.ask.unreachable };
    },
  });

  cardActions.add({
    verb: 'followup.ask',
    roles: ['coordinator'],
    data: referenceData.extend({ question: formText }),
    async handle({ turn, data: { reference, question } }): Promise<CardReply> {
      const result = await followUps.ask(reference, question, { aadObjectId: turn.userAadObjectId, name: turn.userName });
      log('followup.ask', result.kind);
      const t = turn.t.followUp.ask;
      switch (result.kind) {
        case 'sent':
          return { card: followUpDoneCard(turn.t, { title: t.sentTitle(reference), text: t.sent }) };
        case 'rejected':
          return { card: followUpAskCard(turn.t, reference, { text: question, problem: result.problem }) };
        case 'not_found':
          return { text: t.notFound };
        case 'unreachable':
          return { text: t.unreachable };
        default:
          return { card: followUpAskCard(turn.t, reference, { text: question, formError: formError(turn, result, t.rateLimited) }) };
      }
    },
  });

  cardActions.add({
    verb: 'followup.answer',
    roles: ['staff', 'coordinator'],
    data: questionData.extend({ answer: formText }),
    async handle({ turn, data: { reference, questionId, answer } }): Promise<CardReply> {
      const result = await followUps.answer(reference, questionId, answer, turn.userAadObjectId);
      log('followup.answer', result.kind);
      const t = turn.t.followUp.question;
      switch (result.kind) {
        case 'answered':
          return { card: followUpDoneCard(turn.t, { title: t.thanksTitle, text: t.thanks(reference) }) };
        case 'already_answered':
          return { card: followUpDoneCard(turn.t, { title: t.title(reference), text: t.alreadyAnswered }) };
        case 'gone':
        case 'declined':
          return { text: t.gone };
        default: {
          const card = { reference, questionId, question: result.question ?? '', text: answer };
          if (result.kind === 'rejected') return { card: followUpQuestionCard(turn.t, { ...card, problem: result.problem }) };
          return { card: followUpQuestionCard(turn.t, { ...card, formError: formError(turn, result, turn.t.followUp.rateLimited) }) };
        }
      }
    },
  });

  cardActions.add({
    verb: 'followup.decline',
    roles: ['staff', 'coordinator'],
    data: questionData,
    async handle({ turn, data: { reference, questionId } }): Promise<CardReply> {
      const result = await followUps.decline(reference, questionId, turn.userAadObjectId);
      log('followup.decline', result.kind);
      const t = turn.t.followUp.question;
      switch (result.kind) {
        case 'declined':
          return { card: followUpDoneCard(turn.t, { title: t.declinedTitle, text: t.declined }) };
        case 'already_answered':
          return { card: followUpDoneCard(turn.t, { title: t.title(reference), text: t.alreadyAnswered }) };
        case 'rate_limited':
          return { text: turn.t.followUp.rateLimited(stockholmTime(result.retryAt)) };
        case 'store_unavailable':
          return { text: turn.t.followUp.storeUnavailable };
        default:
          return { text: t.gone };
      }
    },
  });

  // On the receipt (and after an addition): the form, for the report's own reporter only.
  cardActions.add({
    verb: 'followup.add.open',
    roles: ['staff', 'coordinator'],
    data: referenceData,
    async handle({ turn, data: { reference } }): Promise<CardReply> {
      return (await followUps.canAdd(reference, turn.userAadObjectId)) ? { card: followUpAddCard(turn.t, reference) } : { text: turn.t.followUp.add.gone };
    },
  });

  cardActions.add({
    verb: 'followup.add',
    roles: ['staff', 'coordinator'],
    data: referenceData.extend({ addition: formText }),
    async handle({ turn, data: { reference, addition } }): Promise<CardReply> {
      const result = await followUps.add(reference, addition, turn.userAadObjectId);
      log('followup.add', result.kind);
      const t = turn.t.followUp.add;
      switch (result.kind) {
        case 'added':
          return { card: followUpDoneCard(turn.t, { title: t.thanksTitle, text: t.thanks(reference), addMoreTo: reference }) };
        case 'gone':
          return { text: t.gone };
        case 'rejected':
          return { card: followUpAddCard(turn.t, reference, { text: addition, problem: result.problem }) };
        default:
          return { card: followUpAddCard(turn.t, reference, { text: addition, formError: formError(turn, result, turn.t.followUp.rateLimited) }) };
      }
    },
  });

  onCommand(app, deps.coordinatorIds, 'status', async (context, turn) => {
    const t = turn.t.followUp.status;
    // In a channel everyone would read whose report it is.
    if (turn.conversationType !== 'personal') return sendReply(context, { text: t.personalChatOnly });
    const reference = (parseCommandLine(context.activity.text).argument ?? '').toUpperCase();
    if (!reference) return sendReply(context, { text: t.usage });
    const result = await followUps.status(reference, turn.userAadObjectId);
    log('followup.status', result.kind);
    // Someone else's report and a reference that does not exist get the very same answer.
    await sendReply(context, { text: result.kind === 'own' ? t.answer(reference, t.states[result.state]) : t.unknown(reference) });
  });
}
