import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
// Deep import for memory: see bot.ts.
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import type { BotCredentials } from '../config/env';

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
  };
  return new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
