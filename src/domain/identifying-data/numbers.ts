/** Personnummer, samordningsnummer and phone numbers, and how the two shapes are told apart. */
import { classifySwedishIdNumber, idNumberDateKind } from '../swedish-id-number';
import { collect, DASH, SP, type IdentifyingKind, type IdentifyingMatch } from './scan';

// --- personnummer / samordningsnummer -------------------------------------------------------

/** Between the parts of a date written out: "81.12.28", "81/12/28", "81 12 28", "19 81 12 28". */
const DATE_PART_SEP = `(?:[./]|${SP})`;
/**
 * YYMMDD or YYYYMMDD, unbroken or with the parts separated (not by dashes: "2026-11-03 1430"
 * is an ISO date and a time far more often than a personnummer).
 */
const ID_DATE =
  `\\d{6}|\\d{8}|(?:\\d{2}${DATE_PART_SEP}?)?\\d{2}${DATE_PART_SEP}\\d{2}${DATE_PART_SEP}\\d{2}`;
/**
 * The date, then '-', '+', '/' or '.' (a dash may have spaces round it) and NNNC; or the date, a
 * space or nothing, and NNNC, which may then be written in two pairs ("81 12 28 98 74"). Pairs only
 * after a space: after a dot, "12 12.12.12 12" in a grid of times would read as a number.
 */
const ID_NUMBER_RE = new RegExp(
  `(?<!\\d)(${ID_DATE})(?:${SP}?(${DASH}|\\+|/|\\.)${SP}?(\\d{4})|${SP}?(\\d{4}|\\d{2}${SP}\\d{2}))(?!\\d)`,
  'gu',
);

export function findIdNumbers(text: string): IdentifyingMatch[] {
  return collect(ID_NUMBER_RE, text, (m) => {
    const date = (m[1] ?? '').replace(/\D/g, '');
    const last = (m[3] ?? m[4] ?? '').replace(/\D/g, '');
    const kind = classifySwedishIdNumber(`${date}${last}`, m[2] ?? '');
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
/**
 * +46 / 0046, a space or dash ("+46-70-123 45 67"), an optional "(0)" or stray trunk 0, then
 * 6..9 digits of the national number.
 */
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

export function findPhones(text: string): IdentifyingMatch[] {
  return collect(PHONE_RE, text, (m) =>
    DATE_SHAPE.test(m[0]) || TIME_RANGES.test(m[0])
      ? null
      : { kind: phoneKind(m[0]), start: m.index, end: m.index + m[0].length },
  );
}
