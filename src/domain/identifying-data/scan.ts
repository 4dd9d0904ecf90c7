/** What every detector shares: the kinds, the hit shape, separators, counts, the scan loop. */
export type IdentifyingKind =
  | 'personnummer'
  | 'samordningsnummer'
  /** YYMMDD-NNNN with a real date but a wrong check digit, in a place that would be a phone number. */
  | 'personnummer_like'
  | 'phone'
  | 'email'
  | 'street_address'
  | 'postnummer'
  | 'apartment_number';

/** A hit; `start`/`end` are UTF-16 offsets into the text (`text.slice(start, end)`). */
export interface IdentifyingMatch {
  kind: IdentifyingKind;
  start: number;
  end: number;
}

/** Spaces people (and autocorrect) put in numbers: space, no-break space, narrow no-break space. */
export const SP = '[ \\u00A0\\u202F]';
/** Hyphen, en dash and minus sign: word processors and phones turn '-' into the others. */
export const DASH = '[\\u2013\\u2212-]';

/**
 * Words that, right after a number, make it a count, a time or an amount rather than a house
 * number or a postnummer: "Götgatan 3 elever", "150 20 personer". Not "min" (also "my":
 * "Götgatan 12 min bror") nor "tim" (a first name): a missed address is worse than a rewrite.
 */
const COUNT_WORDS = [
  ...['procent', 'personer', 'person', 'elever', 'elev', 'ungdomar', 'ungdom', 'barn', 'vuxna', 'män'],
  ...['kvinnor', 'pojkar', 'flickor', 'killar', 'tjejer', 'st', 'stycken', 'gånger', 'ggr', 'minuter'],
  ...['timmar', 'dagar', 'veckor', 'månader', 'år', 'kr', 'kronor', 'sek', 'meter', 'km'],
  ...['people', 'persons', 'students', 'pupils', 'times', 'minutes', 'hours', 'years'],
  ...['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september'],
  ...['oktober', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep'],
  ...['sept', 'okt', 'nov', 'dec', 'euro', 'eur', 'usd', 'dollar', 'dollars', 'nok', 'dkk'],
];
const COUNT_WORD = new RegExp(`^${SP}*(?:%|(?:${COUNT_WORDS.join('|')})(?![\\p{L}\\p{M}]))`, 'iu');

export function followedByCount(text: string, end: number): boolean {
  return COUNT_WORD.test(text.slice(end, end + 24));
}

/**
 * Runs a global regex over the text and keeps the matches `accept` turns into hits. After a
 * rejected candidate the scan resumes one character later, so a shorter valid hit starting
 * inside the rejected one is not lost.
 */
export function collect(
  re: RegExp,
  text: string,
  accept: (m: RegExpExecArray) => IdentifyingMatch | null,
): IdentifyingMatch[] {
  const hits: IdentifyingMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const hit = accept(m);
    if (hit) hits.push(hit);
    else re.lastIndex = m.index + 1;
  }
  return hits;
}
