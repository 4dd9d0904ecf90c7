import type { digestSv } from './digest-sv';

export const digestEn: typeof digestSv = {
  title: (month: string) => `Monthly digest ${month}`,
  reportsIn: (month: string) => `Reports in ${month}`,
  against: (month: string) => `Against ${month}`,
  changeFrom: (change: string, then: number) => `${change} (then ${then})`,
  notComparable: 'No data from then',
  openFollowUps: 'Open follow-ups',
  openFollowUpsNote: 'Reports not yet marked as handled, from any month.',
  chartTitle: 'Reports by event type',
  count: 'Count',
  change: 'Change',
  changeLegend: (month: string, lastYear: string) => `Change: against ${month}, in brackets against ${lastYear}.`,
  dimensions: {
    eventType: 'Event type',
    environment: 'Environment',
    area: 'Area',
    unit: 'Unit',
  },
  severalEventTypes: 'A report can have several event types and then counts under each of them.',
  noReports: 'No reports.',
  noReportsOf: (labels: string) => `No reports of: ${labels}.`,
  noReportsIn: (month: string) => `No reports in ${month}.`,
  noReportsAtAll: (month: string, previous: string, lastYear: string) => `No reports in ${month}, ${previous} or ${lastYear}.`,
  survey: (title: string) => `Survey: ${title}`,
  noSurvey: 'No survey round was open during the month.',
  forums: 'Collaboration forums',
  forum: 'Forum',
  meetings: 'Held',
  nudged: 'Nudged',
  confirmed: 'Added',
  discussed: 'Raised',
  forumLegend: 'During the month. Held: meetings. Nudged: the chair got the card. Added: VBE was put on the agenda. Raised: VBE was discussed, as the follow-up says.',
  noMeetings: (month: string, names: string) => `No meetings in ${month}: ${names}.`,
  total: 'Total',
  noForums: 'No collaboration forums are registered.',
  flagged: (months: number, count: number) => `No VBE on the agenda for ${months} months: ${count} ${count === 1 ? 'forum' : 'forums'}`,
  covered: (covered: number, total: number, since: string) =>
    covered === total
      ? `All ${total} ${total === 1 ? 'forum has' : 'forums have'} had VBE on the agenda since ${since}.`
      : `${covered} of ${total} forums have had VBE on the agenda since ${since}.`,
  tooNew: (months: number, names: string) => `Registered less than ${months} months ago and not flagged yet: ${names}.`,
  lastVbeItem: (date: string) => `Last ${date}`,
  neverVbeItem: 'Never',
  rowsCapped: (shown: number, left: number) => `Shows the ${shown} with the most reports – ${left} more do not fit in the card.`,
  surveyCapped: (shown: number, left: number) =>
    `Shows the ${shown} units with the lowest answer rate – ${left} more do not fit in the card. The full table: "survey admin".`,
  forumTableCapped: (shown: number, left: number) =>
    `The table shows only ${shown} flagged forums – ${left} more forums do not fit in the card. The totals cover every forum.`,
};
