import { randomUUID } from 'node:crypto';
import { INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { TeamsAdapter, TurnState } from '@microsoft/teams-ai';
// Deep import: the package index also loads the AI, planner and tokenizer modules we do not use
// (about 17 MB of resident memory). teams-ai is pinned to 1.7.4, so this path is stable.
import { Application } from '@microsoft/teams-ai/lib/Application';
import { stringsFor } from '../domain/i18n';
import { tenantVerdict } from '../domain/tenant';
import { errorFields, requestIdFrom, withRequestId } from '../log';
import { loggedActivityName, loggedActivityType } from './activity-names';
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
import { keepableServiceUrl } from './inbound-endpoint';
import { namedTenants, turnInfo } from './turn-info';

export interface TeamsBot {
  /** Runs one turn; every log line it writes carries the turn's request id. */
  run(context: TurnContext): Promise<boolean>;
}

/** The invoke response botbuilder answers an invoke with; none set means a 501 from the SDK. */
const INVOKE_RESPONSE = 'invokeResponse';
const invokeAnswered = (context: TurnContext) => context.turnState.get(INVOKE_RESPONSE_KEY) !== undefined;

/** Builds the Teams application: one place that registers every feature's handlers, in order. */
export function createBot(adapter: TeamsAdapter, deps: BotDeps): TeamsBot {
  const app = new Application<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });

  // SPEC: activities from any tenant but the allowed one are refused before any handler runs.
  app.turn('beforeTurn', async (context) => {
    const verdict = tenantVerdict(deps.allowedTenantId, namedTenants(context.activity));
    if (!verdict.accepted) {
      deps.log.warn({ event: 'tenant.refused', reason: verdict.reason }, 'activity from another tenant refused');
      return false;
    }
    // Proactive sends (survey cards, roster look-ups) go through the connector the district's
    // Teams last used; the transport keeps it from every turn it accepts, once checked.
    const serviceUrl = keepableServiceUrl(context, deps.inbound);
    if (serviceUrl) await deps.settings.recordProactiveTarget({ serviceUrl, tenantId: verdict.tenantId });
    else deps.log.warn({ event: 'service_url.refused' }, 'the turn’s connector endpoint is not kept');
    return true;
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

  // The one place unexpected errors end up: log by name and code, answer plainly. It never
  // throws: a failure of its own (the answer cannot be sent) is dropped. A failing handler is
  // caught in `run` below, inside its request; the adapter calls this for the rest.
  const failed = async (context: TurnContext, error: unknown) => {
    try {
      deps.log.error({ event: 'turn.failed', err: errorFields(error) }, 'turn failed');
      const t = (() => {
        try {
          return turnInfo(context, deps.coordinatorIds).t;
        } catch {
          return stringsFor('sv');
        }
      })();
      // A card action's answer is its invoke response; anything else gets a message.
      if (context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action') {
        if (!invokeAnswered(context))
          await context.sendActivity({ type: INVOKE_RESPONSE, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t.errors.unexpected } } });
      } else {
        await context.sendActivity(t.errors.unexpected);
      }
    } catch {
      // nothing left to tell anyone
    }
  };
  app.error(failed);
  return {
    // The activity id ties our lines to the channel's own (a redelivery keeps its id).
    run: (context) =>
      withRequestId(requestIdFrom(context.activity.id) ?? randomUUID(), async () => {
        const started = performance.now();
        let handled = false;
        try {
          handled = await app.run(context);
        } catch (error) {
          await failed(context, error);
        }
        // An invoke nobody answers (a kind the bot does not offer) is accepted with an empty 200,
        // not the SDK's 501: the activity was well formed and nothing failed.
        if (context.activity.type === 'invoke' && !invokeAnswered(context)) {
          await context.sendActivity({ type: INVOKE_RESPONSE, value: { status: 200 } }).catch(() => undefined);
        }
        const { type, name } = context.activity;
        deps.log.info({ event: 'turn.done', activityType: loggedActivityType(type), name: loggedActivityName(name), durationMs: Math.round(performance.now() - started) }, 'turn done');
        return handled;
      }),
  };
}
