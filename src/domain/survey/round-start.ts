/**
 * Starting a round when some teams cannot be read (SPEC §2: recipients are the members of the
 * teams mapped to the target units). One team the app was never added to must not stop the whole
 * district's survey, nor be skipped in silence: the coordinator is told which teams could not be
 * read, nothing is queued, and they may fix it or start anyway for the others. A team that failed
 * for a passing reason (throttled, Teams down, too slow) is "try again shortly": starting anyway
 * would leave its people out of the round for good.
 */
import type { CompletionTable } from './completion';
import type { SurveyRosterMember, UnitRoster } from './recipients';

/**
 * - `not_found`: Teams does not let the app read the team (404/403: the app is not added to it,
 *   or the id in the config is wrong);
 * - `try_again`: 429, 5xx or no answer in time;
 * - `no_team`: the district config maps no team to the unit.
 */
export type TeamReadProblem = 'not_found' | 'try_again' | 'no_team';

export type TeamRead<M> = { unitId: string; teamId: string } & ({ ok: true; members: readonly M[] } | { ok: false; problem: 'not_found' | 'try_again' });

export interface UnreadTeam {
  unitId: string;
  /** Absent for `no_team`. */
  teamId?: string;
  problem: TeamReadProblem;
  /** No team of the unit could be read: nobody in it gets the survey. */
  wholeUnit: boolean;
}

export interface TargetUnit {
  id: string;
  teamIds: readonly string[];
}

export type StartPlan<M extends SurveyRosterMember> =
  | { kind: 'start'; rosters: UnitRoster<M>[]; notReached: UnreadTeam[] }
  /** Nothing queued: some team failed for a passing reason. */
  | { kind: 'try_again'; teams: UnreadTeam[] }
  /** Nothing queued: teams could not be read; `canStartAnyway` when someone else could be reached. */
  | { kind: 'unreadable'; teams: UnreadTeam[]; canStartAnyway: boolean };

/**
 * What a start does with the roster reads of the target units (in config order). `startAnyway`
 * is the coordinator's "Starta ändå": it skips teams that could not be read, never those to try again.
 */
export function planStart<M extends SurveyRosterMember>(units: readonly TargetUnit[], reads: readonly TeamRead<M>[], startAnyway: boolean): StartPlan<M> {
  const unread: UnreadTeam[] = [];
  const rosters: UnitRoster<M>[] = [];
  for (const unit of units) {
    const own = reads.filter((read) => read.unitId === unit.id);
    const readable = own.filter((read) => read.ok);
    const wholeUnit = readable.length === 0;
    if (unit.teamIds.length === 0) unread.push({ unitId: unit.id, problem: 'no_team', wholeUnit });
    for (const read of own) if (!read.ok) unread.push({ unitId: unit.id, teamId: read.teamId, problem: read.problem, wholeUnit });
    rosters.push({ unitId: unit.id, members: readable.flatMap((read) => (read.ok ? read.members : [])) });
  }
  const passing = unread.filter((team) => team.problem === 'try_again');
  if (passing.length > 0) return { kind: 'try_again', teams: passing };
  const someoneReadable = reads.some((read) => read.ok);
  if (unread.length > 0 && (!startAnyway || !someoneReadable)) return { kind: 'unreadable', teams: unread, canStartAnyway: someoneReadable };
  return { kind: 'start', rosters, notReached: unread };
}

/** Marks the units a round did not (fully) reach, so their figures are not read as a quiet unit. */
export function markNotReached(table: CompletionTable, notReached: readonly UnreadTeam[] = []): CompletionTable {
  if (notReached.length === 0) return table;
  return {
    ...table,
    units: table.units.map((row) => {
      const missed = notReached.filter((team) => team.unitId === row.unitId);
      if (missed.length === 0) return row;
      return { ...row, notReached: missed.some((team) => team.wholeUnit) ? 'whole_unit' : 'some_teams' };
    }),
  };
}
