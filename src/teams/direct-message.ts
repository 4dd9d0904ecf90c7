import type { Activity, ConversationParameters } from '@microsoft/agents-activity';
import { withDeadline } from '../deadline';
import type { DeliveryOutcome } from '../domain/delivery';
import { BOT_FRAMEWORK_SCOPE, withOutboundSignal, type TeamsAdapter } from './adapter';
import { outcomeOfSendError, sendProactively } from './proactive';

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
  target: DirectMessageTarget,
  activity: Partial<Activity>,
  options: DirectMessageOptions,
): Promise<DirectMessageResult> {
  const beforeRequest = options.beforeRequest ?? (async () => undefined);
  let conversationId = target.conversationId;
  try {
    if (!conversationId) {
      await beforeRequest();
      conversationId = await createPersonalConversation(adapter, target, options.timeoutMs);
    }
    await beforeRequest();
    const reference = {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', tenantId: target.tenantId },
    };
    await sendProactively(adapter, reference, 'direct message', options.timeoutMs, async (context) => {
      // The SDK parses what it sends into its Activity class itself.
      await context.sendActivity(activity as Activity);
    });
  } catch (error) {
    return { ...outcomeOfSendError(error), conversationId };
  }
  return { kind: 'delivered', conversationId };
}

/** createConversation for a 1:1 chat; resolves with the chat's id. */
async function createPersonalConversation(adapter: TeamsAdapter, target: DirectMessageTarget, timeoutMs: number): Promise<string> {
  const bot = { id: adapter.appId, name: '' };
  // The connector's wire name for the bot is `bot`; the SDK's type calls it `agent` and sends the object as given.
  const parameters = {
    isGroup: false,
    bot,
    agent: bot,
    members: [{ id: target.userId, name: '' }],
    tenantId: target.tenantId,
    channelData: { tenant: { id: target.tenantId } },
  } as unknown as ConversationParameters;
  let conversationId: string | undefined;
  await withDeadline(timeoutMs, 'createConversation', (signal) =>
    withOutboundSignal(signal, () =>
      adapter.createConversationAsync(adapter.appId, 'msteams', target.serviceUrl, BOT_FRAMEWORK_SCOPE, parameters, async (context) => {
        conversationId = context.activity.conversation?.id;
      }),
    ),
  );
  if (!conversationId) throw Object.assign(new Error('createConversation answered without a conversation id'), { code: 'no_conversation_id' });
  return conversationId;
}
