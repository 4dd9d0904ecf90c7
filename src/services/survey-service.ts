import { randomBytes } from 'node:crypto';
import type { DistrictConfig } from '../config/district';
import { stockholmDate } from '../domain/stockholm-time';
import { completionTable, type CompletionTable } from '../domain/survey/completion';
import { aggregateResults, resultsAvailable, type SurveyResults } from '../domain/survey/results';
import { assignRecipients } from '../domain/survey/recipients';
import { answersToRelease } from '../domain/survey/answer-pool';
import { markNotReached, planStart, type TeamRead, type UnreadTeam } from '../domain/survey/round-start';
import { validateSurveyAnswer, type SurveyProblems, type SurveyValues } from '../domain/survey/survey-answer';
import {
  canAnswer,
  closeRound,
  createRound,
  draftProblem,
  editDraft,
  startRound,
  validateNewRound,
  type CloseProblem,
  type DraftEdit,
  type DraftProblem,
  type NewRoundValues,
  type RoundProblems,
  type StartProblem,
  type SurveyRound,
} from '../domain/survey/survey-round';
import { recipientKeyOf, type OutboxMessages } from '../store/repositories/outbox-messages';
import type { StoredDocument } from '../store/document-store';
import type { SurveyAnswerPool, SurveyResponses, SurveyRounds } from '../store/repositories/survey-store';
import { RosterReadError } from './roster-read-error';

/** A team member as the roster API gives it. */
export interface SurveyRosterEntry {
  id: string;
  aadObjectId: string;
  name: string;
  userRole?: string;
}

export interface SurveyServiceDeps {
  district: DistrictConfig;
  rounds: SurveyRounds;
  responses: SurveyResponses;
  /** Where answers wait, sealed, until they can be stored in a group (domain/survey/answer-pool.ts). */
  pool: SurveyAnswerPool;
  outbox: OutboxMessages;
  /** Reads a Teams team's members (paged roster API), through the transport; fails with a RosterReadError. */
  readRoster: (teamId: string) => Promise<SurveyRosterEntry[]>;
  pseudonymize: (aadObjectId: string) => string;
  clock: () => Date;
  /** Called when survey cards were queued, to start sending. */
  onQueued: () => void;
}

export type StartResult =
  | { ok: true; round: SurveyRound; invited: number }
  | { ok: false; problem: StartProblem | 'not_found' }
  /** Nothing was queued: these teams could not be read (see domain/survey/round-start.ts). */
  | { ok: false; problem: 'teams_unreadable'; teams: UnreadTeam[]; canStartAnyway: boolean }
  | { ok: false; problem: 'teams_try_again'; teams: UnreadTeam[] };

export type DeleteResult = { ok: true } | { ok: false; problem: DraftProblem | 'not_found' };

export type AnswerResult =
  | { kind: 'stored' }
  | { kind: 'rejected'; problems: SurveyProblems }
  | { kind: 'no_open_round' }
  | { kind: 'closed' }
  | { kind: 'not_invited' }
  | { kind: 'already_answered' };

/** Invited / delivered / unreachable / answered / rate per unit of a round (status card, digest). */
export async function readCompletion(deps: Pick<SurveyServiceDeps, 'rounds' | 'responses' | 'outbox'>, roundId: string): Promise<CompletionTable | undefined> {
  const round = (await deps.rounds.get(roundId))?.body;
  if (!round) return undefined;
  if (round.completion) return round.completion;
  const outboxByUnit = await Promise.all(round.targetUnitIds.map(async (unitId) => ({ unitId, counts: await deps.outbox.countsByState(roundId, unitId) })));
  return markNotReached(completionTable(outboxByUnit, await deps.responses.answeredByUnit(roundId)), round.notReached);
}

/** Moves what the pool rule says is due now; everything once the round has closed. */
export async function releasePendingAnswers(pool: SurveyAnswerPool, roundId: string, roundClosed: boolean): Promise<number> {
  return pool.release(roundId, answersToRelease(await pool.size(roundId), roundClosed));
}

export type ResultsOutcome = { ok: true; round: SurveyRound; results: SurveyResults } | { ok: false; problem: 'not_found' | 'not_closed' };

/**
 * A round's aggregated results, only once it has closed; suppression and comment rules are the
 * domain's (results.ts). Shared by the results card and the operator's CSV export. A round that
 * closed by date, with nobody acting, still has answers in the pool: they are moved first.
 */
export async function readSurveyResults(
  deps: Pick<SurveyServiceDeps, 'rounds' | 'responses' | 'pool' | 'district'>,
  roundId: string,
  today: string,
): Promise<ResultsOutcome> {
  const round = (await deps.rounds.get(roundId))?.body;
  if (!round) return { ok: false, problem: 'not_found' };
  if (!resultsAvailable(round, today)) return { ok: false, problem: 'not_closed' };
  await releasePendingAnswers(deps.pool, roundId, true);
  const answers = (await deps.responses.answers(roundId)).map((record) => record.answer);
  // The round's own units, in config order; a unit someone chose outside them is added after.
  const unitIds = deps.district.units.map((unit) => unit.id).filter((unitId) => round.targetUnitIds.includes(unitId));
  return { ok: true, round, results: aggregateResults(answers, { unitIds }) };
}

/** The survey's use cases: rounds, invitations through the outbox, anonymous answers, completion. */
export class SurveyService {
  /** This instance's releases, one after the other: two at once would move more than the rule says. */
  private releases: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SurveyServiceDeps) {}

  /**
   * Moving answers is housekeeping after the answer was safely stored, and every later answer,
   * the close and the results read move again; a failed move must not turn a stored answer into
   * an error for the person who gave it.
   */
  private releaseQuietly(roundId: string, roundClosed: boolean): Promise<void> {
    const release = this.releases.then(() => releasePendingAnswers(this.deps.pool, roundId, roundClosed));
    this.releases = release.catch(() => undefined);
    return release.then(
      () => undefined,
      () => undefined,
    );
  }

  private today(): string {
    return stockholmDate(this.deps.clock());
  }

  async rounds(): Promise<SurveyRound[]> {
    return (await this.deps.rounds.all()).map((document) => document.body);
  }

  async createRound(values: NewRoundValues): Promise<{ ok: true; round: SurveyRound } | { ok: false; problems: RoundProblems }> {
    const validation = validateNewRound(values, {
      unitIds: this.deps.district.units.map((unit) => unit.id),
      existingRounds: await this.rounds(),
      today: this.today(),
    });
    if (!validation.ok) return validation;
    const round = createRound(`enkat-${validation.draft.year}-${randomBytes(3).toString('hex')}`, validation.draft);
    await this.deps.rounds.create(round);
    return { ok: true, round };
  }

  /**
   * Starts a round: reads the rosters of the target units' teams, counts each person once (first
   * unit in config order) and queues one survey card per person. A team that cannot be read stops
   * the start with nothing queued, unless the coordinator chose to start anyway (then the round
   * records who was not reached). Queuing is idempotent, so a start that failed half-way can
   * simply be repeated.
   */
  async startRound(roundId: string, options: { startAnyway?: boolean } = {}): Promise<StartResult> {
    const document = await this.deps.rounds.get(roundId);
    if (!document) return { ok: false, problem: 'not_found' };
    const change = startRound(document.body, { existingRounds: await this.rounds(), today: this.today() });
    if (!change.ok) return { ok: false, problem: change.problem };
    const targets = this.deps.district.units.filter((unit) => change.round.targetUnitIds.includes(unit.id));
    const plan = planStart(targets, await this.readTeams(targets), options.startAnyway ?? false);
    if (plan.kind === 'try_again') return { ok: false, problem: 'teams_try_again', teams: plan.teams };
    if (plan.kind === 'unreadable') return { ok: false, problem: 'teams_unreadable', teams: plan.teams, canStartAnyway: plan.canStartAnyway };
    const recipients = assignRecipients(plan.rosters).flatMap(({ unitId, recipients: people }) =>
      people.map((person) => ({ aadObjectId: person.aadObjectId, userId: person.id, name: person.name, group: unitId })),
    );
    const started: SurveyRound = plan.notReached.length > 0 ? { ...change.round, notReached: plan.notReached } : change.round;
    await this.deps.outbox.enqueueAll(roundId, recipients, { kind: 'survey', roundId }, this.deps.clock());
    await this.deps.rounds.replace(document, started);
    this.deps.onQueued();
    return { ok: true, round: started, invited: recipients.length };
  }

  /** Every target team at once (each read has its own deadline), in config order. */
  private readTeams(targets: DistrictConfig['units']): Promise<TeamRead<SurveyRosterEntry>[]> {
    const teams = targets.flatMap((unit) => unit.teamIds.map((teamId) => ({ unitId: unit.id, teamId })));
    return Promise.all(
      teams.map(async ({ unitId, teamId }): Promise<TeamRead<SurveyRosterEntry>> => {
        try {
          return { unitId, teamId, ok: true, members: await this.deps.readRoster(teamId) };
        } catch (error) {
          return { unitId, teamId, ok: false, problem: error instanceof RosterReadError ? error.problem : 'try_again' };
        }
      }),
    );
  }

  /** The draft to fill the admin form with; started and closed rounds are refused. */
  async draftToEdit(roundId: string): Promise<{ ok: true; round: SurveyRound } | { ok: false; problem: DraftProblem | 'not_found' }> {
    const round = await this.round(roundId);
    if (!round) return { ok: false, problem: 'not_found' };
    const problem = draftProblem(round, this.today());
    return problem ? { ok: false, problem } : { ok: true, round };
  }

  /** The draft with the coordinator's new values; started and closed rounds are refused. */
  async editDraft(roundId: string, values: NewRoundValues): Promise<DraftEdit | { ok: false; problem: 'not_found' }> {
    const document = await this.deps.rounds.get(roundId);
    if (!document) return { ok: false, problem: 'not_found' };
    const edit = editDraft(document.body, values, {
      unitIds: this.deps.district.units.map((unit) => unit.id),
      existingRounds: await this.rounds(),
      today: this.today(),
    });
    if (edit.ok) await this.deps.rounds.replace(document, edit.round);
    return edit;
  }

  /**
   * Deletes a draft. A draft with invitations queued (a start cut off before the round was
   * marked started) counts as started: people may already have the card.
   */
  async deleteDraft(roundId: string): Promise<DeleteResult> {
    const document = await this.deps.rounds.get(roundId);
    if (!document) return { ok: false, problem: 'not_found' };
    const problem = draftProblem(document.body, this.today());
    if (problem) return { ok: false, problem };
    const queued = Object.values(await this.deps.outbox.countsByState(roundId)).some((count) => count > 0);
    if (queued) return { ok: false, problem: 'round_started' };
    return (await this.deps.rounds.delete(document)) ? { ok: true } : { ok: false, problem: 'not_found' };
  }

  async closeRound(roundId: string): Promise<{ ok: true; round: SurveyRound } | { ok: false; problem: CloseProblem | 'not_found' }> {
    const document = await this.deps.rounds.get(roundId);
    if (!document) return { ok: false, problem: 'not_found' };
    const change = closeRound(document.body, this.today());
    if (!change.ok) return change;
    await this.deps.rounds.replace(document, change.round);
    await this.releaseQuietly(roundId, true);
    return change;
  }

  async round(roundId: string): Promise<SurveyRound | undefined> {
    return (await this.deps.rounds.get(roundId))?.body;
  }

  /** Whether this person may answer the round (invited, not yet answered). */
  async standing(roundId: string, aadObjectId: string): Promise<'may_answer' | 'not_invited' | 'already_answered'> {
    if (!(await this.deps.outbox.get(roundId, recipientKeyOf({ aadObjectId })))) return 'not_invited';
    return (await this.deps.responses.hasAnswered(roundId, this.deps.pseudonymize(aadObjectId))) ? 'already_answered' : 'may_answer';
  }

  /** The round a person may answer now, if any (for `enkät`). */
  async openRound(): Promise<SurveyRound | undefined> {
    const today = this.today();
    return (await this.rounds()).find((round) => round.state === 'open' && canAnswer(round, today));
  }

  /** Stores an answer with no trace of who gave it; who answered is recorded apart, at once, and the answer joins the pool. */
  async answer(roundId: string, values: SurveyValues, aadObjectId: string): Promise<AnswerResult> {
    const round = (await this.deps.rounds.get(roundId))?.body;
    if (!round || round.state === 'draft') return { kind: 'no_open_round' };
    if (!canAnswer(round, this.today())) return { kind: 'closed' };
    const invitation = await this.deps.outbox.get(roundId, recipientKeyOf({ aadObjectId }));
    if (!invitation) return { kind: 'not_invited' };
    const pseudonym = this.deps.pseudonymize(aadObjectId);
    if (await this.deps.responses.hasAnswered(roundId, pseudonym)) return { kind: 'already_answered' };
    // Only the round's own units, as its card offers: a unit outside them would count in no result row.
    const validation = validateSurveyAnswer(values, { unitIds: round.targetUnitIds });
    if (!validation.ok) return { kind: 'rejected', problems: validation.problems };
    const stored = await this.deps.pool.answerOnce(roundId, validation.answer, pseudonym, invitation.body.group ?? validation.answer.q_unit);
    if (stored === 'already_answered') return { kind: 'already_answered' };
    await this.releaseQuietly(roundId, false);
    return { kind: 'stored' };
  }

  async results(roundId: string): Promise<ResultsOutcome> {
    return readSurveyResults(this.deps, roundId, this.today());
  }

  /** Invited / delivered / unreachable / answered / rate per unit, on request. */
  async status(roundId: string): Promise<CompletionTable | undefined> {
    return readCompletion(this.deps, roundId);
  }
}

