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
import { classifySwedishIdNumber, idNumberDateKind } from './swedish-id-number';

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

/**
 * When candidates overlap, the kind earlier here wins ("most specific"): an e-mail address may
 * contain a phone number, a valid personnummer also looks like a phone number, and a phone
 * number may contain a "NNN NN" that looks like a postnummer.
 */
const PRIORITY: readonly IdentifyingKind[] = [
  'email',
  'personnummer',
  'samordningsnummer',
  'personnummer_like',
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
  ...['sept', 'okt', 'nov', 'dec', 'euro', 'eur', 'usd', 'dollar', 'dollars', 'nok', 'dkk'],
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

/** Between the parts of a date written out: "81.12.28", "81/12/28", "81 12 28", "19 81 12 28". */
const DATE_PART_SEP = `(?:[./]|${SP})`;
/**
 * YYMMDD or YYYYMMDD, unbroken or with the parts separated (not by dashes: "2026-11-03 1430"
 * is an ISO date and a time far more often than a personnummer).
 */
const ID_DATE =
  `\\d{6}|\\d{8}|(?:\\d{2}${DATE_PART_SEP}?)?\\d{2}${DATE_PART_SEP}\\d{2}${DATE_PART_SEP}\\d{2}`;
/** The date, then '-', '+', '/', a space or nothing (a dash may have spaces round it), then NNNC. */
const ID_NUMBER_RE = new RegExp(
  `(?<!\\d)(${ID_DATE})(?:${SP}?(${DASH}|\\+|/)${SP}?|${SP})?(\\d{4})(?!\\d)`,
  'gu',
);

function findIdNumbers(text: string): IdentifyingMatch[] {
  return collect(ID_NUMBER_RE, text, (m) => {
    const date = (m[1] ?? '').replace(/\D/g, '');
    const kind = classifySwedishIdNumber(`${date}${m[3] ?? ''}`, m[2] ?? '');
    return kind ? { kind, start: m.index, end: m.index + m[0].length } : null;
  });
}

// --- phone numbers ----------------------------------------------------------------------------

/** One space, or a dash with spaces allowed round it. */
const GROUP_SEP = `(?:${SP}?${DASH}${SP}?|${SP})`;
/** Between two digits: a GROUP_SEP or the ')' of "(08) 123". */
const PHONE_SEP = `(?:${GROUP_SEP}|\\)${SP}?)`;
/**
 * National form. The area code must be written without a break ("08", "031", "0155", "070"),
 * which keeps "03 11 2026" out. Stockholm: 08 + 5..8 digits; other area codes and mobiles:
 * 8..10 digits in total, i.e. 0[1-79]x + 5..7 more ("0155-12 34 56", "070-123 45 67").
 */
const NATIONAL = `\\(?0(?:8(?:${PHONE_SEP}?\\d){5,8}|[1-79]\\d(?:${PHONE_SEP}?\\d){5,7})`;
/** +46 / 0046, a space or dash ("+46-70-123 45 67"), an optional "(0)" or stray trunk 0, then 6..9 digits of the national number. */
const SWEDISH_INTL =
  `(?:\\+|00)46${GROUP_SEP}?(?:\\(0\\)${GROUP_SEP}?|0${GROUP_SEP}?)?[1-9](?:${PHONE_SEP}?\\d){5,8}`;
/** Any other country code after + or 00: 9..15 digits in all (E.164), which keeps "+15 000 000" out. */
const OTHER_INTL = `(?:\\+|00)(?!46)[1-9](?:${PHONE_SEP}?\\d){8,14}`;
const PHONE_RE = new RegExp(`(?<![\\d+])(?:${SWEDISH_INTL}|${OTHER_INTL}|${NATIONAL})(?!\\d)`, 'gu');
/** "08 11 2026" / "08-11-2026" is a date that happens to start like a Stockholm number. */
const DATE_SHAPE = new RegExp(`^08${GROUP_SEP}[01]\\d${GROUP_SEP}(?:19|20)\\d\\d$`, 'u');
/** Schedules such as "08-10 12-14" or "08 00-16 00": hour ranges, not a Stockholm number. */
const TIME = `(?:[01]\\d|2[0-4])(?:${SP}[0-5]\\d)?`;
const TIME_RANGE = `${TIME}${SP}?${DASH}${SP}?${TIME}`;
const TIME_RANGES = new RegExp(`^${TIME_RANGE}(?:,?${SP}${TIME_RANGE})*$`, 'u');

/** Written like a personnummer: the dash or '+' comes after six digits, not after an area code. */
const ID_SHAPED = new RegExp(`^(\\d{6})${SP}?(${DASH}|\\+)${SP}?(\\d{4})$`, 'u');

/**
 * "050312-1230" fits a phone number, but anyone reads it as a personnummer with a wrong check
 * digit (a typo, or a case number in the same form): it is refused under that name, so the user
 * understands why. Without the check digit it is not a personnummer (SPEC), so the same shape
 * that does not also fit a phone number ("811228-9875") passes.
 */
function phoneKind(phone: string): IdentifyingKind {
  const idShaped = ID_SHAPED.exec(phone);
  if (idShaped && idNumberDateKind(`${idShaped[1] ?? ''}${idShaped[3] ?? ''}`, idShaped[2] ?? '')) {
    return 'personnummer_like';
  }
  return 'phone';
}

function findPhones(text: string): IdentifyingMatch[] {
  return collect(PHONE_RE, text, (m) =>
    DATE_SHAPE.test(m[0]) || TIME_RANGES.test(m[0])
      ? null
      : { kind: phoneKind(m[0]), start: m.index, end: m.index + m[0].length },
  );
}

// --- e-mail -------------------------------------------------------------------------------------

/** Deliberately loose and linear: local@domain, the domain is checked in code below. */
const EMAIL_RE = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+/gu;
/** The domain needs a dot and a top-level domain of at least two letters. */
const EMAIL_DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;

function findPlainEmails(text: string): IdentifyingMatch[] {
  return collect(EMAIL_RE, text, (m) => {
    // A sentence may end right after the address: "skriv till a@b.se."
    const address = m[0].replace(/[.-]+$/, '');
    const domain = address.slice(address.indexOf('@') + 1);
    if (!EMAIL_DOMAIN.test(domain)) return null;
    return { kind: 'email', start: m.index, end: m.index + address.length };
  });
}

/*
 * Addresses written to dodge a filter: "anna (at) skolan.se", "anna[at]skolan[dot]se",
 * "anna at skolan dot se", "anna @ skolan . se", "anna＠skolan.se". "at" and "dot" are also
 * English words, so the top-level domain must be one of those people here use, and a spelled-out
 * " at " needs more (see acceptObfuscated).
 */
const AT_SIGN = '[@\\uFF20\\uFE6B]'; // @, full-width ＠, small ﹫
const DOT_SIGN = '[.\\uFF0E]'; // ., full-width ．
const bracketed = (words: string): string => `${SP}*[(\\[{<]${SP}*(?:${words})${SP}*[)\\]}>]${SP}*`;
const spelled = (words: string): string => `${SP}+(?:${words})${SP}+`;
const AT_WORDS = 'at|snabel-?a';
const DOT_WORDS = 'dot|punkt';
const OBFUSCATED_AT = `${SP}*${AT_SIGN}${SP}*|${bracketed(AT_WORDS)}|${spelled(AT_WORDS)}`;
/** A bare dot must touch the next label: "skolan. Se" is a sentence ending, "skolan . se" is not. */
const OBFUSCATED_DOT = `(?:${DOT_SIGN}|${SP}+${DOT_SIGN}${SP}*|${bracketed(DOT_WORDS)}|${spelled(DOT_WORDS)})`;
const LABEL = '[\\p{L}\\p{N}-]+';
const COMMON_TLDS = [
  ...['se', 'nu', 'com', 'net', 'org', 'eu', 'info', 'io', 'fi', 'dk', 'de', 'uk', 'nl', 'fr'],
  ...['es', 'pl', 'edu', 'gov', 'biz'],
];
const OBFUSCATED_EMAIL_RE = new RegExp(
  `(?<![\\p{L}\\p{N}._%+'-])([\\p{L}\\p{N}._%+'-]+)(${OBFUSCATED_AT})` +
    `(${LABEL}(?:${OBFUSCATED_DOT}${LABEL})*${OBFUSCATED_DOT}(?:${COMMON_TLDS.join('|')}))(?![\\p{L}\\p{N}-])`,
  'giu',
);
/** "look at the dot com bubble": a domain does not start with an article or a pronoun. */
const NOT_A_DOMAIN = new Set(['the', 'a', 'an', 'this', 'that', 'my', 'your', 'his', 'her', 'our', 'their', 'its']);

/**
 * A spelled-out " at " is ordinary English ("read more at stockholm.se"), so it counts only when
 * the dots are dodged too ("anna at skolan dot se") or the part before it looks like the local
 * part of an address rather than a word ("anna.svensson at skolan.se", "kalle92 at gmail.com").
 */
function acceptObfuscated(local: string, at: string, domain: string): boolean {
  if (at.trim().toLowerCase() !== 'at') return true;
  const firstLabel = /^[\p{L}\p{N}-]+/u.exec(domain)?.[0] ?? '';
  if (NOT_A_DOMAIN.has(firstLabel.toLowerCase()) || local.endsWith('.')) return false;
  const dotsDodged = /[^\p{L}\p{N}.-]/u.test(domain);
  return dotsDodged || (/\p{L}/u.test(local) && /[._\d]/u.test(local));
}

function findObfuscatedEmails(text: string): IdentifyingMatch[] {
  return collect(OBFUSCATED_EMAIL_RE, text, (m) =>
    acceptObfuscated(m[1] ?? '', m[2] ?? '', m[3] ?? '')
      ? { kind: 'email', start: m.index, end: m.index + m[0].length }
      : null,
  );
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

function findStreetAddresses(text: string): IdentifyingMatch[] {
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

function findAbbreviatedStreets(text: string): IdentifyingMatch[] {
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

function findBoxAddresses(text: string): IdentifyingMatch[] {
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

function findPostnummer(text: string): IdentifyingMatch[] {
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

function findApartments(text: string): IdentifyingMatch[] {
  return collect(APARTMENT_RE, text, (m) => ({
    kind: 'apartment_number',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// --- public API ---------------------------------------------------------------------------------

const DETECTORS = [
  findPlainEmails,
  findObfuscatedEmails,
  findIdNumbers,
  findPhones,
  findApartments,
  findStreetAddresses,
  findAbbreviatedStreets,
  findBoxAddresses,
  findPostnummer,
];

/** All identifying data in the text, ordered by start, never overlapping. */
export function findIdentifyingData(text: string): IdentifyingMatch[] {
  if (text.length === 0) return [];
  const rank = (kind: IdentifyingKind): number => PRIORITY.indexOf(kind);
  const candidates = DETECTORS.flatMap((detect) => detect(text)).sort(
    (a, b) => rank(a.kind) - rank(b.kind) || a.start - b.start,
  );
  // Kept ordered by start, so each candidate meets only its two neighbours: a paste full of
  // hits stays n log n instead of n².
  const chosen: IdentifyingMatch[] = [];
  for (const c of candidates) {
    let lo = 0;
    let hi = chosen.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((chosen[mid]?.start ?? 0) < c.start) lo = mid + 1;
      else hi = mid;
    }
    const before = chosen[lo - 1];
    const after = chosen[lo];
    if ((before && before.end > c.start) || (after && after.start < c.end)) continue;
    chosen.splice(lo, 0, c);
  }
  return chosen;
}

/** The distinct kinds found, in order of first appearance. */
export function identifyingKinds(text: string): IdentifyingKind[] {
  return [...new Set(findIdentifyingData(text).map((m) => m.kind))];
}
