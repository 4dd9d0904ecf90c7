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
 * Judgement calls and known limitations (deliberate, keep in sync with identifying-data.ts):
 * - A 10-digit number that is a real date with a valid Luhn digit is reported as a personnummer
 *   even if it was meant as a phone number ("070315-1234" looks like a 2007 birth): the most
 *   sensitive kind wins. A personnummer-shaped number with a bad date or check digit that starts
 *   with 0 is still a phone number ("010229-1234").
 * - 10-digit forms: the date is accepted if real in either century (19YY/20YY; 18YY/19YY after
 *   '+'), so 000229 is valid (2000) but 970229 and 000229+ are not. 12-digit forms: 18xx..20xx.
 * - Phone: area code must be written unbroken ("08", "031", "0155", "070"); "07 01 23 45 67"
 *   is missed. "08 11 2026"/"08-11-2026" is a date and "08-10 12-14"/"08 00-16 00" a schedule,
 *   so a real Stockholm number written exactly in those shapes is missed. Any other 0-led digit
 *   run of the right length is a phone ("ärende 0123456789" included: accepted false positive).
 *   Foreign numbers with 9..15 digits after '+' are flagged too.
 * - Postnummer: only "NNN NN", "SE-NNN NN", "S-NNN NN" in 100 00..984 99. A bare "12630" is not
 *   flagged. "NNN NN" followed by a count word ("personer", "elever", "kr", "%", a month...) is
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
 * - Apartment number: exactly four digits after lgh/lägenhet/lägenhetsnummer (not 00xx).
 * - E-mail needs a dotted domain with a letter TLD: "user@localhost" and "anna @ x.se" pass.
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
  it.each(personnummerRows)('%j → %s', (text, kind) => {
    expect(kindsChecked(text)).toEqual([kind]);
  });
});

describe('samordningsnummer (day + 60)', () => {
  it.each(samordningsnummerRows)('%j → %s', (text, kind) => {
    expect(kindsChecked(text)).toEqual([kind]);
  });
});

describe('invalid personnummer-shaped numbers pass', () => {
  it.each(invalidIdNumbers)('%j → []', (text) => {
    expect(kindsChecked(text)).toEqual([]);
    expect(kindsChecked(`Numret ${text} stod på lappen.`)).toEqual([]);
  });

  it('an invalid number that starts with 0 is still a phone number', () => {
    expect(kindsChecked(dash(withCheck('010229123')))).toEqual(['phone']); // 2001/1901 not leap
    expect(kindsChecked(dash(badCheck(NEW_YEAR)))).toEqual(['phone']);
  });
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
  it.each(phoneRows)('%j → %s', (text, kind) => {
    expect(kindsChecked(text)).toEqual([kind]);
  });
  it.each(phoneLikeBenign)('%j → []', (text) => {
    expect(kindsChecked(text)).toEqual([]);
  });
  it('a phone number containing an "NNN NN" group is one phone match, not a postnummer', () => {
    const text = 'Ring 08-123 456 78';
    expect(findIdentifyingData(text)).toEqual([{ kind: 'phone', start: 5, end: text.length }]);
  });
  it('a valid personnummer that also looks like a mobile number is a personnummer', () => {
    expect(findIdentifyingData(KID_2007)).toEqual([{ kind: 'personnummer', start: 0, end: 10 }]);
  });
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
  'anna @ x', // spaces around @ are not required to be caught
  'a@b.c', // one-letter TLD
  '5 @ 10 kr',
  'Möte @ skolan kl 10',
  'https://www.stockholm.se/forskola-och-skola',
  'Läs mer på stockholm.se',
];

describe('e-mail addresses', () => {
  it.each(emailRows)('%j → %s', (text, kind) => {
    expect(kindsChecked(text)).toEqual([kind]);
  });
  it.each(emailLikeBenign)('%j → []', (text) => {
    expect(kindsChecked(text)).toEqual([]);
  });
  it('the trailing full stop is not part of the address', () => {
    const text = 'skriv till anna@example.com.';
    const [m] = findIdentifyingData(text);
    expect(m && text.slice(m.start, m.end)).toBe('anna@example.com');
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
  it.each(streetRows)('%j → %s', (text, kind) => {
    expect(kindsChecked(text)).toEqual([kind]);
  });
  it.each(streetLikeBenign)('%j → []', (text) => {
    expect(kindsChecked(text)).toEqual([]);
  });
  it('a stand-alone suffix word takes the name before it into the match', () => {
    const text = 'på Valla torg 3';
    const [m] = findIdentifyingData(text);
    expect(m && text.slice(m.start, m.end)).toBe('Valla torg 3');
  });
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
  '12630 Hägersten',
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
  it.each(postnummerRows)('%j → %s', (text, kind) => {
    expect(kindsChecked(text)).toEqual([kind]);
  });
  it.each(postnummerLikeBenign)('%j → []', (text) => {
    expect(kindsChecked(text)).toEqual([]);
  });
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
  it.each(apartmentRows)('%j → %s', (text, kind) => {
    expect(kindsChecked(text)).toEqual([kind]);
  });
  it.each(apartmentLikeBenign)('%j → []', (text) => {
    expect(kindsChecked(text)).toEqual([]);
  });
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
  it.each(benignProse)('%j → []', (text) => {
    expect(kindsChecked(text)).toEqual([]);
  });
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
  ])('survives %s', (_name, text) => {
    expect(findIdentifyingData(text)).toEqual([]);
  });
});
