import { connectorFailureOf } from './connector-failure';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { TeamsApp } from './bot-deps';
import type { AdaptiveCardJson } from '../cards/render-card';
import type { Role } from '../domain/roles';
import { errorFields } from '../log';
import { cardActivity } from './card-attachment';
import { failureText } from './failure-text';
import { turnInfo, type TurnInfo } from './turn-info';

/**
 * What a card action answers: a card that replaces the one clicked (for everyone in the
 * conversation with `forEveryone`, otherwise for the person who clicked), or a short message.
 */
export type CardReply = { card: AdaptiveCardJson; forEveryone?: boolean } | { text: string };

export interface CardActionHandler<T> {
  verb: string;
  /** Who may use the verb; checked here, on the server, for every action (card data is user input). */
  roles: readonly Role[];
  /**
   * The shape of the verb's data. Parsed here; a payload that does not fit is refused before the
   * handler runs. Empty or missing inputs must still fit, so a form comes back with its problems.
   */
  data: z.ZodType<T, z.ZodTypeDef, unknown>;
  /**
   * `via`: how the action came. An Action.Submit's answer is a new message that everyone in the
   * conversation sees; an Action.Execute's can be for the presser alone.
   */
  handle(input: { context: TurnContext; turn: TurnInfo; data: T; via: 'execute' | 'submit' }): Promise<CardReply>;
}

/** The data of a verb whose card sends nothing the handler reads. */
export const noData = z.object({});

/** Sends a reply as a new message (text commands and the Action.Submit fallback). */
export async function sendReply(context: TurnContext, reply: CardReply): Promise<void> {
  await context.sendActivity('card' in reply ? cardActivity(reply.card) : reply.text);
}

/** Largest card payload accepted; Teams' own limit for a message is 100 KB. Its depth is bounded at the door (activity-shape.ts). */
const MAX_ACTION_DATA_BYTES = 64 * 1024;

function plainObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * One door for every card action, whether it arrives as Action.Execute (an invoke) or as the
 * Action.Submit fallback (a message with a value). Unknown verbs, missing roles and oversized
 * payloads are refused here with a clear message; nothing reaches a handler unchecked.
 */
export class CardActions {
  private readonly handlers = new Map<string, CardActionHandler<unknown>>();

  constructor(
    private readonly coordinatorIds: ReadonlySet<string>,
    private readonly log: Logger,
  ) {}

  add<T>(handler: CardActionHandler<T>): void {
    if (this.handlers.has(handler.verb)) throw new Error(`verb registered twice: ${handler.verb}`);
    this.handlers.set(handler.verb, handler as CardActionHandler<unknown>);
  }

  private async answer(context: TurnContext, verb: unknown, rawData: unknown, via: 'execute' | 'submit'): Promise<CardReply> {
    const turn = turnInfo(context, this.coordinatorIds);
    const handler = typeof verb === 'string' ? this.handlers.get(verb) : undefined;
    if (!handler) {
      this.log.info({ event: 'card_action.unknown_verb' }, 'unknown card action refused');
      return { text: turn.t.errors.unknown_action };
    }
    if (!handler.roles.includes(turn.role)) {
      this.log.warn({ event: 'card_action.forbidden', verb: handler.verb }, 'card action refused for role');
      return { text: turn.t.errors.forbidden };
    }
    const payload = plainObject(rawData);
    if (Buffer.byteLength(JSON.stringify(payload), 'utf8') > MAX_ACTION_DATA_BYTES) {
      this.log.warn({ event: 'card_action.oversized', verb: handler.verb }, 'oversized card action refused');
      return { text: turn.t.errors.validation };
    }
    const parsed = handler.data.safeParse(payload);
    if (!parsed.success) {
      // Only the schema's own field names, never the client's values or keys.
      const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))];
      this.log.warn({ event: 'card_action.invalid', verb: handler.verb, fields }, 'card action of the wrong shape refused');
      return { text: turn.t.errors.validation };
    }
    try {
      const reply = await handler.handle({ context, turn, data: parsed.data, via });
      // The verb is ours (a registered handler's), never the client's string.
      this.log.info({ event: 'card_action.done', verb: handler.verb, reply: 'card' in reply ? 'card' : 'text' }, 'card action answered');
      return reply;
    } catch (error) {
      this.log.error({ event: 'card_action.failed', verb: handler.verb, err: errorFields(error) }, 'card action failed');
      return { text: failureText(turn.t, error) };
    }
  }

  /** Installs the two routes; call after every feature has added its verbs. */
  install(app: TeamsApp): void {
    app.adaptiveCards.actionExecute(/.*/, async (context) => {
      // The SDK hands over the whole action; its data is what the card sent.
      const action = plainObject(plainObject(context.activity.value).action);
      const reply = await this.answer(context, action.verb, action.data, 'execute');
      if ('card' in reply && reply.forEveryone && context.activity.replyToId) {
        const update = cardActivity(reply.card);
        update.id = context.activity.replyToId;
        // The stored change is done; a failed redraw for everyone must not turn the answer into an
        // error. Changes that matter are also redrawn by the channel post outbox (postUpdate).
        await context.updateActivity(update).catch((error: unknown) =>
          this.log.warn({ event: 'card_action.update_failed', status: connectorFailureOf(error).status }, 'update for everyone failed'),
        );
      }
      return 'card' in reply ? reply.card : reply.text;
    });
    // Action.Submit (clients without Universal Actions): a message with a value and no text.
    app.onMessage(
      async (context) => {
        const activity = context.activity;
        return !activity.text && typeof activity.value === 'object' && activity.value !== null;
      },
      async (context) => {
        const value = plainObject(context.activity.value);
        await sendReply(context, await this.answer(context, value.verb, value, 'submit'));
      },
    );
  }
}
