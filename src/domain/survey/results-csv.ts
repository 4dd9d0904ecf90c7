/**
 * CSV export of survey results (SPEC §2: "CSV export of aggregates, never of raw answers").
 * Only counts leave: one row per (question, value, view), plus the number of answers per view.
 * Comments are free text written by one person and never go into a file that travels by e-mail.
 * RFC 4180: CRLF line ends, fields with `"`, `,`, CR or LF quoted, quotes doubled.
 */
import type { ResultsView, SurveyResults } from './results';

export const CSV_HEADER = ['question', 'value', 'unit', 'count'] as const;
export const TOTAL_LABEL = 'total';

/**
 * One field. A leading `=`, `+`, `-`, `@`, tab or CR makes spreadsheets read a formula; such a
 * field gets a `'` in front (none of our own values starts so, a unit name from config might).
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rows(results: ResultsView): Array<Array<string | number>> {
  const unit = results.unitId ?? TOTAL_LABEL;
  return [
    ['answers', '', unit, results.answerCount],
    ...results.questions.flatMap((question) =>
      question.counts.map(({ value, count }) => [question.questionId, value, unit, count]),
    ),
  ];
}

export function resultsToCsv(results: SurveyResults): string {
  const views = [...(results.total ? [results.total] : []), ...results.units];
  const lines = [[...CSV_HEADER], ...views.flatMap(rows)].map((row) => row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
