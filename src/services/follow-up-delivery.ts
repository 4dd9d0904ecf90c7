import type { AdaptiveCardJson } from '../cards/render-card';
import { followUpQuestionCard } from '../cards/follow-up-cards';
import type { DistrictConfig } from '../config/district';
import { questionState, questionText } from '../domain/concern/follow-up-rules';
import { parseReference } from '../domain/concern/reference';
import { languageOf, stringsFor } from '../domain/i18n';
import type { DirectMessageSender } from '../outbox/direct-message-outbox';
import type { ConcernReports } from '../store/repositories/concern-reports';
import type { OutboxPayloadRef, OutboxRecipient } from '../store/repositories/outbox-messages';
import type { ReporterLinks } from '../store/repositories/reporter-links';

/** A question to a reporter in the direct-message outbox: which report, which question. Nothing else. */
export interface FollowUpQuestionRef extends OutboxPayloadRef {
  kind: 'followup';
  reference: string;
  questionId: string;
}

/** One batch per question, so a question is queued (and sent) once; gallring finds a report's by prefix. */
export function followUpBatchId(reference: string, questionId: string): string {
  return `followup:${reference}:${questionId}`;
}

/**
 * The outbox names the recipient by the report, not by who they are. The outbox's recipient key
 * (its id and the per-chat rate limit) is then per report: a reporter with two reports counts as
 * two chats there, which at a few questions an hour stays far inside Teams' per-chat limits.
 */
export function followUpRecipient(reference: string): OutboxRecipient {
  return { aadObjectId: `reporter-of-${reference}` };
}

const isFollowUpRef = (ref: OutboxPayloadRef): ref is FollowUpQuestionRef =>
  ref.kind === 'followup' && typeof ref.reference === 'string' && typeof ref.questionId === 'string';

/**
 * Sends the follow-up's questions through the direct-message outbox. The outbox record holds
 * only the reference and the question id: the reporter's chat is opened from the sealed link here,
 * at send time, handed to the Teams sender for this one send and never written back. Storing it in
 * the record (as the outbox does for survey recipients, to skip createConversation next time)
 * would put the chat id in the clear next to the reference until gallring; opening the link costs
 * one point read per question instead. A link gone (case closed for 30 days, gallring) or a
 * report gone sends nothing.
 */
export class FollowUpDelivery {
  constructor(
    private readonly deps: { district: DistrictConfig; reports: ConcernReports; links: ReporterLinks },
  ) {}

  /** Wraps the Teams sender: follow-up messages go to the chat in the link; any other passes through. */
  sender(inner: DirectMessageSender): DirectMessageSender {
    return {
      send: async (recipient, payloadRef, requestSlot) => {
        if (payloadRef.kind !== 'followup') return inner.send(recipient, payloadRef, requestSlot);
        if (!isFollowUpRef(payloadRef)) return { kind: 'unreachable', code: 'obsolete' };
        const reach = await this.deps.links.open(payloadRef.reference);
        if (!reach) return { kind: 'unreachable', code: 'obsolete' };
        const result = await inner.send(
          { aadObjectId: recipient.aadObjectId, conversationId: reach.conversationId, ...(reach.tenantId ? { tenantId: reach.tenantId } : {}) },
          // The language travels to the card builder with this send only; the record keeps none of it.
          { ...payloadRef, language: reach.language },
          requestSlot,
        );
        const { conversationId: _chat, ...outcome } = result;
        return outcome;
      },
    };
  }

  /** The reporter's question card, as the report holds it now; nothing once it is answered or gone. */
  async card(payloadRef: OutboxPayloadRef): Promise<AdaptiveCardJson | undefined> {
    if (!isFollowUpRef(payloadRef)) return undefined;
    const parsed = parseReference(payloadRef.reference);
    const document = parsed ? await this.deps.reports.get(this.deps.district.id, parsed.year, payloadRef.reference) : undefined;
    if (!document || questionState(document.body.followUps, payloadRef.questionId) !== 'open') return undefined;
    const question = questionText(document.body.followUps, payloadRef.questionId) ?? '';
    const language = typeof payloadRef.language === 'string' ? languageOf(payloadRef.language) : this.deps.district.language;
    return followUpQuestionCard(stringsFor(language), { reference: payloadRef.reference, questionId: payloadRef.questionId, question });
  }
}
