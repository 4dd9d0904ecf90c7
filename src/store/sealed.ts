import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals a JSON value with AES-256-GCM: `associatedData` binds the record to where it belongs
 * (a survey round, a report reference), so a sealed record cannot be moved to another place. The
 * JSON is padded with spaces (which JSON.parse ignores) to `size` bytes, so the ciphertext's
 * length says nothing about what it holds. The key comes from `services/pseudonym.ts` (an HKDF
 * sub-key of the installation secret, one label per use); it is never stored.
 */
export function sealJson(key: Buffer, associatedData: string, value: unknown, size: number): string {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  if (json.length > size) throw new RangeError(`a record of ${json.length} bytes does not fit the sealed size ${size}`);
  const plaintext = Buffer.alloc(size, 0x20);
  json.copy(plaintext);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64');
}

/** Throws when the record was sealed with another key or for another place, or was altered. */
export function openJson<T>(key: Buffer, associatedData: string, sealed: string): T {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const plaintext = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as T;
}
