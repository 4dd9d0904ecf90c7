import type { ChannelAccount, ConversationReference } from '@microsoft/agents-activity';

/**
 * A stored conversation reference as the SDK needs it. References are stored as botbuilder wrote
 * them (the bot's account under `bot`), so channels bound before the move to the Agents SDK, and
 * any bound since, keep working; the SDK calls that account `agent`. Without one the turn still
 * needs an (empty) recipient: the proactive send then goes without a `from`, as before.
 */
export function sdkReference(stored: Record<string, unknown>): ConversationReference {
  const { bot, agent, ...rest } = withoutEmptyStrings(stored) as { bot?: ChannelAccount; agent?: ChannelAccount };
  return { ...(rest as unknown as ConversationReference), agent: agent ?? bot ?? {} };
}

/** The SDK's schema refuses empty strings (a conversation `name: ''`, as botbuilder wrote it) where it allows absence. */
function withoutEmptyStrings(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== '')
      .map(([key, field]) => [key, typeof field === 'object' && field !== null && !Array.isArray(field) ? withoutEmptyStrings(field as Record<string, unknown>) : field]),
  );
}
