import type { Strings } from '../domain/i18n';

/**
 * What the card, the link and the CLI need of the lägesbild without the document itself: the
 * writer (docx, resvg) is loaded only when a document is drawn up (./document.ts), so an idle bot
 * does not hold it.
 */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function lagesbildFilename(year: number): string {
  return `lagesbild-${year}.docx`;
}

/** A change against the previous period: "+3", "−2", "0", or "–" where it cannot be shown. */
export function changeText(t: Strings, change: number | null): string {
  if (change === null) return t.lagesbild.none;
  return change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '0';
}

/** The document writer, loaded on first use. */
export async function lagesbildWriter(): Promise<typeof import('./document')> {
  return import('./document');
}
