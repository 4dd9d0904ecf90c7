import { z } from 'zod';
import { activityFollowUpCard, activityRegistryCard } from '../../../cards/activity-cards';
import { noticeCard } from '../../../cards/general-cards';
import { activityFormSchema, activityValuesOf } from '../../../domain/activity/activity';
import { followUpFormSchema } from '../../../domain/activity/follow-up';
import { formText } from '../../../domain/form-values';
import type { Actor } from '../../../services/activity-service';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { sendReply, type CardActions, type CardReply } from '../../card-actions';
import { onCommand } from '../../commands';
import type { TurnInfo } from '../../turn-info';

/** The activity a card is about; the list's buttons carry it. */
const activityRef = z.object({ activityId: formText });
/** A follow-up card names its activity and its year (as text, like every card value). */
const followUpRef = activityRef.extend({ year: formText });

const actorOf = (turn: TurnInfo): Actor => ({ aadObjectId: turn.userAadObjectId, name: turn.userName, role: turn.role });

/** The action plan's activities for coordinators, and the yearly follow-up for those responsible. */
export function register(app: TeamsApp, deps: BotDeps, cardActions: CardActions): void {
  const { activities } = deps;

  const registry = async (turn: TurnInfo, extra: Omit<Parameters<typeof activityRegistryCard>[0], 't' | 'activities' | 'year' | 'dueOn' | 'sent' | 'completion' | 'answers'> = {}): Promise<CardReply> => {
    const [list, overview] = await Promise.all([activities.list(), activities.overview()]);
    return { card: activityRegistryCard({ t: turn.t, activities: list, ...overview, ...extra }) };
  };

  onCommand(app, deps.coordinatorIds, 'activities', async (context, turn) => {
    await sendReply(context, await registry(turn));
  });

  cardActions.add({
    verb: 'activity.save',
    roles: ['coordinator'],
    // The people are looked up in the team rosters through the connector kept from this turn (bot.ts).
    data: activityFormSchema.merge(activityRef),
    async handle({ turn, data: { activityId: editedId, ...values } }) {
      const activityId = editedId || undefined;
      const result = await activities.save(values, activityId, actorOf(turn));
      if (result.ok) return registry(turn, { message: turn.t.activity.registry.saved });
      const editing = activityId ? await activities.get(activityId) : undefined;
      return registry(turn, { editing, values: result.values, problems: result.problems, users: result.users });
    },
  });

  cardActions.add({
    verb: 'activity.edit',
    roles: ['coordinator'],
    data: activityRef,
    async handle({ turn, data }) {
      const activity = await activities.get(data.activityId);
      return activity && !activity.retired
        ? registry(turn, { editing: activity, values: activityValuesOf(activity) })
        : registry(turn, { message: turn.t.activity.registry.notFound });
    },
  });

  cardActions.add({
    verb: 'activity.retire',
    roles: ['coordinator'],
    data: activityRef,
    async handle({ turn, data }) {
      const retired = await activities.retire(data.activityId, actorOf(turn));
      return registry(turn, { message: retired ? turn.t.activity.registry.retired : turn.t.activity.registry.notFound });
    },
  });

  // Open to staff too: the service lets only the coordinators and the people named for the activity in.
  cardActions.add({
    verb: 'activity.followup.open',
    roles: ['staff', 'coordinator'],
    data: activityRef,
    async handle({ turn, data }) {
      const result = await activities.openFollowUp(data.activityId, actorOf(turn));
      if (!result.ok) return { text: turn.t.activity.refusals[result.problem] };
      return { card: activityFollowUpCard({ t: turn.t, activity: result.activity, year: result.year, answer: result.answer }) };
    },
  });

  cardActions.add({
    verb: 'activity.followup.answer',
    roles: ['staff', 'coordinator'],
    data: followUpFormSchema.merge(followUpRef),
    async handle({ turn, data: { activityId, year, ...values } }) {
      const result = await activities.answerFollowUp(activityId, Number(year), actorOf(turn), values);
      deps.log.info({ event: 'activity.followup', outcome: result.ok ? 'answered' : result.problem }, 'activity follow-up');
      if (result.ok) return { card: noticeCard(result.activity.title, turn.t.activity.followUp.thanks(result.followUp.year)) };
      if (result.problem !== 'invalid') return { text: turn.t.activity.refusals[result.problem] };
      return { card: activityFollowUpCard({ t: turn.t, activity: result.activity, year: result.year, answer: result.answer, values: result.values, problems: result.problems }) };
    },
  });
}
