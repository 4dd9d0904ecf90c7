import { randomUUID } from 'node:crypto';
import { Activity } from '@microsoft/agents-activity';
import { AgentApplication, INVOKE_RESPONSE_KEY, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import { stringsFor } from '../domain/i18n';
import { tenantVerdict } from '../domain/tenant';
import { errorFields, requestIdFrom, withRequestId } from '../log';
import { loggedActivityName, loggedActivityType } from './activity-names';
import type { TeamsAdapter } from './adapter';
import type { BotDeps } from './bot-deps';
import { CardActions } from './card-actions';
import { failureText } from './failure-text';
import { register as registerActivity } from './handlers/activity';
import { register as registerChannel } from './handlers/channel';
import { register as registerCase } from './handlers/case';
import { register as registerConcern } from './handlers/concern';
import { register as registerDigest } from './handlers/digest';
import { register as registerFollowUp } from './handlers/follow-up';
import { register as registerForum } from './handlers/forum';
import { register as registerHelp } from './handlers/help';
import { register as registerLagesbild } from './handlers/lagesbild';
import { register as registerRoutine } from './handlers/routine';
import { register as registerSurvey } from './handlers/survey';
import { register as registerWelcome } from './handlers/welcome';
import { keepableServiceUrl } from './inbound-endpoint';
import { namedTenants, turnInfo } from './turn-info';

export interface TeamsBot {
  /** Runs one turn; every log line it writes carries the turn's request id. */
  run(context: TurnContext): Promise<boolean>;
}

/** The invoke response the SDK answers an invoke with; none set means a 501 from the SDK. */
const INVOKE_RESPONSE = 'invokeResponse';
const invokeAnswered = (context: TurnContext) => context.turnState.get(INVOKE_RESPONSE_KEY) !== undefined;

/** Builds the Teams application: one place that registers every feature's handlers, in order. */
export function createBot(adapter: TeamsAdapter, deps: BotDeps): TeamsBot {
  const app = new AgentApplication<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
  // The SDK also configures user sign-in handlers from environment variables; this bot signs no one in.
  if (configuresSignIn(app)) throw new Error('the environment configures Agents SDK user authorization, which this bot does not use');

  /**
   * SPEC: activities from any tenant but the allowed one are refused before any handler runs.
   * Run for every turn, not as the SDK's beforeTurn event, which it skips when no route matches.
   */
  const admitted = async (context: TurnContext): Promise<boolean> => {
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
  };

  const cardActions = new CardActions(deps.coordinatorIds, deps.log);
  registerWelcome(app, deps);
  registerConcern(app, deps, cardActions);
  registerCase(app, deps, cardActions);
  registerFollowUp(app, deps, cardActions);
  registerRoutine(app, deps, cardActions);
  registerChannel(app, deps);
  registerSurvey(app, deps, cardActions);
  registerForum(app, deps, cardActions);
  registerDigest(app, deps);
  registerActivity(app, deps, cardActions);
  registerLagesbild(app, deps);
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
          await context.sendActivity(Activity.fromObject({ type: INVOKE_RESPONSE, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: failureText(t, error) } } }));
      } else {
        await context.sendActivity(failureText(t, error));
      }
    } catch {
      // nothing left to tell anyone
    }
  };
  app.onError(failed);
  return {
    // The activity id ties our lines to the channel's own (a redelivery keeps its id).
    run: (context) =>
      withRequestId(requestIdFrom(context.activity.id) ?? randomUUID(), async () => {
        const started = performance.now();
        let handled = false;
        try {
          handled = (await admitted(context)) && (await app.runInternal(context));
        } catch (error) {
          await failed(context, error);
        }
        // An invoke nobody answers (a kind the bot does not offer) is accepted with an empty 200,
        // not the SDK's 501: the activity was well formed and nothing failed.
        if (context.activity.type === 'invoke' && !invokeAnswered(context)) {
          await context.sendActivity(Activity.fromObject({ type: INVOKE_RESPONSE, value: { status: 200 } })).catch(() => undefined);
        }
        const { type, name } = context.activity;
        deps.log.info({ event: 'turn.done', activityType: loggedActivityType(type), name: loggedActivityName(name), durationMs: Math.round(performance.now() - started) }, 'turn done');
        return handled;
      }),
  };
}

/** Whether the SDK found user authorization handlers (it reads them from the environment too). */
function configuresSignIn(app: AgentApplication<TurnState>): boolean {
  try {
    void app.authorization;
    return true;
  } catch {
    return false;
  }
}
