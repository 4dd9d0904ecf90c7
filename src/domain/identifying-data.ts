/**
 * Finds data in free text that could identify a person: personnummer, samordningsnummer,
 * phone numbers, e-mail addresses, street addresses with a house number, postnummer and
 * lägenhetsnummer. The bot refuses a description that contains any of them.
 *
 * Pure: no clock, no I/O. Every pattern is linear-time (no nested unbounded quantifiers), so
 * a long paste cannot stall the bot. Numbers are bounded by digit lookarounds only, not word
 * boundaries, so "pnr811228-9874" or "(811228-9874)" are still caught.
 *
 * The detector leans towards refusing: a false positive costs the user a rewrite, a false
 * negative puts personal data into the coordinator's inbox. Known limitations are listed in
 * test/unit/identifying-data.test.ts.
 */
import { classifySwedishIdNumber } from './swedish-id-number';

export type IdentifyingKind =
  | 'personnummer'
  | 'samordningsnummer'
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

/**
 * When candidates overlap, the kind earlier here wins ("most specific"): an e-mail address may
 * contain a phone number, a valid personnummer also looks like a phone number, and a phone
 * number may contain a "NNN NN" that looks like a postnummer.
 */
const PRIORITY: readonly IdentifyingKind[] = [
  'email',
  'personnummer',
  'samordningsnummer',
  'phone',
  'apartment_number',
  'street_address',
  'postnummer',
];

/** Spaces people (and autocorrect) put in numbers: space, no-break space, narrow no-break space. */
const SP = '[ \\u00A0\\u202F]';
/** Hyphen, en dash and minus sign: word processors and phones turn '-' into the others. */
const DASH = '[\\u2013\\u2212-]';

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
  ...['sept', 'okt', 'nov', 'dec'],
];
const COUNT_WORD = new RegExp(`^${SP}*(?:%|(?:${COUNT_WORDS.join('|')})(?![\\p{L}\\p{M}]))`, 'iu');

function followedByCount(text: string, end: number): boolean {
  return COUNT_WORD.test(text.slice(end, end + 24));
}

/**
 * Runs a global regex over the text and keeps the matches `accept` turns into hits. After a
 * rejected candidate the scan resumes one character later, so a shorter valid hit starting
 * inside the rejected one is not lost.
 */
function collect(
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

// --- personnummer / samordningsnummer -------------------------------------------------------

/** YYMMDD or YYYYMMDD, then '-', '+', a space or nothing (a dash may have spaces round it), then NNNC. */
const ID_NUMBER_RE = new RegExp(
  `(?<!\\d)(\\d{6}|\\d{8})(?:${SP}?(${DASH}|\\+)${SP}?|${SP})?(\\d{4})(?!\\d)`,
  'gu',
);

function findIdNumbers(text: string): IdentifyingMatch[] {
  return collect(ID_NUMBER_RE, text, (m) => {
    const kind = classifySwedishIdNumber(`${m[1] ?? ''}${m[3] ?? ''}`, m[2] ?? '');
    return kind ? { kind, start: m.index, end: m.index + m[0].length } : null;
  });
}

// --- phone numbers ----------------------------------------------------------------------------

/** Between two digits: one space, a dash (spaces allowed round it) or the ')' of "(08) 123". */
const PHONE_SEP = `(?:${SP}?${DASH}${SP}?|\\)${SP}?|${SP})`;
/**
 * National form. The area code must be written without a break ("08", "031", "0155", "070"),
 * which keeps "03 11 2026" out. Stockholm: 08 + 5..8 digits; other area codes and mobiles:
 * 8..10 digits in total, i.e. 0[1-79]x + 5..7 more ("0155-12 34 56", "070-123 45 67").
 */
const NATIONAL = `\\(?0(?:8(?:${PHONE_SEP}?\\d){5,8}|[1-79]\\d(?:${PHONE_SEP}?\\d){5,7})`;
/** +46 / 0046, an optional "(0)" or stray trunk 0, then 6..9 digits of the national number. */
const SWEDISH_INTL = `(?:\\+|00)46${SP}?(?:\\(0\\)${SP}?|0${SP}?)?[1-9](?:${PHONE_SEP}?\\d){5,8}`;
/** Any other country code: 9..15 digits in all (E.164), which keeps "+15 000 000" out. */
const OTHER_INTL = `\\+(?!46)[1-9](?:${PHONE_SEP}?\\d){8,14}`;
const PHONE_RE = new RegExp(`(?<![\\d+])(?:${SWEDISH_INTL}|${OTHER_INTL}|${NATIONAL})(?!\\d)`, 'gu');
/** "08 11 2026" / "08-11-2026" is a date that happens to start like a Stockholm number. */
const DATE_SEP = `(?:${SP}?${DASH}${SP}?|${SP})`;
const DATE_SHAPE = new RegExp(`^08${DATE_SEP}[01]\\d${DATE_SEP}(?:19|20)\\d\\d$`, 'u');
/** Schedules such as "08-10 12-14" or "08 00-16 00": hour ranges, not a Stockholm number. */
const TIME = `(?:[01]\\d|2[0-4])(?:${SP}[0-5]\\d)?`;
const TIME_RANGE = `${TIME}${SP}?${DASH}${SP}?${TIME}`;
const TIME_RANGES = new RegExp(`^${TIME_RANGE}(?:,?${SP}${TIME_RANGE})*$`, 'u');

function findPhones(text: string): IdentifyingMatch[] {
  return collect(PHONE_RE, text, (m) =>
    DATE_SHAPE.test(m[0]) || TIME_RANGES.test(m[0])
      ? null
      : { kind: 'phone', start: m.index, end: m.index + m[0].length },
  );
}

// --- e-mail -------------------------------------------------------------------------------------

/** Deliberately loose and linear: local@domain, the domain is checked in code below. */
const EMAIL_RE = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+/gu;
/** The domain needs a dot and a top-level domain of at least two letters. */
const EMAIL_DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;

function findEmails(text: string): IdentifyingMatch[] {
  return collect(EMAIL_RE, text, (m) => {
    // A sentence may end right after the address: "skriv till a@b.se."
    const address = m[0].replace(/[.-]+$/, '');
    const domain = address.slice(address.indexOf('@') + 1);
    if (!EMAIL_DOMAIN.test(domain)) return null;
    return { kind: 'email', start: m.index, end: m.index + address.length };
  });
}

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

/** A word, spaces, a 1..3 digit house number, then an optional letter ("12B", "12 B") or range ("12-14"). */
const STREET_RE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])([\\p{L}\\p{M}]+)[ \\t\\u00A0\\u202F]+[1-9]\\d{0,2}(?!\\d)` +
    `(?:[A-Za-z](?![\\p{L}\\p{M}])|${SP}[A-Z](?![\\p{L}\\p{M}]))?(?:${DASH}[1-9]\\d{0,2}(?!\\d))?`,
  'gu',
);
const PREVIOUS_WORD = /([\p{L}\p{M}]+)[ \t\u00A0\u202F]+$/u;
const CAPITALISED = /^\p{Lu}/u;

function findStreetAddresses(text: string): IdentifyingMatch[] {
  return collect(STREET_RE, text, (m) => {
    const word = (m[1] ?? '').normalize('NFC');
    const lower = word.toLowerCase();
    const end = m.index + m[0].length;
    // "Götgatan 14.30" is a time, "Götgatan 3 elever" a count.
    if (/^[.,:]\d/.test(text.slice(end, end + 2)) || followedByCount(text, end)) return null;
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

// --- postnummer ---------------------------------------------------------------------------------

/** "NNN NN", optionally "SE-"/"S-" in front. A bare "NNNNN" is too often something else. */
const POSTNUMMER_RE = new RegExp(
  `(?:(?<![\\p{L}\\p{N}])SE?${DASH}?${SP}?|(?<!\\d))([1-9]\\d{2})${SP}(\\d{2})(?!\\d|[.,:]\\d|${DASH}\\p{L})`,
  'gu',
);
/** The highest postnummer in use is in the 984 range (Pajala). */
const MAX_POSTNUMMER = 98499;

function findPostnummer(text: string): IdentifyingMatch[] {
  return collect(POSTNUMMER_RE, text, (m) => {
    const end = m.index + m[0].length;
    const value = Number(`${m[1] ?? ''}${m[2] ?? ''}`);
    if (value > MAX_POSTNUMMER || followedByCount(text, end)) return null;
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

function findApartments(text: string): IdentifyingMatch[] {
  return collect(APARTMENT_RE, text, (m) => ({
    kind: 'apartment_number',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// --- public API ---------------------------------------------------------------------------------

const DETECTORS = [
  findEmails,
  findIdNumbers,
  findPhones,
  findApartments,
  findStreetAddresses,
  findPostnummer,
];

/** All identifying data in the text, ordered by start, never overlapping. */
export function findIdentifyingData(text: string): IdentifyingMatch[] {
  if (text.length === 0) return [];
  const rank = (kind: IdentifyingKind): number => PRIORITY.indexOf(kind);
  const candidates = DETECTORS.flatMap((detect) => detect(text)).sort(
    (a, b) => rank(a.kind) - rank(b.kind) || a.start - b.start,
  );
  const chosen: IdentifyingMatch[] = [];
  for (const c of candidates) {
    if (!chosen.some((k) => c.start < k.end && k.start < c.end)) chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** The distinct kinds found, in order of first appearance. */
export function identifyingKinds(text: string): IdentifyingKind[] {
  return [...new Set(findIdentifyingData(text).map((m) => m.kind))];
}
