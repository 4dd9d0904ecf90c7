/** E-mail addresses, written plainly or dodging the '@'. */
import { collect, SP, type IdentifyingMatch } from './scan';

/** Deliberately loose and linear: local@domain, the domain is checked in code below. */
const EMAIL_RE = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+/gu;
/** The domain needs a dot and a top-level domain of at least two letters. */
const EMAIL_DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;

export function findPlainEmails(text: string): IdentifyingMatch[] {
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

export function findObfuscatedEmails(text: string): IdentifyingMatch[] {
  return collect(OBFUSCATED_EMAIL_RE, text, (m) =>
    acceptObfuscated(m[1] ?? '', m[2] ?? '', m[3] ?? '')
      ? { kind: 'email', start: m.index, end: m.index + m[0].length }
      : null,
  );
}
