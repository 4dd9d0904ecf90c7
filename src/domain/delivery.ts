/**
 * The delivery state machine every proactive message follows (channel posts now; survey and
 * nudge sends reuse it). Teams asks bots to wait Retry-After on 429 and to back off with jitter on
 * 412/502/503/504 and timeouts; a message that cannot be delivered yet is kept, never dropped.
 */
export type DeliveryOutcome =
  /** `activityId`: the id Teams gave a posted message, to edit it later. */
  | { kind: 'delivered'; activityId?: string }
  /** 429: Teams' throttling; wait at least what it asked. */
  | { kind: 'throttled'; retryAfterMs?: number }
  /** 5xx, 412, timeouts, no channel bound yet: try again later. */
  | { kind: 'transient'; code: string }
  /** 403/404 for a user: the app is not installed for them (survey sends). */
  | { kind: 'unreachable'; code: string };

export interface DeliveryState {
  state: 'pending' | 'delivered' | 'unreachable';
  attempts: number;
  /** ISO instant of the next try while pending. */
  nextAttemptAt?: string;
  deliveredAt?: string;
  lastErrorCode?: string;
  /** ISO instant: a process is sending it until then (set by a claim, dropped by the outcome). */
  claimedUntil?: string;
}

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 15 * 60_000;

/** Exponential backoff with full jitter: a random wait in [base, min(max, base·2^attempt)]. */
export function backoffMs(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(BACKOFF_BASE_MS + (ceiling - BACKOFF_BASE_MS) * Math.min(1, Math.max(0, random)));
}

export function applyDeliveryOutcome(
  previous: DeliveryState,
  outcome: DeliveryOutcome,
  now: Date,
  random: number,
): DeliveryState {
  const attempts = previous.attempts + 1;
  switch (outcome.kind) {
    case 'delivered':
      return { state: 'delivered', attempts, deliveredAt: now.toISOString() };
    case 'unreachable':
      return { state: 'unreachable', attempts, lastErrorCode: outcome.code };
    case 'throttled': {
      const wait = Math.max(outcome.retryAfterMs ?? 0, backoffMs(attempts, random));
      return { state: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + wait).toISOString(), lastErrorCode: 'throttled' };
    }
    case 'transient':
      return {
        state: 'pending',
        attempts,
        nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, random)).toISOString(),
        lastErrorCode: outcome.code,
      };
  }
}
