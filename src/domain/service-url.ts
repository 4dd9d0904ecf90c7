/**
 * Which Bot Connector endpoint the bot may keep for proactive messages (the `serviceUrl` of an
 * inbound activity). It is where the bot later sends cards with its own token, so a forged value
 * would send them, and that token, elsewhere.
 */
export interface ServiceUrlRule {
  /** Plain http to this machine (the fake connector, the playground); never in production. */
  allowLoopbackHttp: boolean;
  /**
   * With authentication on: the `serviceurl` claim of the channel's verified token. Undefined
   * with authentication on means no claim, and then nothing is kept.
   */
  claim?: { serviceUrl: string | undefined };
}

/** Longest endpoint kept; Teams' are about 40 characters. */
const MAX_LENGTH = 2048;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The endpoint to keep, or undefined when `value` must not be kept. */
export function acceptedServiceUrl(value: unknown, rule: ServiceUrlRule): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.username !== '' || url.password !== '') return undefined;
  const secure = url.protocol === 'https:';
  const localDevelopment = url.protocol === 'http:' && rule.allowLoopbackHttp && isLoopback(url.hostname);
  if (!secure && !localDevelopment) return undefined;
  // The SDK compares the claim with the activity's text exactly; so does this.
  if (rule.claim && rule.claim.serviceUrl !== value) return undefined;
  return value;
}
