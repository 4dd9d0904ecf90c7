import type { caseDeadlinesSv } from './case-deadlines-sv';

export const caseDeadlinesEn: typeof caseDeadlinesSv = {
  reminder: {
    acknowledgeTitle: (reference: string) => `Reminder: ${reference} has not been received`,
    closeTitle: (reference: string) => `Reminder: ${reference} is nearing its close target`,
    reference: 'Report',
    state: 'State',
    age: 'Age',
    ageDays: (days: number) => (days === 1 ? '1 day' : `${days} days`),
    acknowledgeOverdue: (date: string, workingDays: number) =>
      `The report should have been marked as received by ${date} (${workingDays === 1 ? '1 working day' : `${workingDays} working days`} after the day it came in).`,
    closeDue: (date: string, days: number, daysLeft: number) =>
      `The case is to be closed within ${days} days, by ${date}: ${
        daysLeft > 0 ? (daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`) : daysLeft === 0 ? 'today' : daysLeft === -1 ? 'yesterday' : `${-daysLeft} days ago`
      }.`,
    whatToDo: "Deal with it from the report's post in this channel. This reminder comes once.",
  },
};
