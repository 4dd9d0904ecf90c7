import type { Activity, ConversationParameters, ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { DeliveryOutcome } from '../domain/delivery';
import { outcomeOfSendError } from './channel-poster';

export interface DirectMessageTarget {
  serviceUrl: string;
  tenantId?: string;
  /** The user's Teams id (29:…) from the roster. */
  userId: string;
  /** The 1:1 conversation, when one is already known. */
  conversationId?: string;
}

export type DirectMessageResult = DeliveryOutcome & { conversationId?: string };

/**
 * Sends one activity to a user in their 1:1 chat with the bot. Without a stored conversation the
 * chat is created first (the connector's createConversation), the way a bot writes to someone who
 * never wrote to it; Teams answers 403 when the app is not installed for that user, which makes the
 * recipient unreachable rather than something to retry.
 */
export async function sendDirectMessage(
  adapter: TeamsAdapter,
  appId: string,
  target: DirectMessageTarget,
  activity: Partial<Activity>,
): Promise<DirectMessageResult> {
  let failure: unknown;
  let conversationId = target.conversationId;
  const send = async (context: { sendActivity(activity: Partial<Activity>): Promise<unknown>; activity: Partial<Activity> }) => {
    try {
      conversationId = context.activity.conversation?.id ?? conversationId;
      await context.sendActivity(activity);
    } catch (error) {
      // Caught inside the turn: thrown out of it, the adapter's turn-error handler would swallow it.
      failure = error;
    }
  };
  try {
    if (conversationId) {
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: target.serviceUrl,
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', tenantId: target.tenantId, name: '' },
      };
      await adapter.continueConversationAsync(appId, reference, send);
    } else {
      const parameters = {
        isGroup: false,
        bot: { id: appId, name: '' },
        members: [{ id: target.userId, name: '' }],
        tenantId: target.tenantId,
        channelData: { tenant: { id: target.tenantId } },
      } as unknown as ConversationParameters;
      await adapter.createConversationAsync(appId, 'msteams', target.serviceUrl, '', parameters, send);
    }
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) return { kind: 'delivered', conversationId };
  return { ...outcomeOfSendError(failure), conversationId };
}
