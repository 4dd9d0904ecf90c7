/**
 * Finds data in free text that could identify a person: personnummer, samordningsnummer,
 * phone numbers, e-mail addresses (also written to dodge the '@'), street addresses with a house
 * number (also abbreviated, and post-office boxes), postnummer and lägenhetsnummer. The bot
 * refuses a free-text answer that contains any of them, naming the kind found, never the data.
 *
 * Pure: no clock, no I/O. Every pattern is linear-time (no nested unbounded quantifiers), so
 * a long paste cannot stall the bot. Numbers are bounded by digit lookarounds only, not word
 * boundaries, so "pnr811228-9874" or "(811228-9874)" are still caught.
 *
 * The detector leans towards refusing: a false positive costs the user a rewrite, a false
 * negative puts personal data into the coordinator's inbox. Known limitations are listed in
 * test/unit/identifying-data.test.ts.
 */
import {
  findAbbreviatedStreets,
  findApartments,
  findBoxAddresses,
  findPostnummer,
  findStreetAddresses,
} from './addresses';
import { findObfuscatedEmails, findPlainEmails } from './email';
import { findIdNumbers, findPhones } from './numbers';
import type { IdentifyingKind, IdentifyingMatch } from './scan';

export type { IdentifyingKind, IdentifyingMatch } from './scan';

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
