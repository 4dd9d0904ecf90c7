/**
 * Completion figures for the coordinators' status card (SPEC §2): per unit invited / delivered /
 * unreachable / answered / rate, and a totals row.
 *
 * "Answered" is counted from the who-has-answered marks, which hold the unit the person was
 * *invited* under — never from the answers, whose `q_unit` is what the person chose and which
 * must not be linkable to a person. The two sources are never joined.
 */

/** The outbox's states (src/store/repositories/outbox-messages.ts; SPEC's "sent" is `delivered`). */
export type OutboxState = 'pending' | 'delivered' | 'unreachable' | 'failed';

export interface UnitOutboxCounts {
  unitId: string;
  counts: Partial<Record<OutboxState, number>>;
}

export interface CompletionFigures {
  invited: number;
  pending: number;
  delivered: number;
  unreachable: number;
  failed: number;
  answered: number;
  /** answered / invited, 0..1; null when nobody was invited. */
  rate: number | null;
}

export type CompletionRow = CompletionFigures & {
  unitId: string;
  /** The round was started without reading some (or all) of the unit's teams: its figures miss those people. */
  notReached?: 'whole_unit' | 'some_teams';
};

export interface CompletionTable {
  units: CompletionRow[];
  total: CompletionFigures;
}

/** Answered per unit from the who-has-answered marks (which carry the invited unit, and no time). */
export function countAnsweredByUnit(marks: ReadonlyArray<{ unitId: string }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { unitId } of marks) counts.set(unitId, (counts.get(unitId) ?? 0) + 1);
  return counts;
}

function figures(counts: Partial<Record<OutboxState, number>>, answered: number): CompletionFigures {
  const pending = counts.pending ?? 0;
  const delivered = counts.delivered ?? 0;
  const unreachable = counts.unreachable ?? 0;
  const failed = counts.failed ?? 0;
  const invited = pending + delivered + unreachable + failed;
  return { invited, pending, delivered, unreachable, failed, answered, rate: invited > 0 ? answered / invited : null };
}

/**
 * One row per unit, in the order of `outboxByUnit` (the target units in config order); a unit
 * that has marks but no outbox records (which should not happen) is added at the end rather than
 * dropped, so the total always equals the number of marks.
 */
export function completionTable(
  outboxByUnit: readonly UnitOutboxCounts[],
  answeredByUnit: ReadonlyMap<string, number>,
): CompletionTable {
  const merged = new Map<string, Partial<Record<OutboxState, number>>>();
  for (const { unitId, counts } of outboxByUnit) {
    const sum = merged.get(unitId) ?? {};
    for (const [state, count] of Object.entries(counts) as Array<[OutboxState, number]>)
      sum[state] = (sum[state] ?? 0) + count;
    merged.set(unitId, sum);
  }
  for (const unitId of answeredByUnit.keys()) if (!merged.has(unitId)) merged.set(unitId, {});

  const units = [...merged.entries()].map(([unitId, counts]) => ({
    unitId,
    ...figures(counts, answeredByUnit.get(unitId) ?? 0),
  }));
  const sum = (key: OutboxState | 'answered'): number =>
    units.reduce((total, row) => total + (key === 'answered' ? row.answered : row[key]), 0);
  const total = figures(
    { pending: sum('pending'), delivered: sum('delivered'), unreachable: sum('unreachable'), failed: sum('failed') },
    sum('answered'),
  );
  return { units, total };
}
