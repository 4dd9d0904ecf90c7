import { TeamsInfo } from '@microsoft/agents-hosting-extensions-teams';
import { withDeadline } from '../deadline';
import { RosterReadError } from '../services/roster-read-error';
import { withOutboundSignal, type TeamsAdapter } from './adapter';
import { inProactiveTurn } from './proactive';
import { connectorFailureOf } from './connector-failure';

/** A team member as the survey needs it: nothing more than who to write to. */
export interface RosterMember {
  id: string;
  aadObjectId: string;
  name: string;
  userRole?: string;
}

const PAGE_SIZE = 100;
/**
 * A whole team's read, every page. A survey start reads its teams while Teams waits for the
 * card's answer (an invoke), so a slow team must not hold it much longer than that.
 */
export const ROSTER_DEADLINE_MS = 8_000;

/**
 * 404/403 (and 400 for an id Teams cannot parse): the app is not in the team or the id is wrong,
 * which asking again will not change. 429, 408, 412, 5xx, network failures and deadlines pass.
 */
export function rosterProblemOf(error: unknown): RosterReadError {
  if (error instanceof RosterReadError) return error;
  const { status } = connectorFailureOf(error);
  if (status === undefined) return new RosterReadError('try_again');
  const lasting = status >= 400 && status < 500 && ![408, 412, 429].includes(status);
  return new RosterReadError(lasting ? 'not_found' : 'try_again', status);
}

/**
 * Every member of a Teams team, read page by page with the roster API (a team can have
 * thousands of members; Teams serves at most 500 per page). Fails with a RosterReadError,
 * `try_again` when a page or the whole read passes its deadline. A page's deadline also covers
 * the token fetch, which the SDK does when it opens the proactive turn.
 */
export async function readTeamRoster(
  adapter: TeamsAdapter,
  target: { serviceUrl: string; tenantId?: string; teamId: string },
  deadlines: { pageMs: number; wholeMs?: number },
): Promise<RosterMember[]> {
  try {
    return await withDeadline(deadlines.wholeMs ?? ROSTER_DEADLINE_MS, 'roster read', (whole) => readPages(adapter, target, deadlines.pageMs, whole));
  } catch (error) {
    throw rosterProblemOf(error);
  }
}

/** Tries of one page: Teams answers the odd 429 or 5xx, which asking again soon usually clears. */
const PAGE_TRIES = 3;
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 2_000;

/**
 * A page read again after a passing failure (429 with its Retry-After, 5xx, 408, 412, no answer),
 * within the whole read's deadline; a lasting one (403, 404) or the last try's failure is thrown.
 */
async function withPageRetries<T>(whole: AbortSignal, read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= PAGE_TRIES || whole.aborted || rosterProblemOf(error).problem !== 'try_again') throw error;
      const { retryAfterSeconds } = connectorFailureOf(error);
      const waitMs = Math.min(RETRY_MAX_MS, retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : RETRY_BASE_MS * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

async function readPages(
  adapter: TeamsAdapter,
  target: { serviceUrl: string; tenantId?: string; teamId: string },
  pageMs: number,
  /** The whole read's deadline: once aborted, nobody waits for the rest. */
  whole: AbortSignal,
): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  // The team's own conversation: its roster is the team's.
  const reference = {
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    conversation: { id: target.teamId, isGroup: true, conversationType: 'channel', tenantId: target.tenantId },
  };
  // The turn as a whole (with the token fetch) is bounded by the whole read's deadline; each page by its own.
  await inProactiveTurn(adapter, reference, async (context) => {
    // The SDK's Teams helpers read channelData, which a proactive turn has none of; naming no team
    // here is what makes getPagedMembers read one page of this conversation's (the team's) roster.
    context.activity.channelData = { tenant: { id: target.tenantId } };
    let continuationToken: string | undefined;
    do {
      // One page per call: getPagedTeamMembers would read every page itself, past the page deadline.
      // Without a team in channelData, getPagedMembers asks for one page of the conversation (the team).
      const token = continuationToken;
      const page = await withPageRetries(whole, () =>
        withDeadline(pageMs, 'roster page', (signal) => withOutboundSignal(signal, () => TeamsInfo.getPagedMembers(context, PAGE_SIZE, token))),
      );
      for (const member of page.members) {
        members.push({ id: member.id ?? '', aadObjectId: member.aadObjectId ?? '', name: member.name ?? '', userRole: member.userRole });
      }
      continuationToken = page.continuationToken || undefined;
      // Past the deadline nobody waits for the rest: stop asking Teams for it.
    } while (continuationToken && !whole.aborted);
  });
  return members;
}
