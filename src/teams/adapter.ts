import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity } from '@microsoft/agents-activity';
import {
  AuthType,
  CloudAdapter,
  ConnectorClient,
  HttpClient,
  OutboundHostValidator,
  type AuthConfiguration,
  type HeaderPropagationCollection,
  type HttpClientOptions,
  type HttpRequestConfig,
  type HttpResponse,
} from '@microsoft/agents-hosting';
import type { JwtPayload } from 'jsonwebtoken';
import type { BotCredentials } from '../config/env';

/** The Bot Framework's token audience, and the scope of the bot's own outgoing token. */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
const CONNECTION = 'serviceConnection';

/**
 * The one connection the SDK may use, with every setting it reads stated. The SDK merges
 * settings from the environment into whatever it is not told (and, given no connection at all,
 * takes the environment's instead), so nothing is left for it to fill in.
 */
function authConfiguration(credentials: BotCredentials | undefined): AuthConfiguration {
  const connection: AuthConfiguration = {
    clientId: credentials?.appId,
    clientSecret: credentials?.appType === 'UserAssignedMSI' ? undefined : credentials?.appPassword,
    // MultiTenant bots get their token from the botframework.com tenant (the SDK's default for none).
    tenantId: credentials?.appType === 'MultiTenant' ? undefined : credentials?.tenantId,
    authType: !credentials ? undefined : credentials.appType === 'UserAssignedMSI' ? AuthType.UserManagedIdentity : AuthType.ClientSecret,
    authorityEndpoint: 'https://login.microsoftonline.com',
    issuers: [BOT_FRAMEWORK_SCOPE],
    // Inbound tokens are checked by channel-token.ts, not by the SDK's middleware.
    validateIssuer: true,
    scopes: undefined,
    certPemFile: undefined,
    certKeyFile: undefined,
    federatedClientId: undefined,
    FICClientId: undefined,
    WIDAssertionFile: undefined,
    federatedTokenFile: undefined,
    connectionName: undefined,
    idpmResource: undefined,
    altBlueprintConnectionName: undefined,
    sidecarBaseUrl: undefined,
  };
  return { ...connection, connections: new Map([[CONNECTION, connection]]), connectionsMap: [{ serviceUrl: '*', connection: CONNECTION }] };
}

/** The deadline signal of the proactive call in progress (see withOutboundSignal). */
const outboundSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` so that every connector request it makes is aborted with `signal`. */
export function withOutboundSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return outboundSignal.run(signal, work);
}

/**
 * The SDK's fetch client with a deadline on every request: the proactive call's own signal, or
 * for a reply inside a turn a timeout of its own. The SDK's connector methods take no signal, but
 * its HTTP client passes one to fetch.
 */
class DeadlineHttpClient extends HttpClient {
  constructor(
    options: HttpClientOptions,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  override request<T = unknown>(config: HttpRequestConfig): Promise<HttpResponse<T>> {
    return super.request<T>({ ...config, signal: config.signal ?? outboundSignal.getStore() ?? AbortSignal.timeout(this.timeoutMs) });
  }
}

class DeadlineConnectorClient extends ConnectorClient {
  static around(client: ConnectorClient, timeoutMs: number): ConnectorClient {
    const { baseURL, defaultHeaders } = client.httpClient;
    return new DeadlineConnectorClient(new DeadlineHttpClient({ baseURL, headers: defaultHeaders }, timeoutMs));
  }
}

/**
 * The Agents SDK adapter, told everything explicitly: the connection above, its runtime options
 * and the outbound host policy (each of which it would otherwise read from the environment).
 * Without credentials it sends no token (local development and tests; refused in production).
 */
export class TeamsAdapter extends CloudAdapter {
  constructor(
    private readonly credentials: BotCredentials | undefined,
    private readonly timeoutMs: number,
  ) {
    // Endpoints are judged by inbound-endpoint.ts (domain/service-url), with the loopback rule the SDK's policy lacks.
    super(authConfiguration(credentials), undefined, undefined, { emitStackTrace: false, validateServiceUrl: false }, new OutboundHostValidator({ enabled: false }));
  }

  /** The bot's app id; empty with authentication off. */
  get appId(): string {
    return this.credentials?.appId ?? '';
  }

  /** Who proactive turns run as: the bot's app id, or no one (no token) with authentication off. */
  proactiveIdentity(): JwtPayload {
    return this.credentials ? CloudAdapter.createIdentity(this.credentials.appId) : {};
  }

  protected override async createConnectorClient(serviceUrl: string, scope: string, identity: JwtPayload, headers?: HeaderPropagationCollection): Promise<ConnectorClient> {
    // The SDK asks its token provider even with no credentials; without them there is no token to ask for.
    const client = this.credentials ? await super.createConnectorClient(serviceUrl, scope, identity, headers) : ConnectorClient.createClientWithToken(serviceUrl, '', headers);
    return DeadlineConnectorClient.around(client, this.timeoutMs);
  }

  protected override async createConnectorClientWithIdentity(identity: JwtPayload, activity: Activity, headers?: HeaderPropagationCollection): Promise<ConnectorClient> {
    return DeadlineConnectorClient.around(await super.createConnectorClientWithIdentity(identity, activity, headers), this.timeoutMs);
  }

  // The bot signs no one in; the token service's address is stated so the SDK does not look it up in the environment.
  protected override createUserTokenClient(identity: JwtPayload, _endpoint?: string, scope?: string, audience?: string, headers?: HeaderPropagationCollection) {
    return super.createUserTokenClient(identity, BOT_FRAMEWORK_SCOPE, scope, audience, headers);
  }
}
