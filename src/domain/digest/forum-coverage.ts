/**
 * Forum coverage in the digest (SPEC §3, §4): per forum how many meetings there were in the month,
 * how many chairs were nudged, confirmed the agenda item and said VBE was discussed — and which
 * forums have gone too long without VBE on the agenda.
 */
import { hadVbeItem, type ForumMeeting } from '../forum/meeting';
import { addMonths, firstDayOf, lastDayOf } from './months';

/**
 * A forum with no VBE item for this many months is flagged.
 *
 * The rule, for the digest of month M (e.g. 2026-11):
 * - the window is the last FLAG_AFTER_MONTHS calendar months up to and including M
 *   (2026-09-01 … 2026-11-30);
 * - a forum is flagged when it has had no meeting with VBE on the agenda (confirmed or discussed)
 *   within the window: `lastVbeItemOn` is missing or before the window's first day;
 * - but only once it has been registered for the whole window — registered on or before the
 *   window's first day. A forum registered later (less than three months before the end of M) has
 *   not had the chance yet: registered 2026-09-01 can be flagged in November, 2026-09-02 cannot;
 * - a forum registered after the end of M did not exist in M and is left out of that digest.
 */
export const FLAG_AFTER_MONTHS = 3;

export interface DigestForumFacts {
  forumId: string;
  name: string;
  meetings: number;
  nudged: number;
  confirmed: number;
  discussed: number;
  /**
   * Stockholm date of the last meeting with VBE on the agenda (confirmed or discussed) on or before
   * the end of the digest's month, or undefined when there has been none.
   */
  lastVbeItemOn?: string;
  /** Date the forum was registered (`YYYY-MM-DD`). */
  registeredOn: string;
}

export type DigestForumRow = DigestForumFacts & { flagged: boolean };

/**
 * A forum's facts for the days `firstDay`..`lastDay` (both included) from its stored meetings:
 * what the digest shows for a month and the lägesbild for its period. Cancelled meetings do not
 * count; the last VBE item is looked for up to `lastDay`, also before the range.
 */
export function forumFactsOf(
  forum: { id: string; name: string; registeredOn: string },
  meetings: readonly ForumMeeting[],
  firstDay: string,
  lastDay: string,
): DigestForumFacts {
  const held = meetings.filter((meeting) => !meeting.cancelled);
  const inRange = held.filter((meeting) => meeting.date >= firstDay && meeting.date <= lastDay);
  const lastVbeItemOn = held
    .filter((meeting) => meeting.date <= lastDay && hadVbeItem(meeting))
    .map((meeting) => meeting.date)
    .sort()
    .at(-1);
  return {
    forumId: forum.id,
    name: forum.name,
    meetings: inRange.length,
    nudged: inRange.filter((meeting) => meeting.agenda.nudgedOn !== undefined).length,
    confirmed: inRange.filter((meeting) => meeting.agenda.state === 'confirmed').length,
    discussed: inRange.filter((meeting) => meeting.followup.discussed === 'yes').length,
    ...(lastVbeItemOn ? { lastVbeItemOn } : {}),
    registeredOn: forum.registeredOn,
  };
}

export interface ForumCoverage {
  /** The first day of the flagging window (see FLAG_AFTER_MONTHS). */
  windowStartsOn: string;
  forums: DigestForumRow[];
  flagged: DigestForumRow[];
  /** Forums with VBE on the agenda within the window. */
  covered: DigestForumRow[];
  /** Neither flagged nor covered: registered after the window began, so not flagged yet. */
  tooNew: DigestForumRow[];
  totals: { meetings: number; nudged: number; confirmed: number; discussed: number };
}

export function flagWindowStart(month: string): string {
  return firstDayOf(addMonths(month, -(FLAG_AFTER_MONTHS - 1)));
}

/** Dates are `YYYY-MM-DD`, so string order is date order. */
function hasVbeItemInWindow(forum: Pick<DigestForumFacts, 'lastVbeItemOn'>, month: string): boolean {
  return forum.lastVbeItemOn !== undefined && forum.lastVbeItemOn >= flagWindowStart(month);
}

export function isForumFlagged(forum: Pick<DigestForumFacts, 'registeredOn' | 'lastVbeItemOn'>, month: string): boolean {
  const registeredForWholeWindow = forum.registeredOn <= flagWindowStart(month);
  return registeredForWholeWindow && !hasVbeItemInWindow(forum, month);
}

export function forumCoverage(forums: readonly DigestForumFacts[], month: string): ForumCoverage {
  const monthEnd = lastDayOf(month);
  const rows = forums
    .filter((forum) => forum.registeredOn <= monthEnd)
    .map((forum) => ({ ...forum, flagged: isForumFlagged(forum, month) }));
  const sum = (key: 'meetings' | 'nudged' | 'confirmed' | 'discussed') => rows.reduce((total, row) => total + row[key], 0);
  return {
    windowStartsOn: flagWindowStart(month),
    forums: rows,
    flagged: rows.filter((row) => row.flagged),
    covered: rows.filter((row) => hasVbeItemInWindow(row, month)),
    tooNew: rows.filter((row) => !row.flagged && !hasVbeItemInWindow(row, month)),
    totals: { meetings: sum('meetings'), nudged: sum('nudged'), confirmed: sum('confirmed'), discussed: sum('discussed') },
  };
}
