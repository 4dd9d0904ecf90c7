/** SPEC §1: at most 10 reports per user in any 60 minutes (a sliding window, not a clock hour). */
export const REPORTS_PER_HOUR = 10;
export const RATE_WINDOW_MS = 60 * 60 * 1000;

export type RateDecision =
  | { allowed: true; recent: number[] }
  | { allowed: false; recent: number[]; retryAt: number };

/**
 * Decides from the user's earlier submission times (epoch ms). `recent` is what is worth keeping:
 * only the times inside the window, so nothing older than an hour is ever stored.
 */
export function decideRate(
  earlier: readonly number[],
  now: number,
  limit = REPORTS_PER_HOUR,
  windowMs = RATE_WINDOW_MS,
): RateDecision {
  const recent = earlier.filter((time) => time > now - windowMs && time <= now).sort((a, b) => a - b);
  if (recent.length < limit) return { allowed: true, recent };
  const oldestCounted = recent[recent.length - limit]!;
  return { allowed: false, recent, retryAt: oldestCounted + windowMs };
}
