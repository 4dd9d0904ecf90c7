import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SurveyAnswer } from '../domain/survey/survey-answer';

/** What a pending pool record holds once opened: the answer and the id its answer record will get. */
export interface PendingAnswer {
  answerId: string;
  answer: SurveyAnswer;
}

/**
 * Every sealed answer is this long before encryption, so the ciphertext's length says nothing
 * (e.g. which answers had a comment). A comment of `COMMENT_MAX_LENGTH` (1 000) characters is at
 * most 6 000 bytes of JSON (`\u0001` is six); every other question together stays under 1 KB.
 */
export const SEALED_PLAINTEXT_BYTES = 8192;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with the round id as associated data, so a record cannot be moved to another
 * round. The JSON is padded with spaces, which JSON.parse ignores.
 */
export function sealAnswer(key: Buffer, roundId: string, pending: PendingAnswer): string {
  const json = Buffer.from(JSON.stringify(pending), 'utf8');
  if (json.length > SEALED_PLAINTEXT_BYTES) throw new RangeError(`a pending answer of ${json.length} bytes does not fit the sealed size`);
  const plaintext = Buffer.alloc(SEALED_PLAINTEXT_BYTES, 0x20);
  json.copy(plaintext);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(roundId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64');
}

/** Throws when the record was sealed with another key or for another round, or was altered. */
export function openAnswer(key: Buffer, roundId: string, sealed: string): PendingAnswer {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(roundId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const plaintext = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as PendingAnswer;
}
