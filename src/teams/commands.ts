import type { TurnContext } from '@microsoft/agents-hosting';
import { parseCommand, type CommandName } from '../domain/commands';

/** A route selector for one text command (an Action.Submit carries no text and never matches). */
export function command(name: CommandName) {
  return async (context: TurnContext): Promise<boolean> =>
    context.activity.type === 'message' && typeof context.activity.text === 'string' && context.activity.text.trim() !== ''
      ? parseCommand(context.activity.text) === name
      : false;
}
