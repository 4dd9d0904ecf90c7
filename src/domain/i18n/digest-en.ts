import type { digestSv } from './digest-sv';

export const digestEn: typeof digestSv = {
  title: (month: string) => `Monthly digest ${month}`,
  reportsIn: (month: string) => `Reports in ${month}`,
  against: (month: string) => `Against ${month}`,
  openFollowUps: 'Open follow-ups',
  openFollowUpsNote: 'Reports not yet marked as handled, from any month.',
  chartTitle: 'Reports by event type',
  count: 'Count',
  dimensions: {
    eventType: 'Event type',
    environment: 'Environment',
    area: 'Area',
    unit: 'Unit',
  },
  severalEventTypes: 'A report can have several event types and then counts under each of them.',
  noReports: 'No reports.',
  survey: (title: string) => `Survey: ${title}`,
  noSurvey: 'No survey round was open during the month.',
  forums: 'Collaboration forums',
  forum: 'Forum',
  meetings: 'Meetings',
  nudged: 'Nudged',
  confirmed: 'Added',
  discussed: 'Discussed',
  total: 'Total',
  noForums: 'No collaboration forums are registered.',
  flagged: (months: number, count: number) => `No VBE on the agenda for ${months} months: ${count} ${count === 1 ? 'forum' : 'forums'}`,
  noneFlagged: (months: number) => `Every forum has had VBE on the agenda in the last ${months} months.`,
  lastVbeItem: (date: string) => `Last ${date}`,
  neverVbeItem: 'Never',
  rowsCapped: (shown: number, left: number) => `Shows the ${shown} with the most reports – ${left} more do not fit in the card.`,
  surveyCapped: (shown: number, left: number) =>
    `Shows the ${shown} units with the lowest answer rate – ${left} more do not fit in the card. The full table: "survey admin".`,
  forumTableCapped: (shown: number, left: number) =>
    `The table shows only ${shown} flagged forums – ${left} more forums do not fit in the card. The totals cover every forum.`,
};
