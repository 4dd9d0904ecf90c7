import { TeamsInfo, type ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { withDeadline } from '../deadline';

/** A team member as the survey needs it: nothing more than who to write to. */
export interface RosterMember {
  id: string;
  aadObjectId: string;
  name: string;
  userRole?: string;
}

const PAGE_SIZE = 100;

/**
 * Every member of a Teams team, read page by page with the roster API (a team can have
 * thousands of members; Teams serves at most 500 per page).
 */
export async function readTeamRoster(
  adapter: TeamsAdapter,
  appId: string,
  target: { serviceUrl: string; tenantId?: string; teamId: string },
  timeoutMs: number,
): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  const reference: Partial<ConversationReference> = {
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    conversation: { id: target.teamId, isGroup: true, conversationType: 'channel', tenantId: target.tenantId, name: '' },
  };
  let failure: unknown;
  // Per page, not per roster: 5,000 members take 50 pages. A page's deadline also covers the token
  // fetch, which botbuilder does when it signs the request.
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      let continuationToken: string | undefined;
      do {
        const page = await withDeadline(timeoutMs, 'roster page', () =>
          TeamsInfo.getPagedTeamMembers(context, target.teamId, PAGE_SIZE, continuationToken),
        );
        for (const member of page.members) {
          members.push({ id: member.id, aadObjectId: member.aadObjectId ?? '', name: member.name ?? '', userRole: member.userRole });
        }
        continuationToken = page.continuationToken || undefined;
      } while (continuationToken);
    } catch (error) {
      // Caught inside the turn so the adapter's turn-error handler does not swallow it.
      failure = error;
    }
  });
  if (failure) throw failure;
  return members;
}
