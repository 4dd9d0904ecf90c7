import { lagesbildCard } from '../../../cards/lagesbild-card';
import { parseCommandLine } from '../../../domain/commands';
import { stockholmYear } from '../../../domain/stockholm-time';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import { sendReply } from '../../card-actions';
import { onCommand } from '../../commands';

const YEAR = /^\d{4}$/;

/**
 * `lägesbild [ÅÅÅÅ]` / `situation report [YYYY]`: a coordinator gets the key figures and a
 * single-use download link. In the 1:1 chat only: a link in a channel would reach everyone in it.
 */
export function register(app: TeamsApp, deps: BotDeps): void {
  onCommand(app, deps.coordinatorIds, 'lagesbild', async (context, turn) => {
    const l = turn.t.lagesbild;
    if (turn.conversationType !== 'personal') return sendReply(context, { text: l.command.personalOnly });
    const thisYear = stockholmYear(deps.clock());
    const argument = parseCommandLine(context.activity.text).argument;
    const year = argument === undefined ? thisYear : YEAR.test(argument) ? Number(argument) : Number.NaN;
    if (!Number.isInteger(year) || year < 2000 || year > thisYear) return sendReply(context, { text: l.command.badYear });
    const issue = await deps.lagesbild.issue({ year, language: turn.language }, { aadObjectId: turn.userAadObjectId, name: turn.userName });
    deps.log.info({ event: 'lagesbild.link_issued', year }, 'lägesbild link issued');
    await sendReply(context, { card: lagesbildCard(turn.t, deps.district, issue) });
  });
}
