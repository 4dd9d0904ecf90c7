import { concernDeletedCard } from '../cards/concern-post-cards';
import type { DistrictConfig } from '../config/district';
import { RATE_WINDOW_MS } from '../domain/concern/rate-limit';
import type { ConcernReport } from '../domain/concern/concern-report';
import { stringsFor } from '../domain/i18n';
import { FOLLOW_UP_BATCH_PREFIX } from './activity-followups';
import { retentionCutoff } from '../domain/retention';
import { stockholmDate } from '../domain/stockholm-time';
import { effectiveCloseDate, roundStatusOn } from '../domain/survey/survey-round';
import { ChannelMessages } from '../store/repositories/channel-messages';
import { queryAll, type Condition, type ContainerName, type DocumentStore } from '../store/document-store';
import { forgetReporterLink, type ReporterLinkDocument } from '../store/repositories/reporter-links';
import { OutboxMessages } from '../store/repositories/outbox-messages';
import { SurveyResponses, SurveyRounds } from '../store/repositories/survey-store';
import { readCompletion } from './survey-service';

export type RetentionResult = {
  reports: number;
  /** Channel posts of deleted reports queued to be marked "Gallrad" (the edit goes through the channel outbox). */
  postsMarkedDeleted: number;
  auditEntries: number;
  rateLimitRecords: number;
  /** Invitations and reminders of survey rounds closed over `SURVEY_RECIPIENTS_DAYS` ago. */
  surveyRecipients: number;
  /** Forum nudges and follow-ups sent over `SENT_MESSAGE_DAYS` ago. */
  sentMessages: number;
  /** Digests and forum follow-ups posted to the channel before the cutoff. */
  channelMessages: number;
  /** Sealed ways back to reporters: 30 days after the case closed, or with the report at gallring. */
  reporterLinks: number;
  /** Activity follow-up answers given before the cutoff (the figures of a lägesbild two years back). */
  activityFollowUps: number;
  /** Activity follow-up cards and reminders queued over `FOLLOW_UP_MESSAGE_DAYS` ago. */
  activityFollowUpMessages: number;
  /** Download links (the lägesbild's) that expired unused. */
  downloadLinks: number;
};

/** After close, completion needs the invitations a little while (the digest of that month). */
export const SURVEY_RECIPIENTS_DAYS = 45;
export const SENT_MESSAGE_DAYS = 90;
/**
 * The cards of a year's activity follow-up name who was asked; the activity list counts them
 * ("tillfrågade") until the next year's follow-up, so they are kept a little over a year.
 */
export const FOLLOW_UP_MESSAGE_DAYS = 400;

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
 * Gallring: reports, audit entries, channel messages and activity follow-up answers older than
 * `retentionMonths`, rate-limit records idle for over an hour, the outbox records that name people
 * once they are done with, and the sealed ways back to reporters (30 days after their case closed). Expiry is done here in code rather than by a database TTL so that both stores
 * behave the same (the Cosmos emulator never expires anything).
 */
export async function runRetention(
  store: DocumentStore,
  now: Date,
  retentionMonths: number,
  options: { district: DistrictConfig; queueAt?: Date },
): Promise<RetentionResult> {
  const cutoff = retentionCutoff(now, retentionMonths).toISOString();
  const reports = await deleteReports(store, cutoff, now, options.district, options.queueAt ?? now);
  return {
    ...reports,
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
    reporterLinks: await forgetReporterLinks(store, now, cutoff),
    activityFollowUps: await deleteWhere(store, 'activityFollowUps', [{ field: 'answeredAt', op: '<', value: cutoff }]),
    activityFollowUpMessages: await deleteWhere(store, 'outbox', [
      { field: 'batchId', op: '>=', value: FOLLOW_UP_BATCH_PREFIX },
      { field: 'batchId', op: '<', value: `${FOLLOW_UP_BATCH_PREFIX.slice(0, -1)};` },
      { field: 'enqueuedAt', op: '<', value: new Date(now.getTime() - FOLLOW_UP_MESSAGE_DAYS * DAY_MS).toISOString() },
    ]),
    downloadLinks: await deleteWhere(store, 'downloadLinks', [{ field: 'expiresAt', op: '<', value: now.toISOString() }]),
  };
}

/** The follow-up reaches a reporter until their case has been closed this long (issue 13). */
export const REPORTER_LINK_DAYS_AFTER_CLOSE = 30;

/**
 * The way back to a reporter goes 30 days after the case closed (a reopened case has no close
 * date and keeps it), and with the report at gallring; the questions' outbox records (reference
 * and question id only) go with it. Needs no key: deleting is by id.
 */
async function forgetReporterLinks(store: DocumentStore, now: Date, cutoff: string): Promise<number> {
  let deleted = 0;
  const forget = async (reference: string) => {
    await deleteWhere(store, 'outbox', [
      { field: 'batchId', op: '>=', value: `followup:${reference}:` },
      { field: 'batchId', op: '<', value: `followup:${reference};` },
    ]);
    if (await forgetReporterLink(store, reference)) deleted += 1;
  };
  for (const link of await queryAll<ReporterLinkDocument>(store, 'reporterLinks', { where: [{ field: 'submittedAt', op: '<', value: cutoff }] })) await forget(link.id);
  const closedBefore = new Date(now.getTime() - REPORTER_LINK_DAYS_AFTER_CLOSE * DAY_MS).toISOString();
  const closed = await queryAll<ConcernReport>(store, 'reports', {
    where: [
      { field: 'case.state', op: '=', value: 'closed' },
      { field: 'case.closedAt', op: '<', value: closedBefore },
    ],
  });
  for (const report of closed) await forget(report.body.reference);
  return deleted;
}

const DAY_MS = 86_400_000;

/**
 * Deletes the reports submitted before `cutoff`. A report's post in the coordinators' channel is
 * first queued to be edited to "Gallrad <date>" with the reference only: the edit is a stored
 * channel message, retried until it goes through, so a restart or a channel that is down loses
 * nothing. Queued by the report's reference, a run cut short and run again queues it once.
 */
async function deleteReports(store: DocumentStore, cutoff: string, now: Date, district: DistrictConfig, queueAt: Date) {
  const messages = new ChannelMessages(store);
  const t = stringsFor(district.language);
  const deletedOn = stockholmDate(now);
  let reports = 0;
  let postsMarkedDeleted = 0;
  for (;;) {
    const page = await store.query<ConcernReport>('reports', { where: [{ field: 'submittedAt', op: '<', value: cutoff }], limit: 200 });
    if (page.items.length === 0) return { reports, postsMarkedDeleted };
    for (const item of page.items) {
      const activityId = item.body.channelPost?.activityId;
      if (activityId) {
        const card = concernDeletedCard(t, item.body.reference, deletedOn);
        if ((await messages.enqueue(`gallrad:${item.id}`, { kind: 'report-deleted', card, updates: activityId }, queueAt)) === 'queued') postsMarkedDeleted += 1;
      }
      if (await store.delete('reports', item.partitionKey, item.id)) reports += 1;
    }
  }
}

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
