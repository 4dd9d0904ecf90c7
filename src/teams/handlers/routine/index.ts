import { routineCard } from '../../../cards/general-cards';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { noData, sendReply, type CardActions } from '../../card-actions';
import { onCommand } from '../../commands';

export function register(app: TeamsApp, deps: BotDeps, cardActions: CardActions): void {
  onCommand(app, deps.coordinatorIds, 'routine', async (context, turn) => {
    await sendReply(context, { card: routineCard(turn.t, deps.district) });
  });
  cardActions.add({
    verb: 'routine.open',
    roles: ['staff', 'coordinator'],
    data: noData,
    handle: async ({ turn }) => ({ card: routineCard(turn.t, deps.district) }),
  });
}
