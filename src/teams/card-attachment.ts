import type { Activity } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory } from '@microsoft/agents-hosting';
import type { AdaptiveCardJson } from '../cards/render-card';

export function cardActivity(card: AdaptiveCardJson): Activity {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}
