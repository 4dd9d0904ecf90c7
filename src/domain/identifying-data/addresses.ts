/** Street addresses, post-office boxes, postnummer and lägenhetsnummer. */
import { collect, DASH, followedByCount, SP, type IdentifyingMatch } from './scan';

// --- street addresses ---------------------------------------------------------------------------

/** Suffixes that mark a street name whatever the case ("götgatan 12" is still an address). */
const STRONG_SUFFIXES = [
  ...['gatan', 'gata', 'vägen', 'väg', 'gränden', 'gränd', 'torget', 'torg'],
  ...['allén', 'allé', 'kajen', 'esplanaden', 'slingan'],
];
/**
 * Suffixes that also end ordinary nouns ("handlingsplan", "mötesplatsen", "arbetsplatsen"):
 * only a capitalised word counts ("Fridhemsplan 3", "Medborgarplatsen 3"). "parken" is left out
 * on purpose: parks have no house numbers, and "i parken 2 gånger" is ordinary prose.
 */
const WEAK_SUFFIXES = [
  ...['backen', 'backe', 'stigen', 'stig', 'planen', 'plan', 'leden', 'stranden', 'strand'],
  ...['promenaden', 'platsen', 'terrassen', 'höjden', 'liden'],
];
/** Suffix words that can stand alone after a name: "Valla torg 3", "Västberga allé 12". */
const STANDALONE = new Set([
  ...['gata', 'gatan', 'väg', 'vägen', 'gränd', 'gränden', 'torg', 'torget'],
  ...['allé', 'allén', 'alle', 'backe', 'backen', 'strand', 'stranden'],
]);
/** Capitalised only because they start a sentence: "Vid torget 2 ..." is not "Vid torget". */
const FUNCTION_WORDS = new Set([
  ...['på', 'vid', 'i', 'till', 'från', 'mot', 'över', 'under', 'efter', 'längs', 'nära', 'bakom'],
  ...['framför', 'runt', 'utanför', 'om', 'av', 'med', 'och', 'den', 'det', 'en', 'ett', 'vi', 'de'],
  ...['han', 'hon', 'the', 'at', 'on', 'in'],
]);

/** Spaces, a 1..3 digit house number, then an optional letter ("12B", "12 B") or range ("12-14"). */
const HOUSE_NUMBER =
  `[ \\t\\u00A0\\u202F]+[1-9]\\d{0,2}(?!\\d)` +
  `(?:[A-Za-z](?![\\p{L}\\p{M}])|${SP}[A-Z](?![\\p{L}\\p{M}]))?(?:${DASH}[1-9]\\d{0,2}(?!\\d))?`;
const STREET_RE = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])([\\p{L}\\p{M}]+)${HOUSE_NUMBER}`, 'gu');
const PREVIOUS_WORD = /([\p{L}\p{M}]+)[ \t\u00A0\u202F]+$/u;
const CAPITALISED = /^\p{Lu}/u;

/** "Götgatan 14.30" is a time, "Götgatan 3 elever" a count: the number is no house number. */
function notAHouseNumber(text: string, end: number): boolean {
  return /^[.,:]\d/.test(text.slice(end, end + 2)) || followedByCount(text, end);
}

export function findStreetAddresses(text: string): IdentifyingMatch[] {
  return collect(STREET_RE, text, (m) => {
    const word = (m[1] ?? '').normalize('NFC');
    const lower = word.toLowerCase();
    const end = m.index + m[0].length;
    if (notAHouseNumber(text, end)) return null;
    if (STANDALONE.has(lower)) {
      const previous = PREVIOUS_WORD.exec(text.slice(Math.max(0, m.index - 40), m.index));
      const name = previous?.[1];
      if (!name || !CAPITALISED.test(name) || FUNCTION_WORDS.has(name.toLowerCase())) return null;
      return { kind: 'street_address', start: m.index - previous[0].length, end };
    }
    const compound = (suffixes: string[]): boolean =>
      suffixes.some((suffix) => lower.length > suffix.length && lower.endsWith(suffix));
    if (compound(STRONG_SUFFIXES) || (CAPITALISED.test(word) && compound(WEAK_SUFFIXES))) {
      return { kind: 'street_address', start: m.index, end };
    }
    return null;
  });
}

/**
 * Street names cut short to "…g." (gatan) or "…v." (vägen): "Götg. 12", "Hägerstensv. 150",
 * "Kungsg 5". Only a capitalised word of four letters or more, so "Ung. 10", "Ang. 3" and
 * "v. 47" (a week) are not streets.
 */
const ABBREVIATED_STREET_RE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(\\p{Lu}[\\p{L}\\p{M}]{2,}[gv])(\\.?)${HOUSE_NUMBER}`,
  'gu',
);
/**
 * Ordinary words, places and other abbreviations that end in g or v: "Förslag 2", "Steg 3",
 * "Tisdag 12", "Övning 2", "Prov 2", "Motiv 4", "Göteborg. 12 av dem", "Uppg. 3" (uppgift),
 * "Läsv. 12" (läsvecka).
 */
const NOT_ABBREVIATED_STREETS = [
  ...['dag', 'lag', 'drag', 'steg', 'tåg', 'ig', 'ing', 'borg', 'berg', 'sorg', 'färg', 'korg'],
  ...['varg', 'älg', 'helg', 'prov', 'brev', 'iv', 'krav', 'behov', 'själv', 'tolv', 'halv', 'golv'],
  ...['uppg', 'läsv', 'förv', 'närv', 'tillg'],
];
/** Without the dot, the letter before g/v must be a consonant other than n or g ("Inlägg 4"). */
const UNDOTTED_ABBREVIATION = /[b-dfhj-mp-tv-xz][gv]$/u;

export function findAbbreviatedStreets(text: string): IdentifyingMatch[] {
  return collect(ABBREVIATED_STREET_RE, text, (m) => {
    const lower = (m[1] ?? '').normalize('NFC').toLowerCase();
    const end = m.index + m[0].length;
    if (notAHouseNumber(text, end) || STANDALONE.has(lower)) return null;
    if (NOT_ABBREVIATED_STREETS.some((ending) => lower.endsWith(ending))) return null;
    if (m[2] !== '.' && !UNDOTTED_ABBREVIATION.test(lower)) return null;
    return { kind: 'street_address', start: m.index, end };
  });
}

/**
 * "Box 123": a post-office box is an address as much as a street is. Only "Box" with a capital:
 * "en box 3 st" is a box. A count after it ("Box 3 st") makes it a count, as for streets.
 */
const BOX_RE = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:Box|BOX)${SP}+[1-9]\\d{0,4}(?!\\d)`, 'gu');

export function findBoxAddresses(text: string): IdentifyingMatch[] {
  return collect(BOX_RE, text, (m) => {
    const end = m.index + m[0].length;
    return notAHouseNumber(text, end) ? null : { kind: 'street_address', start: m.index, end };
  });
}

// --- postnummer ---------------------------------------------------------------------------------

/** "NNN NN" or "NNNNN", optionally "SE-"/"S-" in front (group 1). */
const POSTNUMMER_RE = new RegExp(
  `(?:(?<![\\p{L}\\p{N}])(SE?)${DASH}?${SP}?|(?<!\\d|\\d[.,]))([1-9]\\d{2})(${SP})?(\\d{2})(?!\\d|[.,:]\\d|${DASH}\\p{L})`,
  'gu',
);
/** The highest postnummer in use is in the 984 range (Pajala). */
const MAX_POSTNUMMER = 98499;
/** A town name: "Hägersten", "Upplands Väsby", "STOCKHOLM". */
const TOWN = /^[ \u00A0\u202F]+(\p{Lu}[\p{Ll}\p{M}]+|\p{Lu}{3,})(?![\p{L}\p{M}])/u;

/**
 * A bare "NNNNN" is too often something else (an amount, a case number) unless "SE-" is in
 * front of it or a town name follows: "12938 Hägersten", "11122 Stockholm".
 */
function bareFollowedByTown(text: string, end: number): boolean {
  const town = TOWN.exec(text.slice(end, end + 40))?.[1]?.toLowerCase();
  return town !== undefined && !FUNCTION_WORDS.has(town);
}

export function findPostnummer(text: string): IdentifyingMatch[] {
  return collect(POSTNUMMER_RE, text, (m) => {
    const end = m.index + m[0].length;
    const value = Number(`${m[2] ?? ''}${m[4] ?? ''}`);
    if (value > MAX_POSTNUMMER || followedByCount(text, end)) return null;
    if (!m[3] && !m[1] && !bareFollowedByTown(text, end)) return null;
    return { kind: 'postnummer', start: m.index, end };
  });
}

// --- lägenhetsnummer ----------------------------------------------------------------------------

/** "lgh 1102", "Lgh. 1102", "lgh-nr 1102", "lägenhet nr 1102", "lägenhetsnummer: 1102". */
const APARTMENT_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:lgh|lägenhet(?:en|snummer|snr)?)\\.?` +
    `(?:${SP}?${DASH}?${SP}?(?:nr|nummer)\\.?)?${SP}?[:#]?${SP}?((?!00)\\d{4})(?!\\d)`,
  'giu',
);

export function findApartments(text: string): IdentifyingMatch[] {
  return collect(APARTMENT_RE, text, (m) => ({
    kind: 'apartment_number',
    start: m.index,
    end: m.index + m[0].length,
  }));
}
