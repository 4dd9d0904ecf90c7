import { welcomeCard } from '../../../cards/general-cards';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { cardActivity } from '../../card-attachment';
import { turnInfo } from '../../turn-info';

/** Installing the app in personal scope greets the user with the form and routine buttons. */
export function register(app: TeamsApp, deps: BotDeps): void {
  app.onConversationUpdate('membersAdded', async (context) => {
    const activity = context.activity;
    const botAdded = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient?.id);
    const turn = turnInfo(context, deps.coordinatorIds);
    if (!botAdded || turn.conversationType !== 'personal') return;
    await context.sendActivity(cardActivity(welcomeCard(turn.t)));
  });
}
