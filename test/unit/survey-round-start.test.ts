import { describe, expect, it } from 'vitest';
import { completionTable } from '../../src/domain/survey/completion';
import { markNotReached, planStart, type TargetUnit, type TeamRead } from '../../src/domain/survey/round-start';

interface Member {
  aadObjectId: string;
}
const person = (n: number): Member => ({ aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });

const units: TargetUnit[] = [
  { id: 'forskola', teamIds: ['19:forskola-a', '19:forskola-b'] },
  { id: 'ung', teamIds: ['19:ung'] },
];
const ok = (unitId: string, teamId: string, ...members: Member[]): TeamRead<Member> => ({ unitId, teamId, ok: true, members });
const failed = (unitId: string, teamId: string, problem: 'not_found' | 'try_again'): TeamRead<Member> => ({ unitId, teamId, ok: false, problem });
const allRead = [ok('forskola', '19:forskola-a', person(1)), ok('forskola', '19:forskola-b', person(2)), ok('ung', '19:ung', person(3))];

describe('planStart', () => {
  it('starts with every roster merged per unit, in config order, when every team was read', () => {
    expect(planStart(units, allRead, false)).toEqual({
      kind: 'start',
      rosters: [
        { unitId: 'forskola', members: [person(1), person(2)] },
        { unitId: 'ung', members: [person(3)] },
      ],
      notReached: [],
    });
  });

  const notFoundUng = [allRead[0]!, allRead[1]!, failed('ung', '19:ung', 'not_found')];
  const oneOfTwo = [allRead[0]!, failed('forskola', '19:forskola-b', 'not_found'), allRead[2]!];
  const passing = [allRead[0]!, failed('forskola', '19:forskola-b', 'try_again'), failed('ung', '19:ung', 'not_found')];
  const nothing = [failed('forskola', '19:forskola-a', 'not_found'), failed('forskola', '19:forskola-b', 'not_found'), failed('ung', '19:ung', 'not_found')];

  it.each([
    ['a team not found, first press', notFoundUng, false, { kind: 'unreadable', canStartAnyway: true, teams: [{ unitId: 'ung', teamId: '19:ung', problem: 'not_found', wholeUnit: true }] }],
    [
      'a team not found, "Starta ändå"',
      notFoundUng,
      true,
      { kind: 'start', rosters: [{ unitId: 'forskola', members: [person(1), person(2)] }, { unitId: 'ung', members: [] }], notReached: [{ unitId: 'ung', teamId: '19:ung', problem: 'not_found', wholeUnit: true }] },
    ],
    [
      'one of a unit’s two teams not found, "Starta ändå"',
      oneOfTwo,
      true,
      { kind: 'start', rosters: [{ unitId: 'forskola', members: [person(1)] }, { unitId: 'ung', members: [person(3)] }], notReached: [{ unitId: 'forskola', teamId: '19:forskola-b', problem: 'not_found', wholeUnit: false }] },
    ],
    ['a team to try again, even with "Starta ändå" (only the passing ones are named)', passing, true, { kind: 'try_again', teams: [{ unitId: 'forskola', teamId: '19:forskola-b', problem: 'try_again', wholeUnit: false }] }],
    [
      'no team readable, "Starta ändå"',
      nothing,
      true,
      {
        kind: 'unreadable',
        canStartAnyway: false,
        teams: [
          { unitId: 'forskola', teamId: '19:forskola-a', problem: 'not_found', wholeUnit: true },
          { unitId: 'forskola', teamId: '19:forskola-b', problem: 'not_found', wholeUnit: true },
          { unitId: 'ung', teamId: '19:ung', problem: 'not_found', wholeUnit: true },
        ],
      },
    ],
  ])('%s', (_name, reads, startAnyway, plan) => {
    expect(planStart(units, reads, startAnyway)).toEqual(plan);
  });

  it('names a unit the config maps no team to, and skips it on "Starta ändå"', () => {
    const withEmpty = [...units, { id: 'tom', teamIds: [] }];
    const noTeam = { unitId: 'tom', problem: 'no_team', wholeUnit: true };
    expect(planStart(withEmpty, allRead, false)).toEqual({ kind: 'unreadable', canStartAnyway: true, teams: [noTeam] });
    expect(planStart(withEmpty, allRead, true)).toMatchObject({ kind: 'start', notReached: [noTeam] });
  });
});

describe('markNotReached', () => {
  const table = completionTable([{ unitId: 'forskola', counts: { delivered: 1 } }, { unitId: 'ung', counts: {} }], new Map());
  it.each([
    ['nothing missed', [], [undefined, undefined]],
    ['a whole unit missed', [{ unitId: 'ung', teamId: '19:ung', problem: 'not_found' as const, wholeUnit: true }], [undefined, 'whole_unit']],
    ['one team of a unit missed', [{ unitId: 'forskola', teamId: '19:forskola-b', problem: 'not_found' as const, wholeUnit: false }], ['some_teams', undefined]],
  ])('%s', (_name, notReached, expected) => {
    const marked = markNotReached(table, notReached);
    expect(marked.units.map((row) => row.notReached)).toEqual(expected);
    expect(marked.total).toEqual(table.total);
  });
});
