/**
 * The pending pool between "someone answered" and "an answer is stored" (SPEC §2: who answered
 * must not be linkable to what they answered, not even by someone reading the raw store).
 *
 * A participation mark is written the moment a person answers, so anything written at the same
 * moment could be paired with it by position in the files or by the database's own timestamps.
 * The answer therefore waits, sealed, in a pool, and moves into the answer records only in
 * groups: someone reading the store can then at best tell that an answer came from one of the
 * group, and a group is never smaller than `MIN_GROUP_SIZE` — the same size below which results
 * are suppressed.
 *
 * While the round is open the pool always keeps `minGroupSize` answers back, so the group that
 * closing the round moves is at least that large too (unless the whole round has fewer answers,
 * when no grouping could help and the results are suppressed anyway). At close, all of it moves.
 */
import { MIN_GROUP_SIZE } from './results';

/** How many pending answers to move now. */
export function answersToRelease(pending: number, roundClosed: boolean, minGroupSize: number = MIN_GROUP_SIZE): number {
  if (roundClosed) return pending;
  return pending >= 2 * minGroupSize ? pending - minGroupSize : 0;
}

/**
 * A uniformly random order (Fisher–Yates). `randomBelow(n)` must return an integer in [0, n); the
 * caller passes a cryptographic source, since the order is what hides who answered what.
 */
export function shuffled<T>(items: readonly T[], randomBelow: (n: number) => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = randomBelow(i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
