import jwt, { type JwtHeader, type JwtPayload } from 'jsonwebtoken';
import jwksRsa, { type JwksClient } from 'jwks-rsa';
import type { BotCredentials } from '../config/env';

/** The public cloud's channel token metadata; BOT_OPENID_METADATA_URL replaces it (tests, sovereign clouds). */
const BOT_FRAMEWORK_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
/** Who signs the tokens the Bot Framework channel sends a bot. */
const CHANNEL_ISSUER = 'https://api.botframework.com';
/** The clock skew the Bot Framework allows between the channel and a bot. */
const CLOCK_TOLERANCE_SECONDS = 300;
const METADATA_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** What the SDK is handed for a verified turn: the audience (our app id) and the endpoint the token names. */
export type ChannelIdentity = Pick<JwtPayload, 'aud'> & { serviceurl?: string };

export type ChannelTokenCheck = { ok: true; identity?: ChannelIdentity } | { ok: false };

/**
 * Checks the channel's token on an inbound activity, here rather than in the SDK: its check
 * turns itself off without a client id, leaves the issuer unchecked by default and reads its key
 * addresses from constants. Signature (RS256, a key the metadata publishes), issuer, audience,
 * expiry and the `serviceurl` claim against the activity are all checked; any failure is a
 * refusal (401), never an error. Without credentials no token is asked for (development only).
 */
export function createChannelTokenCheck(credentials: BotCredentials | undefined, timeoutMs: number) {
  if (!credentials) return async (): Promise<ChannelTokenCheck> => ({ ok: true });
  const metadataUrl = credentials.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA;
  let keys: { client: Promise<JwksClient>; fetchedAt: number } | undefined;

  const signingKeys = (): Promise<JwksClient> => {
    if (keys && Date.now() - keys.fetchedAt < METADATA_MAX_AGE_MS) return keys.client;
    const client = fetchJwksUri(metadataUrl, timeoutMs).then((jwksUri) => jwksRsa({ jwksUri, cache: true, rateLimit: true, jwksRequestsPerMinute: 10, timeout: timeoutMs }));
    keys = { client, fetchedAt: Date.now() };
    // A metadata document that could not be read is asked for again by the next request.
    client.catch(() => (keys = undefined));
    return client;
  };

  const keyFor = (header: JwtHeader, callback: (error: Error | null, key?: string) => void) => {
    signingKeys()
      .then((client) => client.getSigningKey(header.kid))
      .then((key) => callback(null, key.getPublicKey()), (error: Error) => callback(error));
  };

  return async (authorization: string | undefined, activity: { serviceUrl?: unknown }): Promise<ChannelTokenCheck> => {
    const token = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return { ok: false };
    try {
      const claims = await new Promise<JwtPayload>((resolve, reject) =>
        jwt.verify(
          token,
          keyFor,
          { algorithms: ['RS256'], audience: credentials.appId, issuer: CHANNEL_ISSUER, clockTolerance: CLOCK_TOLERANCE_SECONDS },
          (error, payload) => (error || typeof payload !== 'object' || payload === null ? reject(error ?? new Error('no claims')) : resolve(payload)),
        ),
      );
      // A token is for one connector endpoint; an activity naming another is not the channel's.
      if (claims.serviceurl !== activity.serviceUrl) return { ok: false };
      return { ok: true, identity: { aud: credentials.appId, serviceurl: claims.serviceurl } };
    } catch {
      return { ok: false };
    }
  };
}

async function fetchJwksUri(metadataUrl: string, timeoutMs: number): Promise<string> {
  const response = await fetch(metadataUrl, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`OpenID metadata answered ${response.status}`);
  const metadata = (await response.json()) as { jwks_uri?: unknown };
  if (typeof metadata.jwks_uri !== 'string' || !URL.canParse(metadata.jwks_uri)) throw new Error('OpenID metadata names no jwks_uri');
  return metadata.jwks_uri;
}
