/**
 * Report counts as the lägesbild may print them (issue 14: "report counts below 3 in any cell are
 * shown as 1–2"). The document is read beyond the coordinators (nämnd, police, the city's central
 * coordinator), so no cell may single out a report and through it a person.
 *
 * The rule, per cell:
 * - 0 is shown as 0: an empty cell points at nobody;
 * - 1 and 2 are shown as "1–2" (`few`);
 * - 3 and more are shown exactly — except in a table whose rows add up to the total (environment,
 *   place type, area: each report has exactly one), where the total minus the exact rows would give
 *   a lone "1–2" back. There the same complementary suppression as the survey's applies
 *   (survey/suppression.ts with threshold 3): while the "1–2" cells together make 1 or 2, the
 *   smallest exact cell is withheld too and shown as "≥3" (`atLeast3`), which is true and does not
 *   let the hidden cells be worked out. Event types are not such a table (a report may have several).
 * - A change is shown only when both sides are exact: "1–2 → 5" has no exact change to print
 *   without revealing the hidden side.
 */
import { suppressSmallGroups } from '../survey/suppression';

export const REPORT_MIN_CELL = 3;

export type ShownCount = { kind: 'exact'; value: number } | { kind: 'few' } | { kind: 'atLeast3' };

export function exact(value: number): ShownCount {
  return { kind: 'exact', value };
}

/** One cell on its own (a total, or a row of a table whose rows overlap). */
export function shownCount(count: number): ShownCount {
  return count > 0 && count < REPORT_MIN_CELL ? { kind: 'few' } : exact(count);
}

/** The cells of a table whose rows add up to a total that is printed too. */
export function shownPartition(counts: ReadonlyArray<{ key: string; count: number }>): Map<string, ShownCount> {
  const hidden = suppressSmallGroups(
    counts.map(({ key, count }) => ({ unitId: key, count })),
    REPORT_MIN_CELL,
  );
  return new Map(
    counts.map(({ key, count }) => {
      const reason = hidden.get(key);
      if (count === 0) return [key, exact(0)];
      if (reason === 'too_few_answers') return [key, { kind: 'few' } as ShownCount];
      if (reason === 'complementary') return [key, { kind: 'atLeast3' } as ShownCount];
      return [key, exact(count)];
    }),
  );
}

/** current − previous, only when both are exact; null otherwise (shown as "–"). */
export function shownChange(current: ShownCount, previous: ShownCount | null): number | null {
  if (!previous || current.kind !== 'exact' || previous.kind !== 'exact') return null;
  return current.value - previous.value;
}

export function exactValue(count: ShownCount): number | undefined {
  return count.kind === 'exact' ? count.value : undefined;
}
