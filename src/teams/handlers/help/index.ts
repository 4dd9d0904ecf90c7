import { helpCard } from '../../../cards/general-cards';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { cardActivity } from '../../card-attachment';
import { parseCommandLine } from '../../../domain/commands';
import { turnInfo } from '../../turn-info';

/** `hjälp`/`help` and any text no other command took: registered last, it catches the rest. */
export function register(app: TeamsApp, deps: BotDeps): void {
  app.onMessage(
    async (context) => typeof context.activity.text === 'string' && context.activity.text.trim() !== '',
    async (context) => {
      const turn = turnInfo(context, deps.coordinatorIds);
      const { unknown } = parseCommandLine(context.activity.text);
      await context.sendActivity(cardActivity(helpCard(turn.t, turn.role, { unknownText: unknown === true })));
    },
  );
}
