import { RATE_WINDOW_MS } from '../domain/concern/rate-limit';
import { retentionCutoff } from '../domain/retention';
import { stockholmDate } from '../domain/stockholm-time';
import { effectiveCloseDate, roundStatusOn } from '../domain/survey/survey-round';
import type { Condition, ContainerName, DocumentStore } from '../store/document-store';
import { OutboxMessages } from '../store/repositories/outbox-messages';
import { SurveyResponses, SurveyRounds } from '../store/repositories/survey-store';
import { readCompletion } from './survey-service';

export type RetentionResult = {
  reports: number;
  auditEntries: number;
  rateLimitRecords: number;
  /** Invitations and reminders of survey rounds closed over `SURVEY_RECIPIENTS_DAYS` ago. */
  surveyRecipients: number;
  /** Forum nudges and follow-ups sent over `SENT_MESSAGE_DAYS` ago. */
  sentMessages: number;
  /** Digests and forum follow-ups posted to the channel before the cutoff. */
  channelMessages: number;
  /** Download links (the lägesbild's) that expired unused. */
  downloadLinks: number;
};

/** After close, completion needs the invitations a little while (the digest of that month). */
export const SURVEY_RECIPIENTS_DAYS = 45;
export const SENT_MESSAGE_DAYS = 90;

/** Deletes every document matching the conditions; returns how many. Counts only, never content. */
async function deleteWhere(store: DocumentStore, container: ContainerName, where: Condition[]): Promise<number> {
  let deleted = 0;
  // Always read the first page again: deleting shifts what later pages would hold.
  for (;;) {
    const page = await store.query(container, { where, limit: 200 });
    if (page.items.length === 0) return deleted;
    for (const item of page.items) {
      if (await store.delete(container, item.partitionKey, item.id)) deleted += 1;
    }
  }
}

/**
 * Gallring: reports, audit entries and channel messages older than `retentionMonths`, rate-limit
 * records idle for over an hour, and the outbox records that name people once they are done with. Expiry is done here in code rather than by a database TTL so that both stores
 * behave the same (the Cosmos emulator never expires anything).
 */
export async function runRetention(store: DocumentStore, now: Date, retentionMonths: number): Promise<RetentionResult> {
  const cutoff = retentionCutoff(now, retentionMonths).toISOString();
  return {
    reports: await deleteWhere(store, 'reports', [{ field: 'submittedAt', op: '<', value: cutoff }]),
    auditEntries: await deleteWhere(store, 'audit', [{ field: 'at', op: '<', value: cutoff }]),
    rateLimitRecords: await deleteWhere(store, 'rateLimits', [
      { field: 'lastAt', op: '<', value: new Date(now.getTime() - RATE_WINDOW_MS).toISOString() },
    ]),
    surveyRecipients: await forgetSurveyRecipients(store, now),
    sentMessages: await deleteWhere(store, 'outbox', [
      { field: 'batchId', op: '>=', value: 'forum:' },
      { field: 'batchId', op: '<', value: 'forum;' },
      { field: 'enqueuedAt', op: '<', value: new Date(now.getTime() - SENT_MESSAGE_DAYS * DAY_MS).toISOString() },
    ]),
    channelMessages: await deleteWhere(store, 'channelMessages', [{ field: 'queuedAt', op: '<', value: cutoff }]),
    downloadLinks: await deleteWhere(store, 'downloadLinks', [{ field: 'expiresAt', op: '<', value: now.toISOString() }]),
  };
}

const DAY_MS = 86_400_000;

/**
 * The outbox names every recipient of a survey (id, name, chat). Once a round has been closed for
 * a while, its completion figures are kept in the round and the invitations and reminders go.
 */
async function forgetSurveyRecipients(store: DocumentStore, now: Date): Promise<number> {
  const rounds = new SurveyRounds(store);
  const before = stockholmDate(new Date(now.getTime() - SURVEY_RECIPIENTS_DAYS * DAY_MS));
  let deleted = 0;
  for (const document of await rounds.all()) {
    const round = document.body;
    if (round.state === 'draft' || roundStatusOn(round, stockholmDate(now)) !== 'closed' || effectiveCloseDate(round) >= before) continue;
    if (!round.completion) {
      const completion = await readCompletion({ rounds, responses: new SurveyResponses(store), outbox: new OutboxMessages(store) }, round.id);
      if (completion) await rounds.replace(document, { ...round, completion });
    }
    // The round's own batch and its reminder batches (`<round id>:reminder-<date>`).
    deleted += await deleteWhere(store, 'outbox', [
      { field: 'batchId', op: '>=', value: round.id },
      { field: 'batchId', op: '<', value: `${round.id};` },
    ]);
  }
  return deleted;
}
