import type { Request, Response } from 'restify';
import type { BotCredentials } from '../config/env';
import type { ChannelPoster } from '../outbox/channel-post-outbox';
import type { DirectMessageSender } from '../outbox/direct-message-outbox';
import type { Settings } from '../store/repositories/settings';
import { checkActivity } from './activity-shape';
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
      return readTeamRoster(adapter, credentials?.appId ?? '', { serviceUrl: target.serviceUrl, tenantId: target.tenantId, teamId }, { pageMs: timeoutMs });
    },
    messageEndpoint: (deps: BotDeps) => {
      const bot = createBot(adapter, deps);
      return async (req: Request, res: Response) => {
        // The door: a malformed activity is the sender's fault (400) and never reaches the SDK.
        const check = checkActivity(req.body);
        if (!check.ok) {
          deps.log.info({ event: 'activity.refused', problem: check.problem }, 'malformed activity refused');
          res.send(400, { error: 'malformed_activity', problem: check.problem });
          return;
        }
        await adapter.process(req as never, res as never, async (context) => {
          await bot.run(context);
        });
      };
    },
  };
}
