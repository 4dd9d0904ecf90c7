import { createHmac } from 'node:crypto';

/**
 * A keyed pseudonym of a user id. Without the key the stored value cannot be matched to a
 * directory listing, as a plain hash of an object id could.
 */
export function createPseudonymizer(secret: string): (id: string) => string {
  return (id) => createHmac('sha256', secret).update(id.toLowerCase()).digest('base64url');
}
