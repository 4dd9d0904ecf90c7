import { readFollowUpRows } from './activity-service';
/**
 * Reads what the lägesbild counts from the store and draws up the document; the counting is the
 * domain's (domain/lagesbild), the layout src/lagesbild/document.ts's.
 */
import type { DistrictConfig } from '../config/district';
import type { Language } from '../domain/i18n';
import { stringsFor } from '../domain/i18n';
import { buildLagesbild, type Lagesbild, type LagesbildForumFacts, type LagesbildReportFacts, type LagesbildSurveyFacts } from '../domain/lagesbild/lagesbild';
import { calendarYear, inPeriod, previousPeriod, twelveMonthsUpTo, type Period } from '../domain/lagesbild/period';
import { stockholmDate } from '../domain/stockholm-time';
import { effectiveCloseDate, roundStatusOn, type SurveyRound } from '../domain/survey/survey-round';
import type { ConcernReport } from '../domain/concern/concern-report';
import { lagesbildFilename, lagesbildWriter } from '../lagesbild/names';
import { queryAll, type DocumentStore } from '../store/document-store';
import { reportPartitionKey } from '../store/repositories/concern-reports';
import { ForumMeetings, Forums } from '../store/repositories/forums';
import { OutboxMessages } from '../store/repositories/outbox-messages';
import { SurveyResponses, SurveyRounds, type SurveyAnswerPool } from '../store/repositories/survey-store';
import { readCompletion, readSurveyResults } from './survey-service';

export interface LagesbildRequest {
  year: number;
  /** Overrides the default period (see `defaultPeriod`). */
  period?: Period;
  language: Language;
}

export interface LagesbildDeps {
  store: DocumentStore;
  district: DistrictConfig;
  /** To move a closed round's answers still waiting in the pool before counting them. */
  pool: SurveyAnswerPool;
  clock: () => Date;
}

function closedOn(round: SurveyRound, today: string): string | undefined {
  return round.state !== 'draft' && roundStatusOn(round, today) === 'closed' ? effectiveCloseDate(round) : undefined;
}

/**
 * The 12 months up to the close of the year's survey round (the latest closed round of that year),
 * so the lägesbild and the survey cover the same time; without one, the calendar year.
 */
export function defaultPeriod(year: number, rounds: readonly SurveyRound[], today: string): Period {
  const closes = rounds
    .filter((round) => round.year === year)
    .map((round) => closedOn(round, today))
    .filter((date): date is string => date !== undefined)
    .sort();
  const latest = closes.at(-1);
  return latest ? twelveMonthsUpTo(latest) : calendarYear(year);
}

async function surveyFacts(deps: LagesbildDeps, rounds: readonly SurveyRound[], period: Period, today: string): Promise<LagesbildSurveyFacts | undefined> {
  const round = rounds
    .map((candidate) => ({ candidate, closed: closedOn(candidate, today) }))
    .filter(({ closed }) => closed !== undefined && inPeriod(closed, period))
    .sort((a, b) => a.closed!.localeCompare(b.closed!))
    .at(-1);
  if (!round) return undefined;
  const surveyRounds = new SurveyRounds(deps.store);
  const responses = new SurveyResponses(deps.store);
  const outcome = await readSurveyResults({ rounds: surveyRounds, responses, pool: deps.pool, district: deps.district }, round.candidate.id, today);
  if (!outcome.ok) return undefined;
  const completion = await readCompletion({ rounds: surveyRounds, responses, outbox: new OutboxMessages(deps.store) }, round.candidate.id);
  return {
    roundId: round.candidate.id,
    year: round.candidate.year,
    opensOn: round.candidate.opensOn,
    closedOn: round.closed!,
    results: outcome.results,
    ...(completion ? { completion } : {}),
  };
}

/** The figures of a lägesbild, read from the store. */
export async function composeLagesbild(deps: LagesbildDeps, year: number, period: Period, language: Language): Promise<Lagesbild> {
  const { store, district } = deps;
  const today = stockholmDate(deps.clock());
  const previous = previousPeriod(period);

  // Year partitions are Stockholm years; one more before the previous period finds older data.
  const reports: LagesbildReportFacts[] = [];
  let hasDataBefore = false;
  const [firstYear, lastYear] = [Number(previous.from.slice(0, 4)) - 1, Number(period.to.slice(0, 4))];
  for (let partitionYear = firstYear; partitionYear <= lastYear; partitionYear += 1) {
    for (const { body: report } of await queryAll<ConcernReport>(store, 'reports', { partitionKey: reportPartitionKey(district.id, partitionYear) })) {
      const submittedOn = stockholmDate(new Date(report.submittedAt));
      if (submittedOn < period.from) hasDataBefore = true;
      if (submittedOn >= previous.from && submittedOn < period.to)
        reports.push({ submittedOn, eventTypes: report.eventTypes, environment: report.environment, placeType: report.placeType, area: report.area });
    }
  }

  const rounds = (await new SurveyRounds(store).all()).map((document) => document.body);
  if (rounds.some((round) => round.state !== 'draft' && round.opensOn < period.from)) hasDataBefore = true;

  const meetings = new ForumMeetings(store);
  const forums: LagesbildForumFacts[] = [];
  for (const { body: forum } of await new Forums(store).all()) {
    if (forum.registeredOn < period.from) hasDataBefore = true;
    forums.push({ id: forum.id, name: forum.name, registeredOn: forum.registeredOn, meetings: (await meetings.ofForum(forum.id)).map((document) => document.body) });
  }

  const survey = await surveyFacts(deps, rounds, period, today);
  const previousSurvey = hasDataBefore ? await surveyFacts(deps, rounds, previous, today) : undefined;
  return buildLagesbild({
    year,
    period,
    previousPeriod: previous,
    hasDataBefore,
    reports,
    ...(survey ? { survey } : {}),
    ...(previousSurvey ? { previousSurvey } : {}),
    forums,
    // The plan's table as the activities registry holds it for the year (none registered: the section says so).
    activities: await readFollowUpRows(store, year, language),
  });
}

/** The period a request covers: its own, or the default for its year. */
export async function periodOf(deps: Pick<LagesbildDeps, 'store' | 'clock'>, request: Pick<LagesbildRequest, 'year' | 'period'>): Promise<Period> {
  if (request.period) return request.period;
  const rounds = (await new SurveyRounds(deps.store).all()).map((document) => document.body);
  return defaultPeriod(request.year, rounds, stockholmDate(deps.clock()));
}

export interface LagesbildDraft {
  figures: Lagesbild;
  filename: string;
  docx: Buffer;
}

/** The figures and the .docx of a lägesbild, in the request's language. */
export async function draftLagesbild(deps: LagesbildDeps, request: LagesbildRequest): Promise<LagesbildDraft> {
  const period = await periodOf(deps, request);
  const figures = await composeLagesbild(deps, request.year, period, request.language);
  const docx = await (await lagesbildWriter()).lagesbildDocx(stringsFor(request.language), deps.district, figures, stockholmDate(deps.clock()));
  return { figures, filename: lagesbildFilename(request.year), docx };
}
