import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { TeamsAdapter, TurnState } from '@microsoft/teams-ai';
// Deep import: the package index also loads the AI, planner and tokenizer modules we do not use
// (about 17 MB of resident memory). teams-ai is pinned to 1.7.4, so this path is stable.
import { Application } from '@microsoft/teams-ai/lib/Application';
import { withRequestId } from '../log';
import type { BotDeps } from './bot-deps';
import { CardActions } from './card-actions';
import { register as registerChannel } from './handlers/channel';
import { register as registerConcern } from './handlers/concern';
import { register as registerDigest } from './handlers/digest';
import { register as registerForum } from './handlers/forum';
import { register as registerHelp } from './handlers/help';
import { register as registerRoutine } from './handlers/routine';
import { register as registerSurvey } from './handlers/survey';
import { register as registerWelcome } from './handlers/welcome';
import { turnInfo } from './turn-info';

export interface TeamsBot {
  /** Runs one turn; every log line it writes carries the turn's request id. */
  run(context: TurnContext): Promise<boolean>;
}

/** Builds the Teams application: one place that registers every feature's handlers, in order. */
export function createBot(adapter: TeamsAdapter, deps: BotDeps): TeamsBot {
  const app = new Application<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });

  // SPEC: activities from any tenant but the allowed one are refused before any handler runs.
  app.turn('beforeTurn', async (context) => {
    if (!deps.allowedTenantId) return true;
    const tenant = turnInfo(context, deps.coordinatorIds).tenantId?.toLowerCase();
    if (tenant === deps.allowedTenantId) return true;
    deps.log.warn({ event: 'tenant.refused' }, 'activity from another tenant refused');
    return false;
  });

  const cardActions = new CardActions(deps.coordinatorIds, deps.log);
  registerWelcome(app, deps);
  registerConcern(app, deps, cardActions);
  registerRoutine(app, deps, cardActions);
  registerChannel(app, deps);
  registerSurvey(app, deps, cardActions);
  registerForum(app, deps, cardActions);
  registerDigest(app, deps);
  cardActions.install(app);
  registerHelp(app, deps); // last: it answers any text nobody else took

  // The one place unexpected errors end up: log without user text, answer plainly. A failing
  // handler is caught in `run` below, inside its request; the adapter calls this for the rest.
  const failed = async (context: TurnContext, error: Error) => {
    deps.log.error({ event: 'turn.failed', err: { name: error.name, message: error.message } }, 'turn failed');
    await context.sendActivity(turnInfo(context, deps.coordinatorIds).t.errors.unexpected).catch(() => undefined);
  };
  app.error(failed);
  return {
    // The activity id ties our lines to the channel's own (a redelivery keeps its id).
    run: (context) =>
      withRequestId(context.activity.id || randomUUID(), async () => {
        const started = performance.now();
        let handled = false;
        try {
          handled = await app.run(context);
        } catch (error) {
          await failed(context, error as Error);
        }
        const { type, name } = context.activity;
        deps.log.info({ event: 'turn.done', activityType: type, name, durationMs: Math.round(performance.now() - started) }, 'turn done');
        return handled;
      }),
  };
}
