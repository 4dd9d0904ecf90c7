import { activityFollowUpCard } from '../cards/activity-cards';
import { forumFollowupCard, forumNudgeCard } from '../cards/forum-cards';
import type { AdaptiveCardJson } from '../cards/render-card';
import { surveyCard } from '../cards/survey-cards';
import type { DistrictConfig } from '../config/district';
import { firstDayOf, lastMonthOf } from '../domain/digest/months';
import { stringsFor } from '../domain/i18n';
import { stockholmDate, stockholmInstant } from '../domain/stockholm-time';
import type { Activities, ActivityFollowUps } from '../store/repositories/activities';
import type { ConcernReports } from '../store/repositories/concern-reports';
import type { ForumMeetings, Forums } from '../store/repositories/forums';
import type { OutboxPayloadRef } from '../store/repositories/outbox-messages';
import type { SurveyRounds } from '../store/repositories/survey-store';
import type { ActivityFollowUpRef } from './activity-followups';

/** The payload of a forum step in the outbox: which meeting, and which of its messages. */
export interface ForumStepRef extends OutboxPayloadRef {
  kind: 'forum';
  forumId: string;
  plannedOn: string;
  step: 'nudge' | 'reminder' | 'followup';
}

/** The district's latest figures for a nudge (counts only): last month and the year so far. */
export function reportFigures(deps: { district: DistrictConfig; reports: ConcernReports; clock: () => Date }) {
  return async (): Promise<{ lastMonth: number; year: number }> => {
    const now = deps.clock();
    const today = stockholmDate(now);
    const at = (date: string) => stockholmInstant(date, '00:00');
    const [lastMonth, year] = await Promise.all([
      deps.reports.countSubmitted(deps.district.id, at(firstDayOf(lastMonthOf(today))), at(firstDayOf(today.slice(0, 7)))),
      deps.reports.countSubmitted(deps.district.id, at(`${today.slice(0, 4)}-01-01`), now),
    ]);
    return { lastMonth, year };
  };
}

/**
 * The cards of the direct-message outbox, built when they are sent (in the district's language:
 * a recipient's own language is not known before they write to the bot). A forum message whose
 * forum was removed or whose meeting was cancelled or already answered builds nothing, nor does
 * the follow-up of an activity retired or answered since.
 */
export function directMessageCards(deps: {
  district: DistrictConfig;
  forums: Forums;
  meetings: ForumMeetings;
  rounds: Pick<SurveyRounds, 'get'>;
  figures: () => Promise<{ lastMonth: number; year: number }>;
  activities: Pick<Activities, 'get'>;
  followUps: Pick<ActivityFollowUps, 'get'>;
}) {
  const t = stringsFor(deps.district.language);
  return async (payloadRef: OutboxPayloadRef): Promise<AdaptiveCardJson | undefined> => {
    if (payloadRef.kind === 'survey' && typeof payloadRef.roundId === 'string') {
      const round = await deps.rounds.get(payloadRef.roundId);
      // A round gone (gallring) sends nothing; its reminders say they are reminders.
      return round ? surveyCard({ t, district: deps.district, round: round.body, reminder: payloadRef.reminder === true }) : undefined;
    }
    if (payloadRef.kind === 'activity-followup') {
      const ref = payloadRef as ActivityFollowUpRef;
      const [activity, answer] = await Promise.all([deps.activities.get(ref.activityId), deps.followUps.get(ref.year, ref.activityId)]);
      if (!activity || activity.body.retired || answer) return undefined;
      return activityFollowUpCard({ t, activity: activity.body, year: ref.year, reminder: ref.reminder === true });
    }
    if (payloadRef.kind !== 'forum') return undefined;
    const ref = payloadRef as ForumStepRef;
    const [forum, meeting] = await Promise.all([deps.forums.get(ref.forumId), deps.meetings.get(ref.forumId, ref.plannedOn)]);
    if (!forum || !meeting || meeting.body.cancelled) return undefined;
    if (ref.step === 'followup') {
      return meeting.body.followup.answeredOn ? undefined : forumFollowupCard({ t, forum: forum.body, meeting: meeting.body });
    }
    const answered = meeting.body.agenda.state === 'confirmed' || meeting.body.agenda.state === 'skipped';
    if (answered || forum.body.nextMeetingOn !== ref.plannedOn) return undefined;
    return forumNudgeCard({ t, forum: forum.body, meeting: meeting.body, reminder: ref.step === 'reminder', figures: await deps.figures() });
  };
}
