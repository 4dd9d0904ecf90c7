/**
 * A team's roster could not be read. The transport says which kind of failure it was, so a
 * survey start can tell "the app is not in that team" from "Teams did not answer just now".
 */
export class RosterReadError extends Error {
  constructor(
    readonly problem: 'not_found' | 'try_again',
    /** The connector's HTTP status, when there was one (for the log, not for users). */
    readonly status?: number,
  ) {
    super(`roster read failed: ${problem}${status ? ` (${status})` : ''}`);
    this.name = 'RosterReadError';
  }
}
