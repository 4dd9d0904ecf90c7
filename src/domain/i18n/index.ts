import { en } from './en';
import { sv, type Strings } from './sv';

export type Language = 'sv' | 'en';
export type { Strings };

/** SPEC: a Teams locale `sv-*` (or plain `sv`) gets Swedish, anything else English. */
export function languageOf(locale: string | undefined): Language {
  return locale && /^sv(-|_|$)/i.test(locale) ? 'sv' : 'en';
}

export function stringsFor(language: Language): Strings {
  return language === 'sv' ? sv : en;
}
