import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Settings } from '../store/repositories/settings';

/**
 * A keyed pseudonym of a user id. Without the key the stored value cannot be matched to a
 * directory listing, as a plain hash of an object id could.
 */
export function createPseudonymizer(secret: string): (id: string) => string {
  return (id) => createHmac('sha256', secret).update(id.toLowerCase()).digest('base64url');
}

/**
 * An AES-256 key for sealed records (store/sealed.ts): an HKDF sub-key of the installation
 * secret, so it is never stored and differs from the pseudonym key. One label per use: a key
 * that opens the survey pool opens no reporter link.
 */
function sealingKey(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'vbe-stod', label, 32));
}

/** Seals pending survey answers (store/sealed-answer.ts). */
export function answerPoolKey(secret: string): Buffer {
  return sealingKey(secret, 'survey answer pool v1');
}

/** Seals the way back to a reporter (store/repositories/reporter-links.ts), for the follow-up only. */
export function reporterLinkKey(secret: string): Buffer {
  return sealingKey(secret, 'reporter link v1');
}

/** DATA_KEY when configured; otherwise (development) a random secret kept in the store. */
export async function pseudonymSecret(dataKey: string | undefined, settings: Settings): Promise<string> {
  return dataKey ?? settings.generatedSecret(() => randomBytes(32).toString('base64url'));
}
