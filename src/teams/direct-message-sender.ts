import type { AdaptiveCardJson } from '../cards/render-card';
import type { DirectMessageSender, RequestSlot } from '../outbox/direct-message-outbox';
import type { OutboxPayloadRef, OutboxRecipient, SendResult } from '../store/repositories/outbox-messages';
import type { Settings } from '../store/repositories/settings';
import type { TeamsAdapter } from './adapter';
import { cardActivity } from './card-attachment';
import { sendDirectMessage } from './direct-message';

/** Builds the card an outbox message stands for, as it is at sending time; undefined when it no longer applies. */
export type DirectMessageRenderer = (payloadRef: OutboxPayloadRef) => Promise<AdaptiveCardJson | undefined>;

/** Sends outbox cards (survey invitations, forum nudges) to users' 1:1 chats. */
export class TeamsDirectMessageSender implements DirectMessageSender {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly settings: Settings,
    private readonly render: DirectMessageRenderer,
    private readonly timeoutMs: number,
  ) {}

  async send(recipient: OutboxRecipient, payloadRef: OutboxPayloadRef, requestSlot: RequestSlot): Promise<SendResult> {
    const target = await this.settings.proactiveTarget();
    if (!target) return { kind: 'transient', code: 'no_service_url' };
    const card = await this.render(payloadRef);
    // A message for something that is gone (a removed forum, a cancelled meeting) is not sent at all.
    if (!card) return { kind: 'unreachable', code: 'obsolete' };
    return sendDirectMessage(
      this.adapter,
      { serviceUrl: target.serviceUrl, tenantId: recipient.tenantId ?? target.tenantId, userId: recipient.userId ?? recipient.aadObjectId, conversationId: recipient.conversationId },
      cardActivity(card),
      // The store reads above are done: the rate slot is taken as each request leaves.
      { timeoutMs: this.timeoutMs, beforeRequest: requestSlot },
    );
  }
}
