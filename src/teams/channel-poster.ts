import type { AdaptiveCardJson } from '../cards/render-card';
import type { DeliveryOutcome } from '../domain/delivery';
import type { ChannelPoster } from '../outbox/channel-post-outbox';
import type { Settings } from '../store/repositories/settings';
import type { TeamsAdapter } from './adapter';
import { cardActivity } from './card-attachment';
import { outcomeOfSendError, sendProactively } from './proactive';

/** Posts cards to the bound coordinators' channel, and edits what it posted. */
export class TeamsChannelPoster implements ChannelPoster {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly settings: Settings,
    private readonly timeoutMs: number,
  ) {}

  async post(card: AdaptiveCardJson): Promise<DeliveryOutcome> {
    let activityId: string | undefined;
    const outcome = await this.inChannel('channel post', async (context) => {
      activityId = (await context.sendActivity(cardActivity(card)))?.id || undefined;
    });
    return outcome.kind === 'delivered' ? { kind: 'delivered', ...(activityId ? { activityId } : {}) } : outcome;
  }

  /** PUT /v3/conversations/{channel}/activities/{activityId}: the message changes for everyone. */
  async update(activityId: string, card: AdaptiveCardJson): Promise<DeliveryOutcome> {
    return this.inChannel('channel post update', async (context) => {
      const activity = cardActivity(card);
      activity.id = activityId;
      await context.updateActivity(activity);
    }, true);
  }

  private async inChannel(what: string, send: Parameters<typeof sendProactively>[4], isEdit = false): Promise<DeliveryOutcome> {
    const channel = await this.settings.coordinatorChannel();
    if (!channel) return { kind: 'transient', code: 'channel_not_bound' };
    try {
      await sendProactively(this.adapter, channel.conversationReference, what, this.timeoutMs, send);
    } catch (error) {
      const outcome = outcomeOfSendError(error);
      // An edit of a message that is gone (404) can never succeed. Otherwise a channel that
      // refuses us (bot removed from the team) is retried, not given up: a stored post must
      // reach the coordinators once they fix the channel.
      if (outcome.kind === 'unreachable' && !(isEdit && outcome.code === 'http_404')) return { kind: 'transient', code: outcome.code };
      return outcome;
    }
    return { kind: 'delivered' };
  }
}
