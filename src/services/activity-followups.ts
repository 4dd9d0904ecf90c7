import type { DistrictConfig } from '../config/district';
import { followUpYearOn, reminderDateFor } from '../domain/activity/follow-up';
import { stockholmDate } from '../domain/stockholm-time';
import { queryAll, type DocumentStore } from '../store/document-store';
import { Activities, ActivityFollowUps } from '../store/repositories/activities';
import { OutboxMessages, type OutboxMessage, type OutboxPayloadRef } from '../store/repositories/outbox-messages';

/** The payload of a follow-up card in the outbox: which activity, which year, the card or its reminder. */
export interface ActivityFollowUpRef extends OutboxPayloadRef {
  kind: 'activity-followup';
  activityId: string;
  year: number;
  /** The Stockholm date the card was queued on (the job's `now`): the reminder counts from it. */
  askedOn: string;
  reminder: boolean;
}

/** Every outbox batch of the follow-ups starts with this (gallring finds them by it). */
export const FOLLOW_UP_BATCH_PREFIX = 'activity-followup:';

/** The cards of one activity's follow-up in one year: one message per responsible person. */
export function followUpBatchId(year: number, activityId: string): string {
  return `${FOLLOW_UP_BATCH_PREFIX}${year}:${activityId}`;
}

function reminderBatchId(year: number, activityId: string): string {
  return `${followUpBatchId(year, activityId)}:reminder`;
}

/**
 * The follow-up job, on each working day of the follow-up window: queues the card for every
 * responsible person of each activity still in the plan and not yet answered this year, and the
 * one reminder for those whose card reached them five working days ago when the activity is still
 * unanswered. A person is one message per batch, so reruns, several processes and restarts never
 * send anyone a card twice; the running bot's outbox sends them under the rate limits.
 */
export async function queueActivityFollowUps(
  store: DocumentStore,
  district: Pick<DistrictConfig, 'activityFollowUp'>,
  now: Date,
  queueAt = now,
): Promise<{ year: number | 'none'; activities: number; asked: number; reminded: number }> {
  const today = stockholmDate(now);
  const year = followUpYearOn(today, district.activityFollowUp);
  if (year === undefined) return { year: 'none', activities: 0, asked: 0, reminded: 0 };
  const outbox = new OutboxMessages(store);
  const answered = new Set((await new ActivityFollowUps(store).ofYear(year)).map((answer) => answer.activityId));
  const counts = { year, activities: 0, asked: 0, reminded: 0 };
  for (const { body: activity } of await new Activities(store).all()) {
    if (activity.retired || activity.responsible.users.length === 0 || answered.has(activity.id)) continue;
    counts.activities += 1;
    const batchId = followUpBatchId(year, activity.id);
    const recipients = activity.responsible.users.map((user) => ({ aadObjectId: user.aadObjectId, name: user.name, ...(user.userId ? { userId: user.userId } : {}), group: activity.id }));
    const ask: ActivityFollowUpRef = { kind: 'activity-followup', activityId: activity.id, year, askedOn: today, reminder: false };
    counts.asked += (await outbox.enqueueAll(batchId, recipients, ask, queueAt)).created;

    // Someone the app cannot reach is not reminded either; one reminder per person, ever.
    const waiting = (await queryAll<OutboxMessage>(store, 'outbox', { partitionKey: batchId }))
      .map((document) => document.body)
      .filter((message) => message.delivery.state === 'delivered' && reminderDateFor(String(message.payloadRef.askedOn)) <= today)
      .map((message) => ({ ...message.recipient, group: activity.id }));
    if (waiting.length === 0) continue;
    const reminder: ActivityFollowUpRef = { ...ask, reminder: true };
    counts.reminded += (await outbox.enqueueAll(reminderBatchId(year, activity.id), waiting, reminder, queueAt)).created;
  }
  return counts;
}
