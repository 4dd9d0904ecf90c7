/**
 * A lease lets one of several bot instances do a piece of work (a scheduled job) at a time. It is
 * held until `expiresAt`; a holder that dies simply stops renewing and loses it then.
 */
export interface LeaseState {
  name: string;
  holder: string;
  /** ISO instant. */
  expiresAt: string;
  /**
   * Given up by its holder: free whatever `expiresAt` says. (Going by time alone, a lease released
   * "now" would look held to an instance whose clock is earlier — a run with `--now` in the past.)
   */
  released?: boolean;
}

export function canTakeLease(current: LeaseState | undefined, holder: string, now: Date): boolean {
  return !current || current.released === true || current.holder === holder || Date.parse(current.expiresAt) <= now.getTime();
}

export function leaseUntil(name: string, holder: string, now: Date, ttlMs: number): LeaseState {
  return { name, holder, expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
}
