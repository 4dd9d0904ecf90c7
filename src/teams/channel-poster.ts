import type { ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AdaptiveCardJson } from '../cards/render-card';
import { withDeadline } from '../deadline';
import type { DeliveryOutcome } from '../domain/delivery';
import type { ChannelPoster } from '../outbox/channel-post-outbox';
import type { Settings } from '../store/repositories/settings';
import { cardActivity } from './card-attachment';

/** Turns a connector failure into the delivery state machine's terms. */
export function outcomeOfSendError(error: unknown): DeliveryOutcome {
  const failure = error as { statusCode?: number; code?: string; response?: { headers?: { get?(name: string): string | undefined } } };
  const status = failure.statusCode;
  if (status === 429) {
    const retryAfter = Number(failure.response?.headers?.get?.('retry-after'));
    return { kind: 'throttled', retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined };
  }
  if (status === 403 || status === 404) return { kind: 'unreachable', code: `http_${status}` };
  return { kind: 'transient', code: status ? `http_${status}` : failure.code ?? 'network' };
}

/** Posts cards to the bound coordinators' channel. */
export class TeamsChannelPoster implements ChannelPoster {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly appId: string,
    private readonly settings: Settings,
    private readonly timeoutMs: number,
  ) {}

  async post(card: AdaptiveCardJson): Promise<DeliveryOutcome> {
    const channel = await this.settings.coordinatorChannel();
    if (!channel) return { kind: 'transient', code: 'channel_not_bound' };
    // The send's failure is caught inside the turn: thrown out of it, the adapter would hand it
    // to the turn error handler and resolve as if the post had gone through.
    let failure: unknown;
    try {
      // The deadline covers the token fetch, botbuilder's own retries and the send itself.
      await withDeadline(this.timeoutMs, 'channel post', () =>
        this.adapter.continueConversationAsync(
          this.appId,
          channel.conversationReference as Partial<ConversationReference>,
          async (context) => {
            try {
              await context.sendActivity(cardActivity(card));
            } catch (error) {
              failure = error;
            }
          },
        ),
      );
    } catch (error) {
      failure = error;
    }
    if (failure === undefined) return { kind: 'delivered' };
    const outcome = outcomeOfSendError(failure);
    // A channel that refuses us (bot removed from the team) is retried, not given up: a stored
    // post must reach the coordinators once they fix the channel.
    return outcome.kind === 'unreachable' ? { kind: 'transient', code: outcome.code } : outcome;
  }
}
