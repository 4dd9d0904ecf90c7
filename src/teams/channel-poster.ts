import type { AdaptiveCardJson } from '../cards/render-card';
import type { DeliveryOutcome } from '../domain/delivery';
import type { ChannelPoster } from '../outbox/channel-post-outbox';
import type { Settings } from '../store/repositories/settings';
import type { TeamsAdapter } from './adapter';
import { cardActivity } from './card-attachment';
import { outcomeOfSendError, sendProactively } from './proactive';

/** Posts cards to the bound coordinators' channel. */
export class TeamsChannelPoster implements ChannelPoster {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly settings: Settings,
    private readonly timeoutMs: number,
  ) {}

  async post(card: AdaptiveCardJson): Promise<DeliveryOutcome> {
    const channel = await this.settings.coordinatorChannel();
    if (!channel) return { kind: 'transient', code: 'channel_not_bound' };
    try {
      await sendProactively(this.adapter, channel.conversationReference, 'channel post', this.timeoutMs, async (context) => {
        await context.sendActivity(cardActivity(card));
      });
    } catch (error) {
      const outcome = outcomeOfSendError(error);
      // A channel that refuses us (bot removed from the team) is retried, not given up: a stored
      // post must reach the coordinators once they fix the channel.
      return outcome.kind === 'unreachable' ? { kind: 'transient', code: outcome.code } : outcome;
    }
    return { kind: 'delivered' };
  }
}
