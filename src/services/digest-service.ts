import { caseOf } from '../domain/concern/case';
import { digestCard } from '../cards/digest-card';
import type { AdaptiveCardJson } from '../cards/render-card';
import { roundTitle } from '../cards/survey-cards';
import type { DistrictConfig } from '../config/district';
import type { ConcernReport } from '../domain/concern/concern-report';
import { buildDigest, firstDayOf, lastDayOf, previousMonth, sameMonthLastYear, type Digest, type DigestCaseFacts, type DigestForumFacts } from '../domain/digest/digest';
import { forumFactsOf } from '../domain/digest/forum-coverage';
import { stringsFor } from '../domain/i18n';
import { stockholmDate } from '../domain/stockholm-time';
import { effectiveCloseDate } from '../domain/survey/survey-round';
import type { DocumentStore } from '../store/document-store';
import { ChannelMessages } from '../store/repositories/channel-messages';
import { ConcernReports } from '../store/repositories/concern-reports';
import { ForumMeetings, Forums } from '../store/repositories/forums';
import { OutboxMessages } from '../store/repositories/outbox-messages';
import { SurveyResponses, SurveyRounds } from '../store/repositories/survey-store';
import { readCompletion } from './survey-service';

/** The case of a report as the digest counts it: dates only, in Stockholm. */
function caseFactsOf(report: ConcernReport): DigestCaseFacts {
  const record = caseOf(report);
  const day = (iso: string) => stockholmDate(new Date(iso));
  return {
    submittedOn: day(report.submittedAt),
    state: record.state,
    ...(record.acknowledgedAt ? { acknowledgedOn: day(record.acknowledgedAt) } : {}),
    closedOn: record.history.filter((step) => step.action === 'close').map((step) => day(step.at)),
  };
}

/**
 * Reads what the digest of `month` counts, from the store; the counting itself is the domain's.
 * Open cases are counted on `today` (the day the digest is made), over every report still stored.
 */
export async function composeDigest(store: DocumentStore, district: DistrictConfig, month: string, today: string): Promise<Digest> {
  const t = stringsFor(district.language);
  const months = new Set([month, previousMonth(month), sameMonthLastYear(month)]);
  const reports = await new ConcernReports(store).ofDistrict(district.id);
  const facts = reports
    .map((report) => ({ report, submittedMonth: stockholmDate(new Date(report.submittedAt)).slice(0, 7) }))
    .filter(({ submittedMonth }) => months.has(submittedMonth))
    .map(({ report, submittedMonth }) => ({
      submittedMonth,
      eventTypes: report.eventTypes,
      environment: report.environment,
      area: report.area,
      unit: report.unit,
    }));

  // The survey round open or closed during the month, the latest if several.
  const [from, to] = [firstDayOf(month), lastDayOf(month)];
  const surveyRounds = new SurveyRounds(store);
  const rounds = (await surveyRounds.all())
    .map((document) => document.body)
    .filter((round) => round.state !== 'draft' && round.opensOn <= to && effectiveCloseDate(round) >= from)
    .sort((a, b) => b.opensOn.localeCompare(a.opensOn));
  const round = rounds[0];
  const completion = round
    ? await readCompletion({ rounds: surveyRounds, responses: new SurveyResponses(store), outbox: new OutboxMessages(store) }, round.id)
    : undefined;

  const meetings = new ForumMeetings(store);
  const forums: DigestForumFacts[] = [];
  for (const { body: forum } of await new Forums(store).all()) {
    forums.push(forumFactsOf(forum, (await meetings.ofForum(forum.id)).map((document) => document.body), from, to));
  }
  return buildDigest({
    month,
    reports: facts,
    cases: reports.map(caseFactsOf),
    casesCountedOn: today,
    ...(round && completion ? { survey: { title: roundTitle(t, round), completion } } : {}),
    forums,
  });
}

/** The digest card of a month, in the district's language (it goes to the coordinators' channel). */
export async function digestCardFor(store: DocumentStore, district: DistrictConfig, month: string, today: string): Promise<AdaptiveCardJson> {
  return digestCard(stringsFor(district.language), district, await composeDigest(store, district, month, today));
}

/**
 * Queues the digest of `month` for the coordinators' channel. The scheduled one has the month as
 * its identity, so it is queued once however many instances run the job; one asked for on demand
 * is a new message each time. Open cases are counted on `countedOn` (the job's day; by default
 * the day of `now`).
 */
export async function queueDigest(
  store: DocumentStore,
  district: DistrictConfig,
  month: string,
  now: Date,
  onDemand = false,
  countedOn = stockholmDate(now),
): Promise<'queued' | 'already_queued'> {
  const card = await digestCardFor(store, district, month, countedOn);
  const id = onDemand ? `digest:${month}:on-demand:${now.toISOString()}` : `digest:${month}`;
  return new ChannelMessages(store).enqueue(id, { kind: 'digest', card }, now);
}
