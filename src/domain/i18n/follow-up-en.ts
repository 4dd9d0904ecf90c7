import type { Widen } from './sv';
import type { followUpSv } from './follow-up-sv';

/** English strings of the anonymous follow-up; the same keys as follow-up-sv.ts. */
export const followUpEn: Widen<typeof followUpSv> = {
  noIdentifyingData: 'Do not write names, personal identity numbers, addresses, phone numbers or anything else that could identify a person.',
  ask: {
    button: 'Ask the reporter',
    title: (reference: string) => `Ask the reporter about ${reference}`,
    intro:
      'The question goes to the reporter’s chat with VBE-stöd. You do not learn who the reporter is: VBE-stöd knows, so that the question can reach them, but the answer comes to the report without a name.',
    question: 'Your question',
    questionRequired: 'Write the question.',
    send: 'Send the question',
    sentTitle: (reference: string) => `The question about ${reference} has been sent`,
    sent: 'The reporter gets the question in their chat with VBE-stöd. When the answer comes, the report shows "New answer".',
    unreachable:
      'The reporter cannot be reached through VBE-stöd for this report: it was sent before the follow-up existed, the case was closed more than 30 days ago, or the report has been deleted.',
    notFound: 'The report does not exist (any more).',
    rateLimited: (time: string) => `You have asked 5 questions about this report in the last hour. Try again after ${time} – your question is kept.`,
  },
  question: {
    title: (reference: string) => `The coordinator has a question about your report ${reference}`,
    intro: 'Your answer goes to the coordinator without your name. The coordinator does not know who you are, unless you asked to be contacted.',
    answer: 'Your answer',
    answerRequired: 'Write an answer, or press "I would rather not answer".',
    send: 'Send answer',
    decline: 'I would rather not answer',
    thanksTitle: 'Thank you for your answer',
    thanks: (reference: string) => `Your answer has been sent to the coordinator and kept with report ${reference}.`,
    declinedTitle: 'You are not answering the question',
    declined: 'The coordinator learns that you would rather not answer, nothing more.',
    alreadyAnswered: 'This question has already been answered.',
    gone: 'This question can no longer be answered.',
  },
  add: {
    button: 'Add information',
    title: (reference: string) => `Add information to report ${reference}`,
    intro: 'What you write is added to the report and reaches the coordinator without your name.',
    addition: 'What you want to add',
    additionRequired: 'Write what you want to add.',
    send: 'Send',
    thanksTitle: 'Thank you',
    thanks: (reference: string) => `The information has been added to report ${reference} and the coordinator can see it.`,
    more: 'Add more',
    gone: 'Information can no longer be added to this report.',
  },
  rateLimited: (time: string) => `You have sent 10 answers or additions in the last hour. Try again after ${time} – what you wrote is kept.`,
  storeUnavailable: 'This could not be saved right now. Try again in a while – what you wrote is kept.',
  status: {
    answer: (reference: string, state: string) => `Report ${reference}: ${state}.`,
    unknown: (reference: string) => `I find no report from you with the reference ${reference}. You can only ask about your own reports.`,
    usage: 'Write "status" followed by the reference of your report, e.g. "status VBE-2026-0012".',
    personalChatOnly: 'Write "status" and the reference in your personal chat with VBE-stöd, so that nobody else sees the answer.',
    states: {
      new: 'New – the coordinator has not received it yet',
      received: 'Received by the coordinator',
      assessing: 'Being assessed',
      closed: 'Closed',
    },
  },
};
