import type { Activity, ConversationParameters, ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { withDeadline } from '../deadline';
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

export interface DirectMessageOptions {
  /** The deadline of each of the (one or two) connector calls. */
  timeoutMs: number;
  /** Awaited right before each request leaves, so a rate limiter counts requests when they go. */
  beforeRequest?: () => Promise<void>;
}

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
  options: DirectMessageOptions,
): Promise<DirectMessageResult> {
  const beforeRequest = options.beforeRequest ?? (async () => undefined);
  let conversationId = target.conversationId;
  try {
    if (!conversationId) {
      await beforeRequest();
      conversationId = await createPersonalConversation(adapter, appId, target, options.timeoutMs);
    }
    await beforeRequest();
    await sendInto(adapter, appId, { ...target, conversationId }, activity, options.timeoutMs);
  } catch (error) {
    return { ...outcomeOfSendError(error), conversationId };
  }
  return { kind: 'delivered', conversationId };
}

/** createConversation for a 1:1 chat; resolves with the chat's id. */
async function createPersonalConversation(adapter: TeamsAdapter, appId: string, target: DirectMessageTarget, timeoutMs: number): Promise<string> {
  const parameters = {
    isGroup: false,
    bot: { id: appId, name: '' },
    members: [{ id: target.userId, name: '' }],
    tenantId: target.tenantId,
    channelData: { tenant: { id: target.tenantId } },
  } as unknown as ConversationParameters;
  let conversationId: string | undefined;
  await withDeadline(timeoutMs, 'createConversation', () =>
    adapter.createConversationAsync(appId, 'msteams', target.serviceUrl, '', parameters, async (context) => {
      conversationId = context.activity.conversation?.id;
    }),
  );
  if (!conversationId) throw Object.assign(new Error('createConversation answered without a conversation id'), { code: 'no_conversation_id' });
  return conversationId;
}

async function sendInto(
  adapter: TeamsAdapter,
  appId: string,
  target: DirectMessageTarget & { conversationId: string },
  activity: Partial<Activity>,
  timeoutMs: number,
): Promise<void> {
  const reference: Partial<ConversationReference> = {
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    conversation: { id: target.conversationId, isGroup: false, conversationType: 'personal', tenantId: target.tenantId, name: '' },
  };
  let failure: unknown;
  await withDeadline(timeoutMs, 'direct message', () =>
    adapter.continueConversationAsync(appId, reference, async (context) => {
      try {
        await context.sendActivity(activity);
      } catch (error) {
        // Caught inside the turn: thrown out of it, the adapter's turn-error handler would swallow it.
        failure = error;
      }
    }),
  );
  if (failure !== undefined) throw failure;
}
