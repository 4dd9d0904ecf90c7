import type { TurnContext } from '@microsoft/agents-hosting';
import { commandsFor, parseCommand, type CommandName } from '../domain/commands';
import type { TeamsApp } from './bot-deps';
import { sendReply } from './card-actions';
import { turnInfo, type TurnInfo } from './turn-info';

/** A route selector for one text command (an Action.Submit carries no text and never matches). */
function command(name: CommandName) {
  return async (context: TurnContext): Promise<boolean> =>
    context.activity.type === 'message' && typeof context.activity.text === 'string' && context.activity.text.trim() !== ''
      ? parseCommand(context.activity.text) === name
      : false;
}

/**
 * Registers the handler of one text command. Who may use it is what domain/commands.ts declares,
 * checked here for every command; anyone else is told so and the handler does not run.
 */
export function onCommand(app: TeamsApp, coordinatorIds: ReadonlySet<string>, name: CommandName, handle: (context: TurnContext, turn: TurnInfo) => Promise<void>): void {
  app.onMessage(command(name), async (context) => {
    const turn = turnInfo(context, coordinatorIds);
    if (!commandsFor(turn.role).includes(name)) return sendReply(context, { text: turn.t.errors.forbidden });
    await handle(context, turn);
  });
}
