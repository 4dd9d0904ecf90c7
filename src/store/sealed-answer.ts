import type { SurveyAnswer } from '../domain/survey/survey-answer';
import { openJson, sealJson } from './sealed';

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

/** AES-256-GCM (store/sealed.ts) with the round id as associated data, so a record cannot be moved to another round. */
export function sealAnswer(key: Buffer, roundId: string, pending: PendingAnswer): string {
  return sealJson(key, roundId, pending, SEALED_PLAINTEXT_BYTES);
}

/** Throws when the record was sealed with another key or for another round, or was altered. */
export function openAnswer(key: Buffer, roundId: string, sealed: string): PendingAnswer {
  return openJson<PendingAnswer>(key, roundId, sealed);
}
