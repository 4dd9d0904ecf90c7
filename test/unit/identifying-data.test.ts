import { describe, expect, it } from 'vitest';
import {
  findIdentifyingData,
  identifyingKinds,
  type IdentifyingKind,
} from '../../src/domain/identifying-data';
import { classifySwedishIdNumber, isValidSwedishIdNumber } from '../../src/domain/swedish-id-number';

/*
 * Product contract: the bot refuses free text that contains identifying data. Every positive row
 * asserts the exact single kind; every benign row asserts [].
 *
 * Judgement calls and known limitations (deliberate, keep in sync with src/domain/identifying-data/):
 * - A 10-digit number that is a real date with a valid Luhn digit is reported as a personnummer
 *   even if it was meant as a phone number ("070315-1234" looks like a 2007 birth): the most
 *   sensitive kind wins.
 * - Wrong check digit: "050312-1230" (YYMMDD, then '-' or '+', a real date) also fits a phone
 *   number and is refused, but named `personnummer_like`: that is what anyone reads it as, so a
 *   user who typed a case number sees why. The same shape that does not fit a phone number
 *   ("811228-9875") passes: without the check digit it is no personnummer (SPEC). Written
 *   without the dash ("0503121230", "050312 1230") it stays a phone number, since mobile numbers
 *   are date-shaped too ("0701234567" = 1 Jan 2007). A bad date that starts with 0
 *   ("010229-1234") is a phone number.
 * - The date part of a personnummer may be split by dots, slashes or spaces ("81.12.28-9874",
 *   "1981.12.28-9874", "19 81 12 28 9874") and '/' or '.' may stand before the last four ("811228/9874", "811228.9874"), which may be
 *   written in two pairs after a space ("81 12 28 98 74"; not after a dash or dot: "811228-98 74"
 *   is missed, so that a grid of times such as "12 12.12.12 12" stays clear).
 *   Not dashes inside the date: "1981-12-28-9874" is missed, because "2026-11-03 1430" (ISO date,
 *   time) is far more common. A dotted or spaced date followed by four digits that happen to make
 *   a valid check digit ("2026.11.03 1430" one time in ten) is an accepted false positive.
 * - 10-digit forms: the date is accepted if real in either century (19YY/20YY; 18YY/19YY after
 *   '+'), so 000229 is valid (2000) but 970229 and 000229+ are not. 12-digit forms: 18xx..20xx.
 * - Phone: area code must be written unbroken ("08", "031", "0155", "070"); "07 01 23 45 67"
 *   is missed. "08 11 2026"/"08-11-2026" is a date and "08-10 12-14"/"08 00-16 00" a schedule,
 *   so a real Stockholm number written exactly in those shapes is missed. Any other 0-led digit
 *   run of the right length is a phone ("ärende 0123456789" included: accepted false positive).
 *   Foreign numbers with 9..15 digits after '+' or '00' are flagged too ("0012345678901"
 *   included). A dash or space may follow the country code ("+46-70-123 45 67", "+358-40-...").
 * - Postnummer: "NNN NN", "SE-NNN NN", "S-NNN NN" in 100 00..984 99; a bare "NNNNN" only with
 *   "SE-" in front or a town name after it ("12938 Hägersten", "11122 STOCKHOLM"): "12630",
 *   "12630 är numret" and "12000 EUR" pass. A capitalised word after an ordinary five-digit
 *   number ("15000 Swedes") is an accepted false positive. "NNN NN" followed by a count word ("personer", "elever", "kr", "%", a month...) is
 *   a count, not a postnummer. A bare "120 00" or "rum 204 12" IS flagged (accepted false
 *   positive; nobody writes counts like that in practice). "Klockan 12 30 personer" passes
 *   because "12 30" is not NNN NN.
 * - Street address: house numbers are 1..3 digits (so "Götgatan 2026" is a year, not an
 *   address); a number followed by a time (".30"), a count word or a month is not a house
 *   number. Suffixes that also end ordinary nouns (plan, platsen, backen, stigen, strand,
 *   höjden, ...) need a capitalised word ("Fridhemsplan 9" yes, "handlingsplan 2" no), so a
 *   capitalised noun at sentence start ("Handlingsplan 2 antogs") is a false positive.
 *   Stand-alone suffix words ("Valla torg 3") need a capitalised name before them that is not a
 *   sentence-start function word ("Vid torget 2" passes), so lower-case "valla torg 3" is missed.
 *   "parken" is not a street suffix (parks have no house numbers; "i parken 2 gånger").
 * - Abbreviated street names: a capitalised word of 4+ letters ending in "g."/"v." ("Götg. 12",
 *   "Hägerstensv. 150", "Sveav. 44"); without the dot only after a consonant other than n/g
 *   ("Kungsg 5", "Storg 5"; "Sveav 44" and "Drottningg 5" are missed). Lower-case "götg. 12" is
 *   missed. Ordinary words, places and abbreviations with those endings pass ("Förslag 2",
 *   "Övning 2", "Göteborg. 12 av dem", "Uppg. 3", "Läsv. 12", "Ung. 10", "v. 47").
 * - "Box NNN" (1..5 digits) is an address, reported as street_address. Only with a capital B: "en
 *   box 3" is a box; "Box 3 st" is a count (as for streets) and passes. A sentence starting
 *   "Box 3 ..." is an accepted false positive.
 * - Apartment number: exactly four digits after lgh/lägenhet/lägenhetsnummer (not 00xx).
 * - E-mail needs a dotted domain with a letter TLD: "user@localhost" and "anna @ x" pass.
 * - Obfuscated e-mail: "(at)", "[at]", " at ", "snabel-a", spaces round '@', full-width '＠', "dot",
 *   "punkt", " . ". The top-level domain must then be a common one (se, com, nu, org, ...), since
 *   "at" and "dot" are English words. A spelled-out " at " with plain dots needs an address-like
 *   part before it ("anna.svensson at skolan.se", "kalle92 at gmail.com"): "read more at
 *   stockholm.se" passes, and so does "anna at skolan.se" (missed). "look at the dot com bubble"
 *   passes (a domain does not start with "the").
 * - URLs pass unless they contain something above (e.g. an e-mail address or a phone number).
 * - Names are NOT detected at all: that is out of scope for this module.
 */

// --- Luhn helper, written independently of the module under test ------------------------------

/** Classic Luhn over a whole number: from the right, double every second digit. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 1 ? 2 : 1);
    sum += Math.floor(d / 10) + (d % 10);
  });
  return sum % 10 === 0;
}

/** Appends the digit that makes YYMMDDNNN Luhn-valid. */
function withCheck(nine: string): string {
  for (let c = 0; c <= 9; c++) if (luhnValid(`${nine}${c}`)) return `${nine}${c}`;
  throw new Error('unreachable');
}

/** Same number with a wrong check digit. */
function badCheck(ten: string): string {
  return `${ten.slice(0, 9)}${(Number(ten[9]) + 1) % 10}`;
}

const dash = (ten: string, sep = '-'): string => `${ten.slice(0, 6)}${sep}${ten.slice(6)}`;
const long = (century: string, ten: string, sep = '-'): string =>
  `${century}${ten.slice(0, 6)}${sep}${ten.slice(6)}`;

// --- Invariants checked for every row -----------------------------------------------------------

function kindsChecked(text: string): IdentifyingKind[] {
  const matches = findIdentifyingData(text);
  let previousEnd = 0;
  for (const m of matches) {
    expect(m.start).toBeGreaterThanOrEqual(previousEnd); // ordered, non-overlapping
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(text.length);
    previousEnd = m.end;
  }
  const kinds = identifyingKinds(text);
  expect(kinds).toEqual([...new Set(matches.map((m) => m.kind))]);
  return kinds;
}

type Row = [text: string, kind: IdentifyingKind];

/** The table style of this file: each row is found as exactly its kind, each benign text as nothing. */
function itFindsEach(rows: Row[], benign: string[] = []): void {
  it.each(rows)('%j → %s', (text, kind) => {
    expect(kindsChecked(text)).toEqual([kind]);
  });
  if (benign.length > 0) {
    it.each(benign)('%j → []', (text) => {
      expect(kindsChecked(text)).toEqual([]);
    });
  }
}

/** The single hit in `text` cuts out exactly `expected`. */
function expectCut(text: string, expected: string): void {
  const [m] = findIdentifyingData(text);
  expect(m && text.slice(m.start, m.end)).toBe(expected);
}

// --- personnummer / samordningsnummer ------------------------------------------------------------

describe('the Luhn test helper agrees with commonly cited valid test numbers', () => {
  it.each(['8112289874', '6709199530', '1212121212'])('%s is Luhn-valid', (ten) => {
    expect(luhnValid(ten)).toBe(true);
    expect(withCheck(ten.slice(0, 9))).toBe(ten);
    expect(isValidSwedishIdNumber(ten)).toBe(true);
    expect(isValidSwedishIdNumber(`19${ten}`)).toBe(true);
  });
  it.each(['8112289875', '6709199531'])('%s is not', (ten) => {
    expect(luhnValid(ten)).toBe(false);
    expect(classifySwedishIdNumber(ten)).toBeNull();
  });
});

const P1 = withCheck('811228987'); // 811228-9874
const P2 = withCheck('670919953'); // 670919-9530
const LEAP_2000 = withCheck('000229123'); // 29 Feb 2000 (leap) – valid only with century 20
const LEAP_2024 = withCheck('240229456');
const LEAP_1984 = withCheck('840229789');
const NEW_YEAR = withCheck('050101234'); // starts with 0: personnummer must beat phone
const KID_2007 = withCheck('070315123'); // looks like a mobile prefix 070
const OLD = withCheck('250101111'); // born 1925, written with '+'
const DEC_31 = withCheck('991231001');
const S1 = withCheck('811288987'); // samordningsnummer: 28 + 60
const S2 = withCheck('701063321'); // 3 + 60
const S3 = withCheck('850191555'); // 31 + 60 in January
const S_LEAP = withCheck('000289222'); // 29 Feb 2000 + 60
const S_OLD = withCheck('400671000'); // 11 June 1940 + 60

const personnummerRows: Row[] = [
  ['811228-9874', 'personnummer'],
  ['19811228-9874', 'personnummer'],
  ['670919-9530', 'personnummer'],
  ['196709199530', 'personnummer'],
  ['8112289874', 'personnummer'],
  ['811228 9874', 'personnummer'],
  ['811228+9874', 'personnummer'],
  ['198112289874', 'personnummer'],
  ['19811228 9874', 'personnummer'],
  ['811228–9874', 'personnummer'], // en dash from autocorrect
  ['811228 - 9874', 'personnummer'],
  ['(811228-9874)', 'personnummer'],
  ['[811228-9874]', 'personnummer'],
  ['"811228-9874"', 'personnummer'],
  ['pnr:811228-9874', 'personnummer'],
  ['pnr811228-9874', 'personnummer'],
  ['811228-9874abc', 'personnummer'],
  ['811228-9874 är elevens nummer', 'personnummer'],
  ['Elevens nummer är 811228-9874', 'personnummer'],
  ['Elevens nummer är 811228-9874.', 'personnummer'],
  ['rad ett\n811228-9874\nrad tre', 'personnummer'],
  ['personnummer\t19811228-9874\t', 'personnummer'],
  [P1, 'personnummer'],
  [dash(P2), 'personnummer'],
  [dash(LEAP_2000), 'personnummer'],
  [long('20', LEAP_2000), 'personnummer'],
  [long('20', LEAP_2000, ''), 'personnummer'],
  [dash(LEAP_2024), 'personnummer'],
  [long('20', LEAP_2024), 'personnummer'],
  [dash(LEAP_1984), 'personnummer'],
  [long('19', LEAP_1984, ' '), 'personnummer'],
  [dash(NEW_YEAR), 'personnummer'],
  [NEW_YEAR, 'personnummer'],
  [long('20', NEW_YEAR), 'personnummer'],
  [dash(KID_2007), 'personnummer'],
  [KID_2007, 'personnummer'],
  [dash(OLD, '+'), 'personnummer'],
  [dash(DEC_31), 'personnummer'],
  [long('19', DEC_31, ''), 'personnummer'],
  [`Eleven (pnr ${long('20', KID_2007)}) sa att hen skulle "ta hand om" läraren.`, 'personnummer'],
  [`The student's ID is ${dash(P2)}, please check.`, 'personnummer'],
];

const samordningsnummerRows: Row[] = [
  [dash(S1), 'samordningsnummer'],
  [S1, 'samordningsnummer'],
  [long('19', S1), 'samordningsnummer'],
  [dash(S2), 'samordningsnummer'],
  [dash(S2, ' '), 'samordningsnummer'],
  [dash(S3), 'samordningsnummer'],
  [long('19', S3, ''), 'samordningsnummer'],
  [dash(S_LEAP), 'samordningsnummer'],
  [long('20', S_LEAP), 'samordningsnummer'],
  [dash(S_OLD), 'samordningsnummer'],
  [`samordningsnummer: (${dash(S2)})`, 'samordningsnummer'],
];

/** Well-formed but invalid numbers that must not be reported (and do not look like phones). */
const invalidIdNumbers: string[] = [
  '811228-9875', // wrong check digit
  '8112289875',
  '811228 9875',
  '19811228-9875',
  '198112289873',
  '670919-9531',
  dash(badCheck(LEAP_2024)),
  dash(badCheck(S1)),
  dash(withCheck('970229123')), // 29 Feb 1997/2097: not leap
  long('19', withCheck('970229123')),
  long('19', withCheck('000229123')), // 1900 is not a leap year
  dash(withCheck('000229123'), '+'), // '+' means 1800/1900: neither leap
  dash(withCheck('811328123')), // month 13
  dash(withCheck('810028123')), // month 00
  dash(withCheck('811232123')), // day 32
  dash(withCheck('811200123')), // day 00
  dash(withCheck('810431123')), // 31 April
  dash(withCheck('810192123')), // samordning day 92
  dash(withCheck('810290123')), // samordning 30 Feb
  dash(withCheck('811260123')), // day 60 is neither
  long('17', withCheck('811228123')), // century 17xx
  long('21', withCheck('811228123')), // century 21xx
  '9876543210', // random 10 digits: month 65
  '1234567890',
  '4512131234', // real date, bad check digit
];

describe('personnummer', () => {
  itFindsEach(personnummerRows);
});

describe('samordningsnummer (day + 60)', () => {
  itFindsEach(samordningsnummerRows);
});

describe('invalid personnummer-shaped numbers pass', () => {
  it.each(invalidIdNumbers)('%j → []', (text) => {
    expect(kindsChecked(text)).toEqual([]);
    expect(kindsChecked(`Numret ${text} stod på lappen.`)).toEqual([]);
  });

  it('an invalid date that starts with 0 is still a phone number', () => {
    expect(kindsChecked(dash(withCheck('010229123')))).toEqual(['phone']); // 2001/1901 not leap
  });
});

/** Date-shaped YYMMDD-NNNN with a wrong check digit that also fits a phone number. */
const personnummerLikeRows: Row[] = [
  ['050312-1230', 'personnummer_like'],
  [dash(badCheck(NEW_YEAR)), 'personnummer_like'],
  [dash(badCheck(KID_2007)), 'personnummer_like'],
  [dash(badCheck(NEW_YEAR), ' – '), 'personnummer_like'],
  [dash(badCheck(withCheck('050372123'))), 'personnummer_like'], // samordningsnummer-shaped
  ['Ärendenummer 050312-1230 gäller eleven.', 'personnummer_like'],
];

describe('a personnummer-shaped number with a wrong check digit that fits a phone number', () => {
  itFindsEach(personnummerLikeRows);
  itFindsEach([
    ['0503121230', 'phone'], // no dash: mobiles are date-shaped too (0701234567)
    ['050312 1230', 'phone'],
    ['0701234567', 'phone'],
    ['070-123 45 67', 'phone'],
  ]);
  it('a valid check digit still makes it a personnummer', () => {
    expect(kindsChecked(dash(NEW_YEAR))).toEqual(['personnummer']);
  });
});

// --- personnummer written with a split date part ---------------------------------------------------

/** "811228" → "81.12.28" (or with another separator between the parts). */
const splitDate = (ten: string, sep: string): string =>
  `${ten.slice(0, 2)}${sep}${ten.slice(2, 4)}${sep}${ten.slice(4, 6)}`;

const splitIdRows: Row[] = [
  ['81.12.28-9874', 'personnummer'],
  ['811228/9874', 'personnummer'],
  ['81 12 28-9874', 'personnummer'],
  ['19 81 12 28 9874', 'personnummer'],
  ['1981.12.28-9874', 'personnummer'],
  ['19811228 9874', 'personnummer'],
  ['81/12/28-9874', 'personnummer'],
  ['81.12.28 9874', 'personnummer'],
  ['81.12.28 - 9874', 'personnummer'],
  ['81.12.28/9874', 'personnummer'],
  ['81.12.289874', 'personnummer'],
  ['811228.9874', 'personnummer'],
  ['81.12.28.9874', 'personnummer'],
  ['19811228.9874', 'personnummer'],
  ['81 12 28 98 74', 'personnummer'],
  ['811228 98 74', 'personnummer'],
  ['1981 12 28-9874', 'personnummer'],
  ['19.81.12.28-9874', 'personnummer'],
  ['19811228/9874', 'personnummer'],
  ['81\u00A012\u00A028-9874', 'personnummer'], // no-break spaces from a word processor
  ['Pnr: 81.12.28-9874, enligt lappen.', 'personnummer'],
  [`${splitDate(KID_2007, '.')}-${KID_2007.slice(6)}`, 'personnummer'],
  [`20${splitDate(LEAP_2000, ' ')} ${LEAP_2000.slice(6)}`, 'personnummer'],
  [`${splitDate(OLD, '.')}+${OLD.slice(6)}`, 'personnummer'],
  [`${splitDate(S1, '.')}-${S1.slice(6)}`, 'samordningsnummer'],
  [`19${splitDate(S2, ' ')} ${S2.slice(6)}`, 'samordningsnummer'],
  [`${S3.slice(0, 6)}/${S3.slice(6)}`, 'samordningsnummer'],
];

/** Dates, times and numbers that must never be read as a split personnummer. */
const splitIdBenign: string[] = [
  '81.12.28-9875', // wrong check digit, not phone-shaped
  '811228/9875',
  '19 81 12 28 9875',
  '811228.9875', // a dot before the last four, wrong check digit
  '81 12 28 98 75', // the last four in pairs, wrong check digit
  '12.30 14 15', // times
  '2026-11-03',
  '3.11.2026',
  '03.11.2026 14.30',
  '3/11',
  '3/11 2026',
  '2026.11.03',
  'Mötet 2026-11-03 1430 i sal 3:12', // dashes inside a date are an ISO date
  'kl. 14.30',
  'kl 8.15-9.30',
  'Rasten 10.15 10.35 1040',
  '12 12 12 1234 st', // a random grid of numbers with a bad date
  'sal 3:12',
  'Resultatet blev 3-2.',
  'Diarienummer 2026/1234',
  'version 1.12.28',
];

describe('personnummer with a split date part', () => {
  itFindsEach(splitIdRows, splitIdBenign);
});

// --- phone numbers --------------------------------------------------------------------------------

const phoneRows: Row[] = [
  ['08-123 456 78', 'phone'],
  ['08 12 34 56', 'phone'],
  ['08-1234567', 'phone'],
  ['0812345678', 'phone'],
  ['08-123 45', 'phone'], // old 5-digit Stockholm number
  ['08 - 123 456 78', 'phone'],
  ['(08) 123 45 67', 'phone'],
  ['070-123 45 67', 'phone'],
  ['0701234567', 'phone'],
  ['073 123 45 67', 'phone'],
  ['072-1234567', 'phone'],
  ['076 123 45 67', 'phone'],
  ['079-123 45 67', 'phone'],
  ['070–123 45 67', 'phone'], // en dash
  ['(070) 123 45 67', 'phone'],
  ['031-123 45 67', 'phone'],
  ['040-12 34 56', 'phone'],
  ['0155-12 34 56', 'phone'],
  ['(0155) 12 34 56', 'phone'],
  ['0980-123 45', 'phone'],
  ['018-10 20 30', 'phone'],
  ['08-10 12 14', 'phone'], // not an hour range: the last group has no dash
  ['ärende 0123456789', 'phone'], // accepted false positive: any 0-led run of phone length
  ['020-123 456', 'phone'],
  ['+46 70 123 45 67', 'phone'],
  ['+46701234567', 'phone'],
  ['+46(0)8-123 456 78', 'phone'],
  ['+46 (0)70-123 45 67', 'phone'],
  ['+46 8 123 456 78', 'phone'],
  ['+4687654321', 'phone'],
  ['+46 08-123 456 78', 'phone'],
  ['0046 70 123 45 67', 'phone'],
  ['0046812345678', 'phone'],
  ['+47 912 34 567', 'phone'], // Norway
  ['+358 40 123 4567', 'phone'], // Finland
  ['Ring 070-123 45 67 efter skolan.', 'phone'],
  ['tel:0701234567', 'phone'],
  ['tel.nr 08-123 456 78, vardagar', 'phone'],
  ['mobil:+46701234567!', 'phone'],
  ['Pappans nummer (073 123 45 67) fanns på lappen', 'phone'],
  ['nummer\n0701234567\nslut', 'phone'],
  ['Call +46 70 123 45 67 after school.', 'phone'],
];

/** Numbers in ordinary text that must not be taken for phone numbers. */
const phoneLikeBenign: string[] = [
  '2026-11-03',
  '2026-11-03 14:30',
  '3/11',
  '03/11',
  '3 nov 2026',
  '03.11.2026',
  '08 11 2026', // DD MM YYYY, starts like 08
  '08-11-2026',
  '14:30',
  '14.30',
  '08:30',
  'kl 08.15',
  'kl. 08.00–16.00',
  'kl 8',
  'kl. 8',
  '3 elever',
  'ca 20 personer',
  'år 2019',
  'v. 45',
  'vecka 45',
  '1 000 kr',
  '10 000 kr',
  '100 000 kr',
  '1 250 000 kr',
  '1970-talet',
  '7B',
  'sal 204',
  '0,5 procent',
  '0 elever',
  '070', // too short
  '0701 23', // too short
  '+15 grader',
  '+15 000 kr',
  'mellan 8 och 16',
  '03 11 2026', // area code must be written unbroken: "03" is none
  '05 11 2026',
  'Lektioner 08-10 12-14', // hour ranges
  'kl 08 00-16 00',
  'öppet 08-12, 13-17',
];

describe('phone numbers', () => {
  itFindsEach(phoneRows, phoneLikeBenign);
  it.each(['Ring 08-123 456 78', 'Ring +46-70-123 45 67'])(
    '%j: a phone number containing an "NNN NN" group is one phone match, not a postnummer',
    (text) => {
      expect(findIdentifyingData(text)).toEqual([{ kind: 'phone', start: 5, end: text.length }]);
    },
  );
  it('a valid personnummer that also looks like a mobile number is a personnummer', () => {
    expect(findIdentifyingData(KID_2007)).toEqual([{ kind: 'personnummer', start: 0, end: 10 }]);
  });
});

/** Country code written with a dash after it, as many phones and web forms print it. */
const dashedIntlRows: Row[] = [
  ['+46-70-123 45 67', 'phone'],
  ['+46-8-123 456 78', 'phone'],
  ['0046-70-1234567', 'phone'],
  ['+358-40-1234567', 'phone'],
  ['+46 - 70 - 123 45 67', 'phone'],
  ['+46–70–1234567', 'phone'], // en dashes
  ['+46-(0)70-123 45 67', 'phone'],
  ['+46-0-70-123 45 67', 'phone'],
  ['+46-31-123 45 67', 'phone'],
  ['00358-40-1234567', 'phone'],
  ['+47-912-34-567', 'phone'],
  ['+44-20-7946-0958', 'phone'],
  ['Ring pappan på +46-70-123 45 67 efter kl 17.', 'phone'],
];

/** Plus or dash signs near numbers in ordinary text. */
const dashedIntlBenign: string[] = [
  '+15 grader',
  '+15-20 grader',
  '+3-2 i målskillnad',
  'Resultatet blev 3-2.',
  '+46', // a country code alone
  '+46-70', // too short
  'kl 8.15-9.30',
  '1 500 kr',
  '00-talet',
  '2026-11-03',
  '50 %',
];

describe('international numbers with a dash after the country code', () => {
  itFindsEach(dashedIntlRows, dashedIntlBenign);
});

// --- e-mail -------------------------------------------------------------------------------------

const emailRows: Row[] = [
  ['anna.svensson@stockholm.se', 'email'],
  ['ANNA.SVENSSON@STOCKHOLM.SE', 'email'],
  ['Anna@Example.Com', 'email'],
  ['a.b+vbe@edu.stockholm.se', 'email'],
  ['kalle+skola@gmail.com', 'email'],
  ['åsa.öberg@skolan.se', 'email'],
  ['jörgen_ä@exempel.nu', 'email'],
  ['anna-lena@sub.domain.example.se', 'email'],
  ['o\'brien@example.ie', 'email'],
  ['x1@y2.io', 'email'],
  ['skriv till anna@example.com.', 'email'],
  ['<kalle@example.org>', 'email'],
  ['mailto:kalle@example.org', 'email'],
  ['(kalle@example.org)', 'email'],
  ['e-post: kalle@example.org, tack', 'email'],
  ['Contact me at someone@hotmail.co.uk for details', 'email'],
  ['0701234567@sms.telia.se', 'email'], // e-mail wins over the phone inside it
  ['811228-9874@example.se', 'email'], // and over the personnummer inside it
  ['https://anna@example.com', 'email'],
];

const emailLikeBenign: string[] = [
  '@Anna',
  '@',
  'anna@',
  '@example.se',
  'user@localhost', // no TLD
  'anna @ x', // no dotted domain
  'a@b.c', // one-letter TLD
  '5 @ 10 kr',
  'Möte @ skolan kl 10',
  'https://www.stockholm.se/forskola-och-skola',
  'Läs mer på stockholm.se',
];

describe('e-mail addresses', () => {
  itFindsEach(emailRows, emailLikeBenign);
  it('the trailing full stop is not part of the address', () => {
    expectCut('skriv till anna@example.com.', 'anna@example.com');
  });
});

/** Addresses written to dodge the '@' (or a filter like this one). */
const obfuscatedEmailRows: Row[] = [
  ['anna.svensson (at) skolan.se', 'email'],
  ['anna[at]skolan[dot]se', 'email'],
  ['anna at skolan dot se', 'email'],
  ['anna @ skolan . se', 'email'],
  ['anna＠skolan.se', 'email'], // full-width at sign
  ['kalle (at) gmail (dot) com', 'email'],
  ['anna(at)skolan.se', 'email'],
  ['anna{at}skolan{dot}se', 'email'],
  ['anna <at> skolan <dot> se', 'email'],
  ['anna [ at ] skolan [ dot ] se', 'email'],
  ['ANNA AT SKOLAN DOT SE', 'email'],
  ['Anna At Skolan Dot Se', 'email'],
  ['anna @skolan.se', 'email'],
  ['anna@ skolan.se', 'email'],
  ['anna @ edu . stockholm . se', 'email'],
  ['anna@skolan dot se', 'email'],
  ['anna (at) skolan (punkt) se', 'email'],
  ['anna snabel-a skolan punkt se', 'email'],
  ['anna snabela skolan.se', 'email'],
  ['anna.svensson at skolan.se', 'email'],
  ['kalle92 at gmail.com', 'email'],
  ['kalle_b at hotmail.com', 'email'],
  ['anna﹫skolan．se', 'email'], // small at sign, full-width full stop
  ['Mejla henne på anna (at) skolan.se om du vill veta mer.', 'email'],
  ['Contact her at anna [at] school [dot] co [dot] uk please', 'email'],
];

/** "at" and "dot" are English words, and '@' and '.' occur in Swedish prose too. */
const obfuscatedEmailBenign: string[] = [
  'we met at school at 9',
  'We met at school at 9.30 and at the library at 10.',
  'Read more at stockholm.se',
  'More information is available at www.stockholm.se/skola.',
  'Information at stockholm.se and at polisen.se',
  'They arrived at 08.15 at Skolan. Se bilagan.',
  'look at the dot in the picture',
  'Look at the dot com bubble.',
  'She drew a dot at the end of the line.',
  'Dottern var hemma; en anekdot om dotterbolaget.',
  'at least 5 students were at home',
  'Möte @ skolan. Se till att alla kommer.',
  'Möte @ skolan kl 10',
  'e.g. at skolan.se',
  'Hen var at skolan dot', // no top-level domain
  'anna at skolan', // no domain at all
  'anna (at) skolan',
  'anna at skolan.se', // missed: see the limitations above
  '3 @ 10 kr',
  'klass 7B at 9.30',
  'We were at home. Se nedan.',
];

describe('obfuscated e-mail addresses', () => {
  itFindsEach(obfuscatedEmailRows, obfuscatedEmailBenign);
  it('cuts out the whole address, from the local part to the top-level domain', () => {
    expectCut('Mejla kalle (at) gmail (dot) com i dag.', 'kalle (at) gmail (dot) com');
  });
});

// --- street addresses ---------------------------------------------------------------------------

const streetRows: Row[] = [
  ['Hägerstensvägen 110', 'street_address'],
  ['hägerstensvägen 110', 'street_address'],
  ['Sankt Eriksgatan 5', 'street_address'],
  ['Götgatan 12B', 'street_address'],
  ['Götgatan 12 B', 'street_address'],
  ['Götgatan 12b', 'street_address'],
  ['Götgatan 12-14', 'street_address'],
  ['Torsgatan 2–4', 'street_address'],
  ['GÖTGATAN 12', 'street_address'],
  ['götgatan 12', 'street_address'],
  ['Valla torg 3', 'street_address'],
  ['Västberga allé 12', 'street_address'],
  ['Västberga alle 12', 'street_address'],
  ['Drottning Kristinas väg 5', 'street_address'],
  ['Selma Lagerlöfs torg 2', 'street_address'],
  ['Lilla Nygatan 2', 'street_address'],
  ['Storgata 7', 'street_address'],
  ['Sveavägen 44', 'street_address'],
  ['Ringvägen 45, 3 tr', 'street_address'],
  ['Västerlånggatan 40', 'street_address'],
  ['Mariatorget 1', 'street_address'],
  ['Bergsgränd 3', 'street_address'],
  ['Klippgatan 14A', 'street_address'],
  ['Skeppsbrokajen 4', 'street_address'],
  ['Medborgarplatsen 3', 'street_address'],
  ['Fridhemsplan 9', 'street_address'],
  ['Söder Mälarstrand 21', 'street_address'],
  ['Ekbacken 5', 'street_address'],
  ['Kvarnliden 2', 'street_address'],
  ['Rågsvedsslingan 4', 'street_address'],
  ['Strandvägen 7', 'street_address'],
  ['Eleven bor på Götgatan 12 med sin mamma.', 'street_address'],
  ['Han bor på Hägerstensvägen 110.', 'street_address'],
  ['The family lives at Sveavägen 44 in Stockholm.', 'street_address'],
  ['adress:Götgatan 12', 'street_address'],
  ['Han bor på Götgatan 12 min bror sa det', 'street_address'], // "min" = "my", not minutes
  ['Götgatan 12 Tim vet var', 'street_address'],
  ['Hägersten vägen 110', 'street_address'], // multi-word name: not required, caught anyway
];

const streetLikeBenign: string[] = [
  'vid Götgatan',
  'på Valla torg',
  'Götgatan',
  'Händelsen skedde vid Götgatan.',
  'Vi träffades på Valla torg igår.',
  'på Götgatan stod 3 elever',
  'på Götgatan 3 elever', // a count, not a house number
  'vid Götgatan 20 personer', // a count
  'utanför Götgatan 14.30', // a time
  'vid Götgatan 14:30',
  'på Götgatan 3 november', // a date
  'Götgatan 2026', // a year
  'Vid torget 2 gånger',
  'Vid torget 2', // sentence-start function word, not a name
  'på vägen 3',
  'Vägen 3',
  'på plan 3',
  'Vi var på plan 3 i huset.',
  'enligt handlingsplan 2',
  'handlingsplanen 2025',
  'mötesplatsen 2',
  'i parken 2 gånger',
  'Parken 3',
  'klass 8C',
  'åk 9',
  'årskurs 5',
  'sal 204',
  'rum 12B',
  'Eleven är 15 år och går i 9A.',
];

describe('street addresses with a number', () => {
  itFindsEach(streetRows, streetLikeBenign);
  it('a stand-alone suffix word takes the name before it into the match', () => {
    expectCut('på Valla torg 3', 'Valla torg 3');
  });
});

/** Street names cut short ("…g." for gatan, "…v." for vägen) and post-office boxes. */
const abbreviatedStreetRows: Row[] = [
  ['Hägerstensv. 150', 'street_address'],
  ['Götg. 12', 'street_address'],
  ['Storg 5', 'street_address'],
  ['Kungsg 5', 'street_address'],
  ['Kungsg. 5', 'street_address'],
  ['Sveav. 44', 'street_address'],
  ['Vasag. 12B', 'street_address'],
  ['Drottningg. 5', 'street_address'],
  ['Hornsg. 12-14', 'street_address'],
  ['Sankt Eriksg. 5', 'street_address'],
  ['Valhallav. 150, 3 tr', 'street_address'],
  ['Han bor på Götg. 12 med sin mamma.', 'street_address'],
  ['Box 123', 'street_address'],
  ['Box 4052', 'street_address'],
  ['BOX 4052', 'street_address'],
  ['Box 12345', 'street_address'],
  ['Skicka till Box 123.', 'street_address'],
];

/** Abbreviations, words and places that end in g or v, and the word "box" elsewhere. */
const abbreviatedStreetBenign: string[] = [
  'ca. 12',
  'kap. 14',
  's. 12',
  'nr. 5',
  'v. 12',
  'v. 47',
  'vecka 47',
  'bl.a. 3',
  'resp. 2',
  'Ung. 10',
  'Ang. 3',
  'Omg. 3',
  'Avg. 12',
  'Uppg. 3',
  'Läsv. 12',
  'Förslag 2 antogs.',
  'Uppdrag 3',
  'Steg 3',
  'Tisdag 12',
  'Måndag 5',
  'Övning 2',
  'Inlägg 4',
  'Prov 2',
  'Brev 2',
  'Motiv 4',
  'Krav 3',
  'Berg 3',
  'Helg 2',
  'Vi åkte till Göteborg. 12 av eleverna följde med.',
  'Hon flyttade från Linköping. 3 av dem',
  'Kyiv. 12 av dem',
  'Götg. 14.30', // a time
  'Götg. 3 elever', // a count
  'box 3 st', // a box, not an address
  'Box 3 st', // a count, as for streets
  'en box 12',
  'Lägg lappen i brevlådan, box 4052 är full.',
  'Boxning 3 gånger i veckan',
  'buss 143',
  'klass 7B',
];

describe('abbreviated street names and post-office boxes', () => {
  itFindsEach(abbreviatedStreetRows, abbreviatedStreetBenign);
});

// --- postnummer -----------------------------------------------------------------------------------

const postnummerRows: Row[] = [
  ['126 30 Hägersten', 'postnummer'],
  ['126 30', 'postnummer'],
  ['SE-126 30 Hägersten', 'postnummer'],
  ['SE-126 30', 'postnummer'],
  ['S-126 30', 'postnummer'],
  ['SE 126 30', 'postnummer'],
  ['118 46 Stockholm', 'postnummer'],
  ['100 05 Stockholm', 'postnummer'],
  ['129 38 HÄGERSTEN', 'postnummer'],
  ['984 99 Pajala', 'postnummer'],
  ['postnummer 125 44', 'postnummer'],
  ['Hen bor i 126 30 Hägersten.', 'postnummer'],
  ['(126 30)', 'postnummer'],
];

/*
 * Deliberate edge cases: "Klockan 12 30 personer" is not NNN NN. "126 30 personer" is a count.
 * A bare "120 00" would be flagged (accepted; nobody writes counts like that).
 */
const postnummerLikeBenign: string[] = [
  '12630', // bare five digits
  '985 00', // above the range in use
  '099 99',
  '12 30',
  'Klockan 12 30 personer',
  '126 30 personer',
  '150 20-åringar',
  '126 30 %',
  '126 30 kr',
  '100 000 kr',
  '1 126 300',
  '12,5 %',
];

describe('postnummer', () => {
  itFindsEach(postnummerRows, postnummerLikeBenign);
});

/** Five digits without the space, with a town name after them. */
const barePostnummerRows: Row[] = [
  ['12938 Hägersten', 'postnummer'],
  ['11122 Stockholm', 'postnummer'],
  ['12630 Hägersten', 'postnummer'],
  ['12938 HÄGERSTEN', 'postnummer'],
  ['19460 Upplands Väsby', 'postnummer'],
  ['SE-12938', 'postnummer'],
  ['SE-12938 Hägersten', 'postnummer'],
  ['Hen bor på 12938 Hägersten.', 'postnummer'],
  ['(11122 Stockholm)', 'postnummer'],
];

const barePostnummerBenign: string[] = [
  '12938',
  '12938 är numret',
  'Ärendet har nummer 12345 och gäller klotter.',
  '5000 kr',
  '12000 EUR',
  '12500 Kronor',
  'ca 12000 personer',
  '15000 SEK',
  '99999 Stockholm', // above the range in use
  '09999 Stockholm',
  '123456 Stockholm',
  '12345 i Stockholm',
  '1,12938 Hägersten',
  'Årskurs 5 hade 12938 poäng',
];

describe('postnummer without the space', () => {
  itFindsEach(barePostnummerRows, barePostnummerBenign);
});

// --- lägenhetsnummer ------------------------------------------------------------------------------

const apartmentRows: Row[] = [
  ['lgh 1102', 'apartment_number'],
  ['Lgh. 1102', 'apartment_number'],
  ['LGH 1102', 'apartment_number'],
  ['lgh1102', 'apartment_number'],
  ['lgh nr 1102', 'apartment_number'],
  ['lgh-nr 1102', 'apartment_number'],
  ['lghnr 1102', 'apartment_number'],
  ['lgh nr. 1102', 'apartment_number'],
  ['lägenhet 1102', 'apartment_number'],
  ['Lägenhet nr 1203', 'apartment_number'],
  ['lägenhetsnummer 1102', 'apartment_number'],
  ['Lägenhetsnummer: 1102', 'apartment_number'],
  ['lägenhetsnr 1001', 'apartment_number'],
  ['lgh 1999', 'apartment_number'],
  ['lgh 9001', 'apartment_number'],
  ['lgh 0901', 'apartment_number'], // basement floors are 09xx
  ['bor i lgh 1304 på tredje våningen', 'apartment_number'],
  ['(lgh 1102)', 'apartment_number'],
];

const apartmentLikeBenign: string[] = [
  'lgh',
  'lgh 12',
  'lgh 12345',
  'lgh 0012',
  'lägenhet 12',
  'lägenheten på 3 rum',
  'lägenheter 1200',
  'Rum 1102',
  'en lägenhet med 3 rum och kök',
];

describe('lägenhetsnummer', () => {
  itFindsEach(apartmentRows, apartmentLikeBenign);
});

// --- benign prose ---------------------------------------------------------------------------------

const benignProse: string[] = [
  '',
  '   \n\t  ',
  'En elev i klass 8C bar en symbol med tre pilar under rasten kl 10:15 den 3 november.',
  'Under lektionen i sal 204 visade tre elever en film med våldsbejakande innehåll.',
  'Den 2026-11-03 kl 14.30 sågs ca 20 personer samlas vid Valla torg.',
  'Händelsen inträffade vecka 45 (v. 45) och rapporterades till rektor.',
  'Årskurs 5 och åk 9 har haft samtal om 1990-talet och extremism.',
  'Ungefär 12 st klistermärken hittades, värde ca 500 kr.',
  'Andelen elever som svarade var 35 % (35 procent).',
  'Symbolen 88 och siffran 1488 förekom i klotter på skolgården.',
  'Mellan kl 8 och 16 var fritidsgården öppen; 3 elever och 2 vuxna var där.',
  'Skolan ligger vid Götgatan och händelsen skedde utanför entrén.',
  'Polisen kontaktades 3/11 och besökte skolan 03.11.2026.',
  'Rasten 10.15–10.35, lektion 10:40-11:20.',
  'Pris: 1 000 kr, 10 000 kr eller 1 250 000 kr; 500:- per biljett.',
  'Vi var på plan 3 i huset och gick sedan till parken 2 gånger.',
  'Enligt handlingsplan 2 och handlingsplanen 2025 ska vi rapportera.',
  'Flera personer (ca 30–40) deltog i mötet år 2019 och år 2025.',
  'Ärendet har diarienummer 2026/1234 hos förvaltningen.',
  'Temperaturen var +15 grader och klockan var 08:15.',
  'Eleven är 15 år, går i 9A och har bott i Sverige sedan 2015.',
  'Information finns på https://www.stockholm.se/forskola-och-skola',
  'Se https://start.stockholm/aktuellt?sida=2&id=45 för mer.',
  'Klotter med texten "ACAB" och en sol-symbol hittades på toaletten på plan 2.',
  'En grupp på 4–5 ungdomar delade propaganda i en Telegram-kanal med 1 200 medlemmar.',
  'On 3 Nov 2026 at 14:30 a student in class 7B shared extremist propaganda on social media.',
  'Two students, aged about 15, were seen near the school at 08:15 on 2026-11-03.',
  'About 20 people gathered outside the youth centre; 3 of them wore masks.',
  'Oro för en elev som uttryckt sympati för en våldsbejakande rörelse, 🙁 se bifogad beskrivning.',
];

describe('benign text passes', () => {
  itFindsEach([], benignProse);
});

// --- several kinds, offsets, order ----------------------------------------------------------------

describe('mixed text', () => {
  const text =
    'Ring 070-123 45 67 eller mejla anna@example.se. Pnr 811228-9874, ' +
    'bor på Götgatan 12 lgh 1102, 118 46 Stockholm. Samordningsnr ' +
    dash(S2) +
    '.';

  it('reports every kind once, in order of first appearance', () => {
    expect(kindsChecked(text)).toEqual([
      'phone',
      'email',
      'personnummer',
      'street_address',
      'apartment_number',
      'postnummer',
      'samordningsnummer',
    ]);
  });

  it('gives offsets that cut out exactly the identifying part', () => {
    expect(findIdentifyingData(text).map((m) => [m.kind, text.slice(m.start, m.end)])).toEqual([
      ['phone', '070-123 45 67'],
      ['email', 'anna@example.se'],
      ['personnummer', '811228-9874'],
      ['street_address', 'Götgatan 12'],
      ['apartment_number', 'lgh 1102'],
      ['postnummer', '118 46'],
      ['samordningsnummer', dash(S2)],
    ]);
  });

  it('reports a repeated kind once', () => {
    expect(identifyingKinds('0701234567 och 0739876543 och 08-123 456 78')).toEqual(['phone']);
    expect(findIdentifyingData('0701234567 och 0739876543')).toHaveLength(2);
  });

  it('an address with postnummer is two kinds', () => {
    expect(kindsChecked('Hägerstensvägen 110, 126 30 Hägersten')).toEqual([
      'street_address',
      'postnummer',
    ]);
  });
});

// --- long and hostile input -----------------------------------------------------------------------

describe('long and hostile input', () => {
  const prose =
    'En elev i klass 8C bar en symbol under rasten kl 10:15 den 3 november 2026. Ca 20 personer ' +
    'samlades vid Valla torg; 3 elever i sal 204 berättade om 1990-talet och vecka 45. Kostnad 500 kr. ';
  const longProse = prose.repeat(Math.ceil(20_000 / prose.length)).slice(0, 20_000);

  it('20,000 characters of prose return []', () => {
    expect(longProse.length).toBe(20_000);
    expect(findIdentifyingData(longProse)).toEqual([]);
  });

  it('finds a personnummer at the very end of 20,000 characters', () => {
    expect(identifyingKinds(`${longProse}811228-9874`)).toEqual(['personnummer']);
  });

  it.each([
    ['digits', '1'.repeat(20_000)],
    ['zeros', '0'.repeat(20_000)],
    ['spaced digits', '1 '.repeat(10_000)],
    ['letters then @', `${'a'.repeat(20_000)}@`],
    ['dotted domain without TLD', `a@${'b.'.repeat(10_000)}1`],
    ['one long word', 'gatan'.repeat(4_000)],
    ['many dashes', '1-'.repeat(10_000)],
    ['spelled-out at and dot', 'a at b dot '.repeat(2_000)],
    ['bracketed at', '(at)'.repeat(5_000)],
    ['spaced @ and dots', 'a @ b . '.repeat(2_500)],
    ['full-width at signs', '＠'.repeat(20_000)],
    ['split dates', '12.12.12 '.repeat(2_250)],
    ['dashed country codes', '+46-'.repeat(5_000)],
    ['abbreviation-like words', 'Götg. '.repeat(3_400)],
    ['Box without a number', 'Box '.repeat(5_000)],
    ['five-digit numbers', '12345 '.repeat(3_400)],
  ])('survives %s', (_name, text) => {
    expect(findIdentifyingData(text)).toEqual([]);
  });
});
