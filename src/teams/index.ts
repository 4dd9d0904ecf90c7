import type { Request, Response } from 'restify';
import type { BotCredentials } from '../config/env';
import type { ChannelPoster } from '../outbox/channel-post-outbox';
import type { DirectMessageSender } from '../outbox/direct-message-outbox';
import type { Settings } from '../store/repositories/settings';
import { checkActivity } from './activity-shape';
import { TeamsAdapter } from './adapter';
import { createBot } from './bot';
import type { BotDeps } from './bot-deps';
import { createChannelTokenCheck } from './channel-token';
import { TeamsChannelPoster } from './channel-poster';
import { readTeamRoster } from './roster';
import { TeamsDirectMessageSender, type DirectMessageRenderer } from './direct-message-sender';

export type { BotDeps };

/**
 * The Teams transport: the only folder that knows the Microsoft 365 Agents SDK. Replacing the SDK
 * means rewriting this folder, nothing else. `timeoutMs` is the deadline of every outbound call
 * (sends, createConversation, roster pages, with their token fetch; the channel's signing keys).
 */
export function createTeamsTransport(credentials: BotCredentials | undefined, timeoutMs: number) {
  const adapter = new TeamsAdapter(credentials, timeoutMs);
  const checkToken = createChannelTokenCheck(credentials, timeoutMs);
  return {
    channelPoster: (settings: Settings): ChannelPoster => new TeamsChannelPoster(adapter, settings, timeoutMs),
    directMessageSender: (settings: Settings, render: DirectMessageRenderer): DirectMessageSender =>
      new TeamsDirectMessageSender(adapter, settings, render, timeoutMs),
    /** Reads a team's roster through the connector the coordinators' Teams last used. */
    rosterReader: (settings: Settings) => async (teamId: string) => {
      const target = await settings.proactiveTarget();
      if (!target) throw new Error('no Bot Connector endpoint known yet');
      return readTeamRoster(adapter, { serviceUrl: target.serviceUrl, tenantId: target.tenantId, teamId }, { pageMs: timeoutMs });
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
        const token = await checkToken(req.headers.authorization, req.body as { serviceUrl?: unknown });
        if (!token.ok) {
          deps.log.info({ event: 'activity.unauthorized' }, 'activity without a valid channel token refused');
          res.send(401, { error: 'unauthorized' });
          return;
        }
        // The SDK takes a request already authenticated (its own middleware would do it as `user`);
        // restify's req/res have the members it uses (body, headers, status, setHeader, send, end).
        const request = Object.assign(req, { user: token.identity });
        await adapter.process(request as never, res as never, async (context) => {
          await bot.run(context);
        });
      };
    },
  };
}
