import type { Language } from '../../domain/i18n';
import type { DocumentStore } from '../document-store';
import { openJson, sealJson } from '../sealed';

const CONTAINER = 'reporterLinks';

/**
 * The way back to a reporter: their 1:1 chat with the bot and the language they wrote in, plus
 * the keyed pseudonym of their user id (services/pseudonym.ts) so that only they can answer a
 * question, add to the report or ask for its state. Nothing here names them; the report itself
 * holds none of it. The Bot Connector endpoint is not kept: every proactive message goes through
 * the tenant's endpoint in settings (`proactiveTarget`), checked when it was kept.
 */
export interface ReporterReach {
  pseudonym: string;
  conversationId: string;
  tenantId?: string;
  language: Language;
}

/**
 * What is stored: the reach sealed with the report reference as associated data (a sealed record
 * moved to another report does not open), and the report's own submission time in the clear so
 * gallring deletes the link with its report without the key.
 */
export interface ReporterLinkDocument {
  reference: string;
  submittedAt: string;
  sealed: string;
}

/** Every sealed link has this size before encryption, so its length says nothing. */
const SEALED_BYTES = 1024;

/**
 * The reporter links, sealed with a key only the follow-up is given (app.ts): whoever reads the
 * store or a dump (store/dump.ts exports the sealed blob, never the key) sees no chat id.
 */
export class ReporterLinks {
  constructor(
    private readonly store: DocumentStore,
    private readonly key: Buffer,
  ) {}

  async keep(reference: string, submittedAt: string, reach: ReporterReach): Promise<void> {
    const document: ReporterLinkDocument = { reference, submittedAt, sealed: sealJson(this.key, reference, reach, SEALED_BYTES) };
    await this.store.upsert(CONTAINER, reference, reference, document);
  }

  /** The reach of a report's reporter; undefined when there is none (deleted, or sealed with another key). */
  async open(reference: string): Promise<ReporterReach | undefined> {
    const document = await this.store.read<ReporterLinkDocument>(CONTAINER, reference, reference);
    if (!document) return undefined;
    try {
      return openJson<ReporterReach>(this.key, reference, document.body.sealed);
    } catch {
      // Sealed with another key (DATA_KEY changed) or altered: nobody can be reached through it.
      return undefined;
    }
  }
}

/** Deletes a report's link; true when there was one. For gallring, which holds no key. */
export async function forgetReporterLink(store: DocumentStore, reference: string): Promise<boolean> {
  return store.delete(CONTAINER, reference, reference);
}
