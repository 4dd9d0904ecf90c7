import { reminderDecisionAt } from '../domain/survey/reminders';
import { queryAll, type DocumentStore } from '../store/document-store';
import { OutboxMessages, type OutboxMessage } from '../store/repositories/outbox-messages';
import { SurveyResponses, SurveyRounds } from '../store/repositories/survey-store';

/**
 * Queues a reminder for everyone invited to an open round who has not answered, on the round's
 * reminder days. Reminders are their own outbox batch per day, so each person gets at most one a
 * day however often the job runs; the running bot's outbox sends them, reusing each 1:1 chat.
 */
export async function queueSurveyReminders(
  store: DocumentStore,
  pseudonymize: (aadObjectId: string) => string,
  now: Date,
  queueAt = now,
): Promise<{ rounds: number; reminded: number }> {
  const outbox = new OutboxMessages(store);
  const responses = new SurveyResponses(store);
  let rounds = 0;
  let reminded = 0;
  for (const { body: round } of await new SurveyRounds(store).all()) {
    const decision = reminderDecisionAt(round, now);
    if (!decision.send) continue;
    rounds += 1;
    const invited = await queryAll<OutboxMessage>(store, 'outbox', { partitionKey: round.id });
    const answered = await responses.answeredPseudonyms(round.id);
    // Someone the app cannot reach is not reminded either.
    const waiting = invited
      .map((document) => document.body)
      .filter((invitation) => invitation.delivery.state === 'delivered' && !answered.has(pseudonymize(invitation.recipient.aadObjectId)))
      .map((invitation) => ({ ...invitation.recipient, group: invitation.group }));
    const queued = await outbox.enqueueAll(`${round.id}:reminder-${decision.reminderDate}`, waiting, { kind: 'survey', roundId: round.id, reminder: true }, queueAt);
    reminded += queued.created;
  }
  return { rounds, reminded };
}
