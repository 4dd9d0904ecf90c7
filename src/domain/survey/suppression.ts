/**
 * Small-group suppression with complementary suppression (SPEC §2: a unit's results are shown
 * only with ≥ MIN_GROUP_SIZE answers, "so a hidden unit cannot be worked out from totals").
 *
 * The rule, applied to answer counts per unit:
 * 1. A unit with fewer than `threshold` answers is hidden (so is any unit the caller already hides).
 * 2. The total is shown, so total − (shown units) = (hidden units together): subtraction reveals
 *    the hidden units as ONE group. That group must itself be safe: 0 answers (nothing to reveal)
 *    or ≥ `threshold` answers.
 * 3. While it is not, the shown unit with the fewest answers (ties: the earlier in the given
 *    order) is hidden too, for "complementary" reasons. Every shown unit has ≥ `threshold`
 *    answers, so one step is always enough while any unit is shown; if none is left, every
 *    per-unit result is hidden, and the caller must hide the total as well when it is below
 *    `threshold`.
 * Several hidden units together are only ever revealed as their sum, never one by one.
 */
export interface GroupCount {
  unitId: string;
  count: number;
}

export type HiddenReason = 'too_few_answers' | 'complementary';

export function suppressSmallGroups(
  groups: readonly GroupCount[],
  threshold: number,
  alreadyHidden: ReadonlySet<string> = new Set(),
): Map<string, HiddenReason> {
  const hidden = new Map<string, HiddenReason>();
  for (const { unitId, count } of groups)
    if (count < threshold || alreadyHidden.has(unitId)) hidden.set(unitId, 'too_few_answers');

  const hiddenCount = (): number =>
    groups.filter((group) => hidden.has(group.unitId)).reduce((sum, group) => sum + group.count, 0);
  for (let sum = hiddenCount(); sum > 0 && sum < threshold; sum = hiddenCount()) {
    const smallest = groups
      .filter((group) => !hidden.has(group.unitId))
      .reduce<GroupCount | undefined>((best, group) => (!best || group.count < best.count ? group : best), undefined);
    if (!smallest) break;
    hidden.set(smallest.unitId, 'complementary');
  }
  return hidden;
}
