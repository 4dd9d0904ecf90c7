import { parseCommandLine } from '../../../domain/commands';
import { isMonth, lastMonthOf } from '../../../domain/digest/months';
import { stockholmDate } from '../../../domain/stockholm-time';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { sendReply } from '../../card-actions';
import { onCommand } from '../../commands';

/** `sammanfattning [ÅÅÅÅ-MM]`: a coordinator asks for a month's digest in the coordinators' channel. */
export function register(app: TeamsApp, deps: BotDeps): void {
  onCommand(app, deps.coordinatorIds, 'digest', async (context, turn) => {
    const today = stockholmDate(deps.clock());
    const month = parseCommandLine(context.activity.text).argument ?? lastMonthOf(today);
    if (!isMonth(month) || month > today.slice(0, 7)) return sendReply(context, { text: turn.t.channel.digestBadMonth });
    if (!(await deps.settings.coordinatorChannel())) return sendReply(context, { text: turn.t.channel.digestNoChannel });
    await deps.digests.postOnDemand(month);
    deps.log.info({ event: 'digest.on_demand', month }, 'digest asked for');
    await sendReply(context, { text: turn.t.channel.digestQueued(month) });
  });
}
