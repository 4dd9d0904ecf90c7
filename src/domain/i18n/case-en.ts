import type { caseSv } from './case-sv';

/** A report's case in English (see case-sv.ts). */
export const caseEn: typeof caseSv = {
  states: { new: 'New', received: 'Received', assessing: 'Being assessed', closed: 'Closed' },
  outcomes: {
    no_action: 'No action needed',
    social_services_report: 'Report of concern to social services',
    police_information: 'Information to the police',
    samverkan_referral: 'Referral to SIG or other cooperation',
    unit_support: 'Information and support to the unit',
    other: 'Other',
  },
  buttons: { assess: 'Start assessment', close: 'Close', reopen: 'Reopen' },
  steps: { acknowledge: 'Received', assess: 'Assessment started', close: 'Closed', reopen: 'Reopened' },
  state: 'State',
  stateWithOutcome: (state: string, outcome: string) => `${state} – ${outcome}`,
  lastStep: (step: string, name: string, when: string) => `${step} by ${name} ${when}.`,
  newAnswer: 'New answer from the reporter. Press Show the report to read it.',
  noText: "The report's text is not shown here in the channel. Press Show the report: it is then shown to you alone, and the view is logged.",
  view: 'Show the report',
  back: 'Back',
  viewTitle: (reference: string) => `Report ${reference}`,
  viewNote: 'Only you see this. That you opened the report is logged. Press Back when you have read it.',
  history: 'Case history',
  noHistory: 'No steps yet.',
  historyStep: (step: string, name: string, when: string) => `${when}: ${step} (${name})`,
  outcome: 'What was done?',
  outcomeRequired: 'Choose what was done.',
  note: 'Short note (optional)',
  notePlaceholder: 'Do not write names or other details that could identify anyone',
  closeSend: 'Close the case',
  closeNote: 'Note at close',
  followUps: 'Questions and answers',
  followUpKinds: {
    question: 'Question from the coordinator',
    answer: 'Answer from the reporter',
    declined: 'The reporter preferred not to answer',
    addition: 'Added by the reporter',
  },
  refusals: {
    view_needs_update:
      'The report is not shown here: your version of Teams would show it to everyone in the channel. Update Teams, or open the channel in Teams on the web, and press Show the report again.',
    not_found: 'The report does not exist, or has been deleted under the retention rules. Nothing was changed.',
    not_allowed: (reference: string, state: string) =>
      `Nothing was changed: report ${reference} is ${state} now, so that step cannot be taken. Someone may have been first.`,
    close: (problem: string) => `The case was not closed. ${problem} What you typed is still under Close.`,
  },
  deletedTitle: (reference: string) => `Report ${reference}`,
  deleted: (date: string) => `Deleted under the retention rules on ${date}. The report no longer exists.`,
};
