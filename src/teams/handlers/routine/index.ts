import type { Application, TurnState } from '@microsoft/teams-ai';
import { routineCard } from '../../../cards/general-cards';
import type { BotDeps } from '../../bot-deps';
import { cardActivity } from '../../card-attachment';
import { command } from '../../commands';
import { turnInfo } from '../../turn-info';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  app.message(command('routine'), async (context) => {
    const turn = turnInfo(context, deps.coordinatorIds);
    await context.sendActivity(cardActivity(routineCard(turn.t, deps.district)));
  });
}
