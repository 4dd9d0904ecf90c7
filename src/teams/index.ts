import type { Request, Response } from 'restify';
import type { BotCredentials } from '../config/env';
import type { ChannelPoster } from '../outbox/channel-post-outbox';
import type { DirectMessageSender } from '../outbox/direct-message-outbox';
import type { Settings } from '../store/repositories/settings';
import { createAdapter } from './adapter';
import { createBot } from './bot';
import type { BotDeps } from './bot-deps';
import { TeamsChannelPoster } from './channel-poster';
import { readTeamRoster } from './roster';
import { TeamsDirectMessageSender, type DirectMessageRenderer } from './direct-message-sender';

export type { BotDeps };

/**
 * The Teams transport: the only folder that knows botbuilder and teams-ai. Replacing the Bot
 * Framework SDK with the Teams SDK means rewriting this folder, nothing else. `timeoutMs` is the
 * deadline of every proactive call (sends, createConversation, roster pages, with their token fetch).
 */
export function createTeamsTransport(credentials: BotCredentials | undefined, timeoutMs: number) {
  const adapter = createAdapter(credentials);
  return {
    channelPoster: (settings: Settings): ChannelPoster => new TeamsChannelPoster(adapter, credentials?.appId ?? '', settings, timeoutMs),
    directMessageSender: (settings: Settings, render: DirectMessageRenderer): DirectMessageSender =>
      new TeamsDirectMessageSender(adapter, credentials?.appId ?? '', settings, render, timeoutMs),
    /** Reads a team's roster through the connector the coordinators' Teams last used. */
    rosterReader: (settings: Settings) => async (teamId: string) => {
      const target = await settings.proactiveTarget();
      if (!target) throw new Error('no Bot Connector endpoint known yet');
      return readTeamRoster(adapter, credentials?.appId ?? '', { serviceUrl: target.serviceUrl, tenantId: target.tenantId, teamId }, timeoutMs);
    },
    messageEndpoint: (deps: BotDeps) => {
      const bot = createBot(adapter, deps);
      return (req: Request, res: Response) =>
        adapter.process(req as never, res as never, async (context) => {
          await bot.run(context);
        });
    },
  };
}
