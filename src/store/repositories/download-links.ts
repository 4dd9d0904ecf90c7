import { createHash } from 'node:crypto';
import type { DocumentStore } from '../document-store';

const CONTAINER = 'downloadLinks';
const PARTITION = 'links';

/**
 * What a download link stands for: the request, never the document (it is drawn up when the link
 * is used) and never the token itself — the document id is the token's SHA-256, so whoever reads
 * the store or a dump cannot use a link that is still valid.
 */
export interface DownloadLink {
  kind: 'lagesbild';
  year: number;
  from: string;
  to: string;
  language: 'sv' | 'en';
  /** The coordinator it was issued to (for the audit entry of its use). */
  issuedTo: { aadObjectId: string; name: string };
  issuedAt: string;
  expiresAt: string;
}

export type LinkUse = { ok: true; link: DownloadLink } | { ok: false; problem: 'unknown' | 'expired' };

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class DownloadLinks {
  constructor(private readonly store: DocumentStore) {}

  async issue(token: string, link: DownloadLink): Promise<void> {
    await this.store.create(CONTAINER, PARTITION, tokenHash(token), link);
  }

  /**
   * Uses a link once: the delete is the claim, so of two requests at once only one gets the
   * document. A used link is gone and answers as an unknown one.
   */
  async use(token: string, now: Date): Promise<LinkUse> {
    const id = tokenHash(token);
    const document = await this.store.read<DownloadLink>(CONTAINER, PARTITION, id);
    if (!document) return { ok: false, problem: 'unknown' };
    const claimed = await this.store.delete(CONTAINER, PARTITION, id);
    if (!claimed) return { ok: false, problem: 'unknown' };
    if (document.body.expiresAt <= now.toISOString()) return { ok: false, problem: 'expired' };
    return { ok: true, link: document.body };
  }
}
