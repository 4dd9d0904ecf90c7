import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { DistrictConfig } from '../config/district';
import { surveyCard } from '../cards/survey-cards';
import { stringsFor } from '../domain/i18n';
import type { DirectMessageSender } from '../outbox/direct-message-outbox';
import type { OutboxPayloadRef, OutboxRecipient, SendResult } from '../store/repositories/outbox-messages';
import type { Settings } from '../store/repositories/settings';
import { cardActivity } from './card-attachment';
import { sendDirectMessage } from './direct-message';

/** Sends survey cards to users' 1:1 chats (in the district's language: the user's is not known yet). */
export class TeamsSurveySender implements DirectMessageSender {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly appId: string,
    private readonly settings: Settings,
    private readonly district: DistrictConfig,
  ) {}

  async send(recipient: OutboxRecipient, payloadRef: OutboxPayloadRef): Promise<SendResult> {
    const target = await this.settings.proactiveTarget();
    if (!target) return { kind: 'transient', code: 'no_service_url' };
    if (payloadRef.kind !== 'survey' || typeof payloadRef.roundId !== 'string') return { kind: 'unreachable', code: 'unknown_payload' };
    const card = surveyCard({ t: stringsFor(this.district.language), district: this.district, roundId: payloadRef.roundId });
    return sendDirectMessage(
      this.adapter,
      this.appId,
      { serviceUrl: target.serviceUrl, tenantId: recipient.tenantId ?? target.tenantId, userId: recipient.userId ?? recipient.aadObjectId, conversationId: recipient.conversationId },
      cardActivity(card),
    );
  }
}
