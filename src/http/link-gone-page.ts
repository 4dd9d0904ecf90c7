import { stringsFor } from '../domain/i18n';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[char]};`);

/**
 * The page for a download link that is used, expired or unknown: the same page for all three (a
 * guesser learns nothing), in Swedish and English at once — the browser that opens it has no
 * Teams locale to go by.
 */
export function linkGonePage(): string {
  const sections = (['sv', 'en'] as const).map((language) => {
    const t = stringsFor(language).lagesbild.link;
    return `<section lang="${language}"><h1>${escapeHtml(t.goneTitle)}</h1><p>${escapeHtml(t.gone)}</p></section>`;
  });
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>VBE-stöd</title></head><body>${sections.join('<hr>')}</body></html>`;
}
