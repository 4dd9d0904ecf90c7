import type { Application, TurnState } from '@microsoft/teams-ai';
import { noticeCard } from '../../../cards/general-cards';
import { surveyAdminCard, surveyCard, surveyResultsCard, surveyStatusCard } from '../../../cards/survey-cards';
import { stockholmDate } from '../../../domain/stockholm-time';
import { readSurveyValues } from '../../../domain/survey/survey-answer';
import type { BotDeps } from '../../bot-deps';
import { sendReply, type CardActions, type CardReply } from '../../card-actions';
import { command } from '../../commands';
import { turnInfo, type TurnInfo } from '../../turn-info';

export function register(app: Application<TurnState>, deps: BotDeps, cardActions: CardActions): void {
  const { surveys, district } = deps;
  const today = () => stockholmDate(deps.clock());
  const roundIdOf = (data: Record<string, unknown>) => (typeof data.roundId === 'string' ? data.roundId : '');

  const adminCard = async (turn: TurnInfo, extra: { message?: string; values?: Record<string, string>; problems?: Parameters<typeof surveyAdminCard>[0]['problems'] } = {}): Promise<CardReply> => ({
    card: surveyAdminCard({ t: turn.t, district, rounds: await surveys.rounds(), today: today(), ...extra }),
  });

  // `enkät`: the open round's card for someone invited who has not answered; otherwise why not.
  app.message(command('survey'), async (context) => {
    const turn = turnInfo(context, deps.coordinatorIds);
    if (turn.conversationType !== 'personal') return sendReply(context, { text: turn.t.errors.personal_chat_only });
    const round = await surveys.openRound();
    if (!round) return sendReply(context, { text: turn.t.survey.noOpenRound });
    const standing = await surveys.standing(round.id, turn.userAadObjectId);
    if (standing !== 'may_answer') return sendReply(context, { text: standing === 'already_answered' ? turn.t.survey.alreadyAnswered : turn.t.survey.notInvited });
    await sendReply(context, { card: surveyCard({ t: turn.t, district, round }) });
  });

  app.message(command('surveyAdmin'), async (context) => {
    const turn = turnInfo(context, deps.coordinatorIds);
    await sendReply(context, turn.role === 'coordinator' ? await adminCard(turn) : { text: turn.t.errors.forbidden });
  });

  cardActions.add({
    verb: 'survey.submit',
    roles: ['staff', 'coordinator'],
    async handle({ turn, data }) {
      const values = readSurveyValues(data);
      const roundId = roundIdOf(data);
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
    async handle({ turn, data }) {
      const result = await surveys.createRound(data);
      const values = Object.fromEntries(Object.entries(data).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
      return result.ok ? adminCard(turn, { message: turn.t.survey.admin.created }) : adminCard(turn, { values, problems: result.problems });
    },
  });

  cardActions.add({
    verb: 'survey.start',
    roles: ['coordinator'],
    async handle({ context, turn, data }) {
      // Survey cards go out through the connector this coordinator's Teams talks to.
      await deps.settings.setProactiveTarget({ serviceUrl: context.activity.serviceUrl, tenantId: turn.tenantId });
      const result = await surveys.startRound(roundIdOf(data));
      const admin = turn.t.survey.admin;
      return adminCard(turn, { message: result.ok ? admin.started(result.invited) : admin.refused + turn.t.survey.roundProblems[result.problem] });
    },
  });

  cardActions.add({
    verb: 'survey.close',
    roles: ['coordinator'],
    async handle({ turn, data }) {
      const result = await surveys.closeRound(roundIdOf(data));
      const admin = turn.t.survey.admin;
      return adminCard(turn, { message: result.ok ? admin.closedDone : admin.refused + turn.t.survey.roundProblems[result.problem] });
    },
  });

  cardActions.add({
    verb: 'survey.status',
    roles: ['coordinator'],
    async handle({ turn, data }) {
      const roundId = roundIdOf(data);
      const [round, table] = await Promise.all([surveys.round(roundId), surveys.status(roundId)]);
      if (!round || !table) return { text: turn.t.survey.roundProblems.not_found };
      return { card: surveyStatusCard(turn.t, district, round, table) };
    },
  });

  cardActions.add({
    verb: 'survey.results',
    roles: ['coordinator'],
    async handle({ turn, data }) {
      const outcome = await surveys.results(roundIdOf(data));
      if (!outcome.ok) return { text: outcome.problem === 'not_closed' ? turn.t.survey.results.notClosed : turn.t.survey.roundProblems.not_found };
      return { card: surveyResultsCard(turn.t, district, outcome.round, outcome.results) };
    },
  });
}
