import { z } from 'zod';
import { concernChannelPostCard, concernReportCard } from '../../../cards/concern-post-cards';
import { caseOf, closeActionOf, type CaseActionKind } from '../../../domain/concern/case';
import { formText } from '../../../domain/form-values';
import { stringsFor } from '../../../domain/i18n';
import type { CaseChangeResult } from '../../../services/case-service';
import type { BotDeps, TeamsApp } from '../../bot-deps';
import type { CardActions, CardReply } from '../../card-actions';
import type { TurnInfo } from '../../turn-info';

const referenceData = z.object({ reference: formText });

/**
 * The case buttons of a report's channel post, and *Visa rapporten*. Coordinators only; a step
 * that does not follow the state as stored (forged, out of order, replayed) changes nothing.
 */
export function register(_app: TeamsApp, deps: BotDeps, cardActions: CardActions): void {
  const postStrings = stringsFor(deps.district.language);
  const coordinator = (turn: TurnInfo) => ({ aadObjectId: turn.userAadObjectId, name: turn.userName });

  const reply = (turn: TurnInfo, reference: string, result: CaseChangeResult): CardReply => {
    switch (result.kind) {
      case 'changed':
        // The button is on the channel post: every coordinator sees the new state, in the district's
        // language like every channel post (the outbox redraws it the same way).
        return { card: concernChannelPostCard(postStrings, deps.district, result.report), forEveryone: true };
      case 'not_allowed':
        return { text: turn.t.case.refusals.not_allowed(reference, turn.t.case.states[caseOf(result.report).state]) };
      case 'not_found':
        return { text: turn.t.case.refusals.not_found };
      case 'store_unavailable':
        return { text: turn.t.errors.try_again_shortly };
    }
  };

  const logStep = (verb: string, reference: string, result: CaseChangeResult) =>
    // The reference is logged only once it named a stored report: card data is user input.
    deps.log.info({ event: 'case.step', verb, outcome: result.kind, reference: result.kind === 'changed' ? reference : undefined }, 'case step');

  const step = (verb: string, kind: Exclude<CaseActionKind, 'close'>) =>
    cardActions.add({
      verb,
      roles: ['coordinator'],
      data: referenceData,
      async handle({ turn, data: { reference } }) {
        const result = await deps.cases.changeCase(reference, { kind }, coordinator(turn));
        logStep(verb, reference, result);
        return reply(turn, reference, result);
      },
    });
  // Posts from before case handling, still in Teams' history, have "Markera som hanterad": it acknowledges.
  step('concern.handle', 'acknowledge');
  step('concern.acknowledge', 'acknowledge');
  step('concern.assess', 'assess');
  step('concern.reopen', 'reopen');

  cardActions.add({
    verb: 'concern.close',
    roles: ['coordinator'],
    data: referenceData.extend({ outcome: formText, note: formText }),
    async handle({ turn, data: { reference, outcome, note } }) {
      const checked = closeActionOf({ outcome, note });
      if (!checked.ok) {
        deps.log.info({ event: 'case.step', verb: 'concern.close', outcome: 'rejected', fields: Object.keys(checked.problems) }, 'case step');
        const report = await deps.cases.current(reference);
        if (!report) return { text: turn.t.case.refusals.not_found };
        // Back to the one who pressed, with what they typed and what is wrong; nothing was written.
        return { card: concernChannelPostCard(turn.t, deps.district, report, { values: { outcome, note }, problems: checked.problems }) };
      }
      const result = await deps.cases.changeCase(reference, checked.action, coordinator(turn));
      logStep('concern.close', reference, result);
      return reply(turn, reference, result);
    },
  });

  cardActions.add({
    verb: 'concern.view',
    roles: ['coordinator'],
    data: referenceData,
    async handle({ turn, data: { reference }, via }) {
      // An Action.Submit answer is a new message in the channel: the text would be left in Teams.
      if (via === 'submit') return { text: turn.t.case.refusals.view_needs_update };
      const result = await deps.cases.view(reference, coordinator(turn));
      deps.log.info({ event: 'report.view', outcome: result.kind, reference: result.kind === 'shown' ? reference : undefined }, 'report viewed');
      switch (result.kind) {
        case 'shown':
          // The answer to the press, for the presser alone: never posted, never forEveryone.
          return { card: concernReportCard(turn.t, deps.district, result.report) };
        case 'not_found':
          return { text: turn.t.case.refusals.not_found };
        case 'store_unavailable':
          return { text: turn.t.errors.try_again_shortly };
      }
    },
  });

  cardActions.add({
    verb: 'concern.back',
    roles: ['coordinator'],
    data: referenceData,
    async handle({ turn, data: { reference } }) {
      const report = await deps.cases.current(reference);
      // Back to the post as everyone sees it: in the district's language.
      return report ? { card: concernChannelPostCard(postStrings, deps.district, report) } : { text: turn.t.case.refusals.not_found };
    },
  });
}
