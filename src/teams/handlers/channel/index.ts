import type { BotDeps, TeamsApp } from '../../bot-deps';
import { onCommand } from '../../commands';
import { botAccountFor, keepableServiceUrl } from '../../inbound-endpoint';

/** `koppla kanal`: a coordinator makes the channel they write in the coordinators' channel. */
export function register(app: TeamsApp, deps: BotDeps): void {
  onCommand(app, deps.coordinatorIds, 'bindChannel', async (context, turn) => {
    if (turn.conversationType !== 'channel') {
      await context.sendActivity(turn.t.errors.not_in_channel);
      return;
    }
    // Every post to the channel goes to this endpoint, with the bot's token: a forged one is not kept.
    const serviceUrl = keepableServiceUrl(context, deps.inbound);
    if (!serviceUrl) {
      deps.log.warn({ event: 'channel.bind_refused', reason: 'service_url' }, 'coordinators channel not bound');
      await context.sendActivity(turn.t.errors.validation);
      return;
    }
    // Stored as botbuilder stored it (the bot under `bot`), so references from before and after the move to the Agents SDK look alike.
    const { agent: _recipient, ...reference } = context.activity.getConversationReference();
    // Post to the channel itself, not as replies in the thread the command was typed in.
    const channelId = reference.conversation?.id.split(';messageid=')[0] ?? '';
    // Who typed the command is not needed to post, so it is not kept; the bot is who the configuration says.
    const conversationReference = {
      ...reference,
      serviceUrl,
      bot: botAccountFor(context, deps.inbound),
      conversation: { ...reference.conversation, id: channelId },
      activityId: undefined,
      user: undefined,
    };
    await deps.settings.bindCoordinatorChannel({
      conversationReference: JSON.parse(JSON.stringify(conversationReference)) as Record<string, unknown>,
      boundAt: deps.clock().toISOString(),
    });
    deps.log.info({ event: 'channel.bound' }, 'coordinators channel bound');
    await context.sendActivity(turn.t.channel.bound);
    // Reports that waited for a channel go out now.
    void deps.channelPosts.retryAllNow();
  });
}
