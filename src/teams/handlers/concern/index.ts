import type { TurnContext } from '@microsoft/agents-hosting';
import { TeamsInfo } from '@microsoft/agents-hosting-extensions-teams';
import { connectorFailureOf } from '../../connector-failure';
import { concernFormCard, concernReceiptCard } from '../../../cards/concern-cards';
import { concernFormSchema } from '../../../domain/concern/concern-form';
import { stockholmTime } from '../../../domain/stockholm-time';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { noData, sendReply, type CardActions, type CardReply } from '../../card-actions';
import { onCommand } from '../../commands';
import type { TurnInfo } from '../../turn-info';

/** The user principal name for the coordinator's "contact" link; only asked for with consent. */
async function userPrincipalName(context: TurnContext, deps: BotDeps): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from?.id ?? '');
    return member.userPrincipalName ?? member.email ?? undefined;
  } catch (error) {
    deps.log.warn({ event: 'concern.member_lookup_failed', status: connectorFailureOf(error).status }, 'member lookup failed');
    return undefined;
  }
}

export function register(app: TeamsApp, deps: BotDeps, cardActions: CardActions): void {
  const openForm = (turn: TurnInfo): CardReply =>
    // In a channel or group chat everyone would see the form and, after sending, the receipt.
    turn.conversationType === 'personal'
      ? { card: concernFormCard({ t: turn.t, district: deps.district, today: deps.concerns.today() }) }
      : { text: turn.t.errors.personal_chat_only };

  onCommand(app, deps.coordinatorIds, 'report', async (context, turn) => {
    await sendReply(context, openForm(turn));
  });

  cardActions.add({ verb: 'concern.open', roles: ['staff', 'coordinator'], data: noData, handle: async ({ turn }) => openForm(turn) });

  cardActions.add({
    verb: 'concern.submit',
    roles: ['staff', 'coordinator'],
    data: concernFormSchema,
    async handle({ context, turn, data: values }) {
      if (turn.conversationType !== 'personal') return { text: turn.t.errors.personal_chat_only };
      const form = (extra: Parameters<typeof concernFormCard>[0]) => ({ card: concernFormCard(extra) });
      const base = { t: turn.t, district: deps.district, today: deps.concerns.today(), values };
      const reporter = { aadObjectId: turn.userAadObjectId || (context.activity.from?.id ?? ''), name: turn.userName };
      // Asked of Teams only for a report that passed every check and whose reporter consented.
      // The way back to this chat, kept sealed apart from the report for the follow-up (issue 13).
      const reach = { conversationId: context.activity.conversation?.id ?? '', tenantId: turn.tenantId, language: turn.language };
      const result = await deps.concerns.submit(values, reporter, () => userPrincipalName(context, deps), reach.conversationId ? reach : undefined);
      deps.log.info({ event: 'concern.submit', outcome: result.kind, reachKept: result.kind === 'accepted' ? result.reachKept : undefined }, 'concern form submitted');
      switch (result.kind) {
        case 'accepted':
          return { card: concernReceiptCard(turn.t, deps.district, result.report) };
        case 'rejected':
          return form({ ...base, problems: result.problems });
        case 'rate_limited':
          return form({ ...base, formError: turn.t.errors.rate_limited(stockholmTime(result.retryAt)) });
        case 'store_unavailable':
          return form({ ...base, formError: turn.t.errors.store_unavailable });
      }
    },
  });
}
