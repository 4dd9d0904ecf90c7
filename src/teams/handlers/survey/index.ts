import { z } from 'zod';
import { noticeCard } from '../../../cards/general-cards';
import { notReachedText, surveyAdminCard, surveyCard, surveyResultsCard, surveyStatusCard } from '../../../cards/survey-cards';
import { stockholmDate } from '../../../domain/stockholm-time';
import { formText, formToggle } from '../../../domain/form-values';
import type { Strings } from '../../../domain/i18n';
import { surveyValuesSchema } from '../../../domain/survey/survey-answer';
import { newRoundSchema, roundValuesOf } from '../../../domain/survey/survey-round';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { sendReply, type CardActions, type CardReply } from '../../card-actions';
import { onCommand } from '../../commands';
import type { TurnInfo } from '../../turn-info';

/** The round a card is about; every round button and the survey card carry it. */
const roundRef = z.object({ roundId: formText });

export function register(app: TeamsApp, deps: BotDeps, cardActions: CardActions): void {
  const { surveys, district } = deps;
  const today = () => stockholmDate(deps.clock());

  const adminCard = async (turn: TurnInfo, extra: Omit<Parameters<typeof surveyAdminCard>[0], 't' | 'district' | 'rounds' | 'today'> = {}): Promise<CardReply> => ({
    card: surveyAdminCard({ t: turn.t, district, rounds: await surveys.rounds(), today: today(), ...extra }),
  });
  const refusal = (turn: TurnInfo, problem: keyof Strings['survey']['refusals']) => adminCard(turn, { message: turn.t.survey.refusals[problem], messageColor: 'Attention' });

  // `enkät`: the open round's card for someone invited who has not answered; otherwise why not.
  onCommand(app, deps.coordinatorIds, 'survey', async (context, turn) => {
    if (turn.conversationType !== 'personal') return sendReply(context, { text: turn.t.errors.personal_chat_only });
    const round = await surveys.openRound();
    if (!round) return sendReply(context, { text: turn.t.survey.noOpenRound });
    const standing = await surveys.standing(round.id, turn.userAadObjectId);
    if (standing !== 'may_answer') return sendReply(context, { text: standing === 'already_answered' ? turn.t.survey.alreadyAnswered : turn.t.survey.notInvited });
    await sendReply(context, { card: surveyCard({ t: turn.t, district, round }) });
  });

  onCommand(app, deps.coordinatorIds, 'surveyAdmin', async (context, turn) => {
    await sendReply(context, await adminCard(turn));
  });

  cardActions.add({
    verb: 'survey.submit',
    roles: ['staff', 'coordinator'],
    data: surveyValuesSchema.merge(roundRef),
    async handle({ turn, data: { roundId, ...values } }) {
      const result = await surveys.answer(roundId, values, turn.userAadObjectId);
      deps.log.info({ event: 'survey.submit', outcome: result.kind }, 'survey answer');
      const s = turn.t.survey;
      switch (result.kind) {
        case 'stored':
          return { card: noticeCard(s.title, s.thanks) };
        case 'rejected': {
          const round = await surveys.round(roundId);
          return { card: round ? surveyCard({ t: turn.t, district, round, values, problems: result.problems }) : noticeCard(s.title, s.closed) };
        }
        case 'already_answered':
          return { card: noticeCard(s.title, s.alreadyAnswered) };
        case 'closed':
          return { card: noticeCard(s.title, s.closed) };
        case 'no_open_round':
          return { card: noticeCard(s.title, s.noOpenRound) };
        case 'not_invited':
          return { card: noticeCard(s.title, s.notInvited) };
      }
    },
  });

  cardActions.add({
    verb: 'survey.create',
    roles: ['coordinator'],
    data: newRoundSchema,
    async handle({ turn, data: values }) {
      const result = await surveys.createRound(values);
      return result.ok ? adminCard(turn, { message: turn.t.survey.admin.created }) : adminCard(turn, { values, problems: result.problems });
    },
  });

  cardActions.add({
    verb: 'survey.start',
    roles: ['coordinator'],
    // Survey cards go out through the connector the transport kept from this turn (bot.ts).
    // "Starta ändå" on the card that named the teams which could not be read.
    data: roundRef.extend({ startAnyway: formToggle }),
    async handle({ turn, data: { roundId, startAnyway } }) {
      const result = await surveys.startRound(roundId, { startAnyway: startAnyway === 'true' });
      const admin = turn.t.survey.admin;
      if (result.ok) {
        const notReached = result.round.notReached ?? [];
        deps.log.info({ event: 'survey.start', outcome: 'started', invited: result.invited, notReachedTeams: notReached.length }, 'survey round started');
        return adminCard(turn, { message: notReached.length > 0 ? admin.startedPartly(result.invited, notReachedText(turn.t, district, notReached)) : admin.started(result.invited) });
      }
      if (result.problem === 'teams_unreadable' || result.problem === 'teams_try_again') {
        // Team ids come from the district config, not from the card.
        deps.log.warn({ event: 'survey.start', outcome: result.problem, teams: result.teams.map(({ teamId, problem }) => ({ teamId, problem })) }, 'survey start: teams could not be read');
        const canStartAnyway = result.problem === 'teams_unreadable' && result.canStartAnyway;
        return adminCard(turn, { startRefusal: { roundId, kind: result.problem, teams: result.teams, canStartAnyway } });
      }
      return refusal(turn, result.problem);
    },
  });

  cardActions.add({
    verb: 'survey.edit',
    roles: ['coordinator'],
    data: roundRef,
    async handle({ turn, data }) {
      const draft = await surveys.draftToEdit(data.roundId);
      return draft.ok ? adminCard(turn, { editing: draft.round, values: roundValuesOf(draft.round) }) : refusal(turn, draft.problem);
    },
  });

  cardActions.add({
    verb: 'survey.update',
    roles: ['coordinator'],
    data: newRoundSchema.merge(roundRef),
    async handle({ turn, data: { roundId, ...values } }) {
      const result = await surveys.editDraft(roundId, values);
      if (result.ok) return adminCard(turn, { message: turn.t.survey.admin.edited });
      if ('problems' in result) return adminCard(turn, { editing: await surveys.round(roundId), values, problems: result.problems });
      return refusal(turn, result.problem);
    },
  });

  cardActions.add({
    verb: 'survey.delete',
    roles: ['coordinator'],
    data: roundRef,
    async handle({ turn, data }) {
      const result = await surveys.deleteDraft(data.roundId);
      return result.ok ? adminCard(turn, { message: turn.t.survey.admin.deleted }) : refusal(turn, result.problem);
    },
  });

  cardActions.add({
    verb: 'survey.close',
    roles: ['coordinator'],
    data: roundRef,
    async handle({ turn, data }) {
      const result = await surveys.closeRound(data.roundId);
      return result.ok ? adminCard(turn, { message: turn.t.survey.admin.closedDone }) : refusal(turn, result.problem);
    },
  });

  cardActions.add({
    verb: 'survey.status',
    roles: ['coordinator'],
    data: roundRef,
    async handle({ turn, data: { roundId } }) {
      const [round, table] = await Promise.all([surveys.round(roundId), surveys.status(roundId)]);
      if (!round || !table) return { text: turn.t.survey.refusals.not_found };
      return { card: surveyStatusCard(turn.t, district, round, table) };
    },
  });

  cardActions.add({
    verb: 'survey.results',
    roles: ['coordinator'],
    data: roundRef,
    async handle({ turn, data }) {
      const outcome = await surveys.results(data.roundId);
      if (!outcome.ok) return { text: outcome.problem === 'not_closed' ? turn.t.survey.results.notClosed : turn.t.survey.refusals.not_found };
      return { card: surveyResultsCard(turn.t, district, outcome.round, outcome.results) };
    },
  });
}
