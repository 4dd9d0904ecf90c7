import type { TurnContext } from '@microsoft/agents-hosting';
import { acceptedServiceUrl } from '../domain/service-url';

/** What the transport needs to judge the endpoint and bot identity an inbound turn names. */
export interface InboundRules {
  /** The configured MicrosoftAppId; undefined = authentication off (development and tests). */
  botAppId?: string;
  allowLoopbackHttp: boolean;
}

/** The `serviceurl` claim of the token channel-token.ts verified (none with authentication off). */
function claimedServiceUrl(context: TurnContext): string | undefined {
  const claim: unknown = context.identity?.serviceurl;
  return typeof claim === 'string' ? claim : undefined;
}

/**
 * The turn's `serviceUrl` if the bot may keep it for later (proactive) sends: see
 * domain/service-url. With authentication on it must equal the channel token's `serviceurl` claim.
 */
export function keepableServiceUrl(context: TurnContext, rules: InboundRules): string | undefined {
  const claim = rules.botAppId ? { serviceUrl: claimedServiceUrl(context) } : undefined;
  return acceptedServiceUrl(context.activity.serviceUrl, { allowLoopbackHttp: rules.allowLoopbackHttp, claim });
}

/** A Teams bot id: `28:` and the app id. */
const BOT_ID = /^28:[A-Za-z0-9-]{1,64}$/;

/**
 * The bot's own account for a stored conversation reference. With authentication on it comes from
 * the configuration, never from the activity (whose `recipient` a sender writes). With it off
 * there is no configured id: the recipient's id is kept only if it has a bot id's shape, else none
 * (a proactive send then goes without a `from`, which the local connectors accept).
 */
export function botAccountFor(context: TurnContext, rules: InboundRules): { id: string } | undefined {
  if (rules.botAppId) return { id: `28:${rules.botAppId}` };
  const recipientId: unknown = context.activity.recipient?.id;
  return typeof recipientId === 'string' && BOT_ID.test(recipientId) ? { id: recipientId } : undefined;
}
