import {
  chairProblemText,
  forumFollowupCard,
  forumNudgeCard,
  forumRegistryCard,
  freeTextProblemText,
  meetingWhen,
} from '../../../cards/forum-cards';
import { z } from 'zod';
import { noticeCard } from '../../../cards/general-cards';
import { forumFormSchema, forumValuesOf } from '../../../domain/forum/forum';
import { formText } from '../../../domain/form-values';
import type { ChairAction, ForumMeeting } from '../../../domain/forum/meeting';
import type { Forum } from '../../../domain/forum/forum';
import type { ChairResult } from '../../../services/forum-service';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { sendReply, type CardActions, type CardReply } from '../../card-actions';
import { onCommand } from '../../commands';
import type { TurnInfo } from '../../turn-info';

/** The forum a card is about; the registry's edit and remove buttons carry it. */
const forumRef = z.object({ forumId: formText });
/** The meeting a chair's card is about: its forum and the date it was planned for. */
const meetingRef = forumRef.extend({ plannedOn: formText });

/** SPEC §3: the registry for coordinators, and the chairs' answers to nudges and follow-ups. */
export function register(app: TeamsApp, deps: BotDeps, cardActions: CardActions): void {
  const { forums } = deps;

  const registry = async (turn: TurnInfo, extra: Omit<Parameters<typeof forumRegistryCard>[0], 't' | 'forums'> = {}): Promise<CardReply> => ({
    card: forumRegistryCard({ t: turn.t, forums: await forums.list(), ...extra }),
  });

  onCommand(app, deps.coordinatorIds, 'forum', async (context, turn) => {
    await sendReply(context, await registry(turn));
  });

  cardActions.add({
    verb: 'forum.save',
    roles: ['coordinator'],
    // The chair is looked up in the team rosters through the connector the transport kept from this turn (bot.ts).
    data: forumFormSchema.merge(forumRef),
    async handle({ turn, data: { forumId: editedId, ...values } }) {
      const forumId = editedId || undefined;
      const result = await forums.save(values, forumId);
      if (result.ok) return registry(turn, { message: turn.t.forum.registry.saved });
      const editing = forumId ? await forums.get(forumId) : undefined;
      return registry(turn, { editing, values: result.values, problems: result.problems });
    },
  });

  cardActions.add({
    verb: 'forum.edit',
    roles: ['coordinator'],
    data: forumRef,
    async handle({ turn, data }) {
      const forum = await forums.get(data.forumId);
      return forum ? registry(turn, { editing: forum, values: forumValuesOf(forum) }) : registry(turn, { message: turn.t.forum.registry.notFound });
    },
  });

  cardActions.add({
    verb: 'forum.remove',
    roles: ['coordinator'],
    data: forumRef,
    async handle({ turn, data }) {
      const removed = await forums.remove(data.forumId);
      return registry(turn, { message: removed ? turn.t.forum.registry.removed : turn.t.forum.registry.notFound });
    },
  });

  /** What the chair sees after answering: a short notice, the card again with a refused text, or a clear refusal that changes nothing. */
  const chairReply = async (
    turn: TurnInfo,
    result: ChairResult,
    done: (result: Extract<ChairResult, { ok: true }>) => string | string[],
    again: (forum: Forum, meeting: ForumMeeting, problem: string) => Promise<CardReply>,
  ): Promise<CardReply> => {
    if (result.ok) return { card: noticeCard(result.forum.name, done(result)) };
    if (result.problem === 'text') return again(result.forum, result.meeting, freeTextProblemText(turn.t, result.text));
    return { text: chairProblemText(turn.t, result.problem) };
  };

  const chairVerb = <T extends z.infer<typeof meetingRef>>(
    verb: string,
    data: z.ZodType<T, z.ZodTypeDef, unknown>,
    action: (data: T) => ChairAction,
    done: (turn: TurnInfo, result: Extract<ChairResult, { ok: true }>) => string | string[],
  ) =>
    cardActions.add({
      verb,
      roles: ['staff', 'coordinator'],
      data,
      async handle({ turn, data }) {
        const chosen = action(data);
        const result = await forums.chairAction(data.forumId, data.plannedOn, turn.userAadObjectId, chosen);
        deps.log.info({ event: verb, outcome: result.ok ? 'done' : result.problem }, 'forum chair action');
        const values = chosen.kind === 'skip' ? { reason: chosen.reason } : chosen.kind === 'move' ? { newDate: chosen.date, newTime: chosen.time } : {};
        return chairReply(turn, result, (ok) => done(turn, ok), async (forum, meeting, problem) => ({
          card: forumNudgeCard({ t: turn.t, forum, meeting, reminder: false, figures: await forums.figures(), values, problem }),
        }));
      },
    });

  const n = (turn: TurnInfo) => turn.t.forum.nudge;
  // The suggested item stays on the card: the chair may still want to copy it into the agenda.
  chairVerb('agenda.confirm', meetingRef, () => ({ kind: 'confirm' }), (turn) => [n(turn).confirmed, n(turn).suggestion]);
  chairVerb('agenda.snooze', meetingRef, () => ({ kind: 'snooze' }), (turn, result) => n(turn).snoozed(meetingWhen(turn.t, result.meeting.agenda.snoozedUntil ?? '')));
  chairVerb('agenda.skip', meetingRef.extend({ reason: formText }), (data) => ({ kind: 'skip', reason: data.reason }), (turn) => n(turn).skipped);
  chairVerb('meeting.move', meetingRef.extend({ newDate: formText, newTime: formText }), (data) => ({ kind: 'move', date: data.newDate, time: data.newTime }), (turn, result) =>
    n(turn).moved(meetingWhen(turn.t, result.meeting.date), result.meeting.time),
  );
  chairVerb('meeting.cancel', meetingRef, () => ({ kind: 'cancel' }), (turn, result) =>
    result.forum.nextMeetingOn > result.meeting.plannedOn ? n(turn).cancelled(meetingWhen(turn.t, result.forum.nextMeetingOn, result.forum.time)) : n(turn).cancelledNoNext,
  );

  cardActions.add({
    verb: 'meeting.followup',
    roles: ['staff', 'coordinator'],
    data: meetingRef.extend({ discussed: formText, note: formText }),
    async handle({ turn, data: { forumId, plannedOn, ...values } }) {
      const result = await forums.followup(forumId, plannedOn, turn.userAadObjectId, values);
      deps.log.info({ event: 'meeting.followup', outcome: result.ok ? 'done' : result.problem }, 'forum follow-up');
      return chairReply(turn, result, () => turn.t.forum.followup.thanks, async (forum, meeting, problem) => ({
        card: forumFollowupCard({ t: turn.t, forum, meeting, values, problem }),
      }));
    },
  });
}
