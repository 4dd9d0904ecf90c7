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
 * The AES-256 key that seals pending survey answers (store/sealed-answer.ts): an HKDF sub-key of
 * the installation secret, so it is never stored and differs from the pseudonym key.
 */
export function answerPoolKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'vbe-stod', 'survey answer pool v1', 32));
}

/** DATA_KEY when configured; otherwise (development) a random secret kept in the store. */
export async function pseudonymSecret(dataKey: string | undefined, settings: Settings): Promise<string> {
  return dataKey ?? settings.generatedSecret(() => randomBytes(32).toString('base64url'));
}
