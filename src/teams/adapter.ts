import { CallerIdConstants, ConfigurationServiceClientCredentialFactory, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
// Deep import for memory: see bot.ts.
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import type { BotCredentials } from '../config/env';

/**
 * Answers 401 to every request whose token does not verify. The SDK throws a plain error (and
 * the adapter answers 500) for a token signed with the wrong key under a known key id; a forged
 * token is the sender's fault, not ours.
 */
class VerifyingTeamsAdapter extends TeamsAdapter {
  protected override async processActivity(
    authorization: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (typeof authorization !== 'string') return super.processActivity(authorization, activity, logic);
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('Unauthorized. The token could not be verified.', 401);
    }
    return super.processActivity(authenticated, activity, logic);
  }
}

/**
 * The public cloud's Bot Framework settings with only the metadata document replaced. The SDK
 * uses its built-in constants only when none of these is set, so all are passed together.
 */
function channelSettings(openIdMetadataUrl: string) {
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/**
 * The Bot Framework adapter, with credentials passed explicitly. Without credentials the adapter
 * does not check tokens: the environment schema allows that only outside production.
 */
export function createAdapter(credentials: BotCredentials | undefined): TeamsAdapter {
  if (!credentials) return new TeamsAdapter();
  const settings = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    ...(credentials.openIdMetadataUrl ? channelSettings(credentials.openIdMetadataUrl) : {}),
  };
  return new VerifyingTeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
