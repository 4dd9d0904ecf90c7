import { routineCard } from '../../../cards/general-cards';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { sendReply, type CardActions } from '../../card-actions';
import { command } from '../../commands';
import { turnInfo } from '../../turn-info';

export function register(app: TeamsApp, deps: BotDeps, cardActions: CardActions): void {
  app.onMessage(command('routine'), async (context) => {
    const turn = turnInfo(context, deps.coordinatorIds);
    await sendReply(context, { card: routineCard(turn.t, deps.district) });
  });
  cardActions.add({
    verb: 'routine.open',
    roles: ['staff', 'coordinator'],
    handle: async ({ turn }) => ({ card: routineCard(turn.t, deps.district) }),
  });
}
