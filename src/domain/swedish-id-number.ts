/**
 * Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer): calendar-date and Luhn rules only. Pure: no clock, no I/O.
 *
 * A number is written YYMMDD-NNNC or YYYYMMDD-NNNC. The check digit C is Luhn over the
 * ten-digit form YYMMDDNNN (the century never takes part). A coordination number is the same
 * with 60 added to the day (61..91).
 */
export type SwedishIdNumberKind = 'personnummer' | 'samordningsnummer';

/** Days added to the day of birth in a coordination number. */
const COORDINATION_DAY_OFFSET = 60;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1..12) of `year`; 0 for a month that does not exist. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) return 0;
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The Luhn check digit for a string of digits: weights 2,1,2,1,... from the left (correct for
 * the nine digits of a personnummer), digit sums of the products, then (10 - sum mod 10) mod 10.
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * The kind a candidate written as 10 or 12 digits (separators already removed) would be if its
 * check digit were right: null when the date is impossible. `separator` is the one the writer
 * used: '+' marks a person aged 100 or more, which only matters for the 10-digit form, where the
 * century is otherwise unknown. We have no clock here, so a 10-digit date is real if it is a real
 * date in *either* plausible century (19YY/20YY, or 18YY/19YY after '+'): that only changes the
 * answer for 29 February in YY=00.
 */
export function idNumberDateKind(digits: string, separator = ''): SwedishIdNumberKind | null {
  if (!/^(?:\d{10}|\d{12})$/.test(digits)) return null;
  const tenDigits = digits.slice(-10);
  let centuries: number[];
  if (digits.length === 12) {
    const century = Number(digits.slice(0, 2)) * 100;
    // Nobody alive or recently deceased was born before 1800; nobody yet after 2099.
    if (century < 1800 || century > 2000) return null;
    centuries = [century];
  } else {
    centuries = separator === '+' ? [1800, 1900] : [1900, 2000];
  }

  const yy = Number(tenDigits.slice(0, 2));
  const month = Number(tenDigits.slice(2, 4));
  const rawDay = Number(tenDigits.slice(4, 6));
  const kind: SwedishIdNumberKind = rawDay > COORDINATION_DAY_OFFSET ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? rawDay - COORDINATION_DAY_OFFSET : rawDay;
  return centuries.some((c) => day >= 1 && day <= daysInMonth(c + yy, month)) ? kind : null;
}

/**
 * Classifies a candidate written as 10 or 12 digits (separators already removed): a real date
 * (see idNumberDateKind) and a right check digit. Returns null otherwise.
 */
export function classifySwedishIdNumber(digits: string, separator = ''): SwedishIdNumberKind | null {
  const kind = idNumberDateKind(digits, separator);
  if (!kind) return null;
  const tenDigits = digits.slice(-10);
  return luhnCheckDigit(tenDigits.slice(0, 9)) === Number(tenDigits[9]) ? kind : null;
}

/** True for a valid personnummer or samordningsnummer written as 10 or 12 bare digits. */
export function isValidSwedishIdNumber(digits: string, separator = ''): boolean {
  return classifySwedishIdNumber(digits, separator) !== null;
}
