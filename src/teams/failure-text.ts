import type { Strings } from '../domain/i18n';
import { isStoreError } from '../store/store-error';

/**
 * What a user is told when their turn failed: a store that cannot be reached (or did not answer
 * in time) passes, so they are asked to try again shortly; anything else is unexpected.
 */
export function failureText(t: Strings, error: unknown): string {
  return isStoreError(error, 'unavailable') ? t.errors.try_again_shortly : t.errors.unexpected;
}
