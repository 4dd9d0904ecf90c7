import { describe, expect, it } from 'vitest';
import { completionTable, countAnsweredByUnit } from '../../src/domain/survey/completion';

describe('completionTable', () => {
  const marks = [
    { unitId: 'ung-fritid' },
    { unitId: 'ung-fritid' },
    { unitId: 'ung-fritid' },
    { unitId: 'skola-syd' },
  ];

  it('computes invited / delivered / unreachable / answered / rate per unit and in total', () => {
    const table = completionTable(
      [
        { unitId: 'ung-fritid', counts: { delivered: 8, unreachable: 1, failed: 1 } },
        { unitId: 'skola-syd', counts: { pending: 2, delivered: 2 } },
        { unitId: 'forskola', counts: {} },
      ],
      countAnsweredByUnit(marks),
    );
    expect(table.units).toEqual([
      { unitId: 'ung-fritid', invited: 10, pending: 0, delivered: 8, unreachable: 1, failed: 1, answered: 3, rate: 0.3 },
      { unitId: 'skola-syd', invited: 4, pending: 2, delivered: 2, unreachable: 0, failed: 0, answered: 1, rate: 0.25 },
      { unitId: 'forskola', invited: 0, pending: 0, delivered: 0, unreachable: 0, failed: 0, answered: 0, rate: null },
    ]);
    expect(table.total).toEqual({ invited: 14, pending: 2, delivered: 10, unreachable: 1, failed: 1, answered: 4, rate: 4 / 14 });
  });

  it('sums a unit that comes twice and keeps marks of a unit without outbox records', () => {
    const table = completionTable(
      [
        { unitId: 'u1', counts: { delivered: 3 } },
        { unitId: 'u1', counts: { delivered: 2, pending: 1 } },
      ],
      new Map([['u1', 2], ['gone', 1]]),
    );
    expect(table.units.map((row) => [row.unitId, row.invited, row.answered])).toEqual([
      ['u1', 6, 2],
      ['gone', 0, 1],
    ]);
    expect(table.total.answered).toBe(3);
  });

  it('counts answered per invited unit from the marks', () => {
    expect([...countAnsweredByUnit(marks)]).toEqual([
      ['ung-fritid', 3],
      ['skola-syd', 1],
    ]);
  });
});
