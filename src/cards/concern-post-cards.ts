import type { DistrictConfig } from '../config/district';
import { actionsFrom, caseOf, CASE_NOTE_MAX_LENGTH, CASE_OUTCOMES, type CaseRecord, type CaseStep, type CloseProblems } from '../domain/concern/case';
import type { ConcernReport } from '../domain/concern/concern-report';
import type { Strings } from '../domain/i18n';
import { stockholmDate, stockholmTime } from '../domain/stockholm-time';
import { concernLabels } from './choices';
import { describeProblem, reportFacts } from './concern-cards';
import { renderCard, type AdaptiveCardJson } from './render-card';

/** A Teams deep link that opens a 1:1 chat; it takes a user principal name. */
function chatDeepLink(userPrincipalName: string | undefined): string {
  return userPrincipalName ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(userPrincipalName)}` : '';
}

const when = (iso: string) => {
  const instant = new Date(iso);
  return `${stockholmDate(instant)} ${stockholmTime(instant)}`;
};

function stateText(t: Strings, record: CaseRecord): string {
  const state = t.case.states[record.state];
  return record.state === 'closed' && record.outcome ? t.case.stateWithOutcome(state, t.case.outcomes[record.outcome]) : state;
}

function stepText(t: Strings, step: CaseStep): string {
  return t.case.steps[step.action];
}

/** What the close form typed, and what was wrong with it, when a close was refused. */
export interface CloseForm {
  values: { outcome: string; note: string };
  problems: CloseProblems;
}

/**
 * The coordinators' channel post. It stays in Teams for as long as Teams keeps it, out of reach
 * of gallring and the audit log, so it holds no free text, and no unit unless the reporter asked
 * to be contacted: a small unit plus a date can point to a person. The text is behind
 * *Visa rapporten*, shown to the one who asks and audited.
 */
export function concernChannelPostCard(t: Strings, district: DistrictConfig, report: ConcernReport, closeForm?: CloseForm): AdaptiveCardJson {
  const label = concernLabels(t, district);
  const record = caseOf(report);
  const reporter = report.contactMe ? report.reporter : undefined;
  const last = record.history.at(-1);
  const can = Object.fromEntries(actionsFrom(record.state).map((kind) => [kind, true]));
  const problems = {
    outcome: closeForm?.problems.outcome ? (closeForm.problems.outcome.kind === 'required' ? t.case.outcomeRequired : t.problems.invalid_choice) : '',
    note: closeForm?.problems.note ? describeProblem(t, closeForm.problems.note) : '',
  };
  const firstProblem = problems.outcome || problems.note;
  return renderCard('concern-channel-post', {
    t: t.channelPost,
    c: t.case,
    title: t.channelPost.title(report.reference),
    reference: report.reference,
    newAnswer: report.unseenFollowUp ? t.case.newAnswer : '',
    facts: [
      { title: t.fields.eventDate, value: report.eventDate },
      { title: t.fields.eventTypes, value: report.eventTypes.map(label.eventType).join(', ') },
      { title: t.fields.environment, value: label.environment(report.environment) },
      { title: t.fields.placeType, value: label.placeType(report.placeType) },
      { title: t.fields.area, value: label.area(report.area) },
      ...(report.contactMe ? [{ title: t.fields.unit, value: label.unit(report.unit) }] : []),
      { title: t.channelPost.submittedAt, value: when(report.submittedAt) },
      { title: t.case.state, value: stateText(t, record) },
    ],
    reporterLine: reporter ? reporter.name : t.channelPost.anonymous,
    contactUrl: chatDeepLink(reporter?.userPrincipalName),
    lastStep: last ? t.case.lastStep(stepText(t, last), last.byName, when(last.at)) : '',
    can: { acknowledge: false, assess: false, close: false, reopen: false, ...can },
    // A question reaches the reporter while the case is open (their way back goes 30 days after close).
    canAsk: record.state !== 'closed',
    askButton: t.followUp.ask.button,
    outcomes: CASE_OUTCOMES.map((value) => ({ title: t.case.outcomes[value], value })),
    values: closeForm?.values ?? { outcome: '', note: '' },
    problems,
    problem: firstProblem ? t.case.refusals.close(firstProblem) : '',
    noteMaxLength: CASE_NOTE_MAX_LENGTH,
  });
}

/**
 * *Visa rapporten*: the whole report for the coordinator who asked, as the answer to their press
 * (never posted): every fact, the text, the case's history and note, and the follow-up.
 */
export function concernReportCard(t: Strings, district: DistrictConfig, report: ConcernReport): AdaptiveCardJson {
  const record = caseOf(report);
  const reporter = report.contactMe ? report.reporter : undefined;
  return renderCard('concern-report', {
    c: t.case,
    title: t.case.viewTitle(report.reference),
    reference: report.reference,
    facts: [
      ...reportFacts(t, district, report),
      { title: t.channelPost.submittedAt, value: when(report.submittedAt) },
      { title: t.case.state, value: stateText(t, record) },
    ],
    reporterTitle: t.channelPost.reporter,
    reporterLine: reporter ? reporter.name : t.channelPost.anonymous,
    descriptionTitle: t.fields.description,
    description: report.description,
    closeNote: record.state === 'closed' ? (record.note ?? '') : '',
    history: record.history.map((step) => ({ line: t.case.historyStep(stepText(t, step), step.byName, when(step.at)) })),
    followUps: (report.followUps ?? []).map((entry) => ({
      heading: `${t.case.followUpKinds[entry.kind]}, ${when(entry.at)}${entry.byName ? ` (${entry.byName})` : ''}`,
      text: entry.text ?? '',
    })),
  });
}

/** What is left of a post once gallring has deleted its report: the reference and the date. */
export function concernDeletedCard(t: Strings, reference: string, deletedOn: string): AdaptiveCardJson {
  return renderCard('concern-deleted', { title: t.case.deletedTitle(reference), text: t.case.deleted(deletedOn) });
}
