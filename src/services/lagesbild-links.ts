/**
 * The lägesbild's download links (issue 14): a coordinator asks in Teams, gets the key figures and
 * a link that works once and for 15 minutes. The link holds a random 256-bit token; the store
 * keeps only its hash and the request (year, period, language), never the document: it is drawn
 * up again when the link is used, so no lägesbild lies around in the store. Every issue and every
 * download is in the audit log.
 */
import { randomBytes } from 'node:crypto';
import { stringsFor, type Language } from '../domain/i18n';
import type { Lagesbild } from '../domain/lagesbild/lagesbild';
import { stockholmDate } from '../domain/stockholm-time';
import { DOCX_CONTENT_TYPE, lagesbildFilename, lagesbildWriter } from '../lagesbild/names';
import type { AuditLog } from '../store/repositories/audit-log';
import type { DownloadLinks } from '../store/repositories/download-links';
import { composeLagesbild, periodOf, type LagesbildDeps } from './lagesbild-service';

export const LINK_LIFETIME_MINUTES = 15;
/** 32 random bytes, base64url without padding. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface LinkHolder {
  aadObjectId: string;
  name: string;
}

export interface LagesbildIssue {
  figures: Lagesbild;
  url: string;
  minutes: number;
}

export interface LagesbildFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export interface LagesbildLinksDeps {
  lagesbild: LagesbildDeps;
  links: DownloadLinks;
  audit: AuditLog;
  /** The bot's public address without a trailing slash (PUBLIC_BASE_URL). */
  baseUrl: () => string;
}

export class LagesbildLinks {
  constructor(private readonly deps: LagesbildLinksDeps) {}

  private now(): Date {
    return this.deps.lagesbild.clock();
  }

  /** The figures for the card and a fresh link to the document. */
  async issue(request: { year: number; language: Language }, holder: LinkHolder): Promise<LagesbildIssue> {
    const period = await periodOf(this.deps.lagesbild, request);
    const figures = await composeLagesbild(this.deps.lagesbild, request.year, period, request.language);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.deps.links.issue(token, {
      kind: 'lagesbild',
      year: request.year,
      from: period.from,
      to: period.to,
      language: request.language,
      issuedTo: { aadObjectId: holder.aadObjectId, name: holder.name },
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_MINUTES * 60_000).toISOString(),
    });
    await this.deps.audit.record({
      at: now.toISOString(),
      actor: { kind: 'coordinator', aadObjectId: holder.aadObjectId, name: holder.name },
      action: 'lagesbild.link_issued',
      subject: `${lagesbildFilename(request.year)} ${period.from}..${period.to}`,
    });
    return { figures, url: `${this.deps.baseUrl()}/lagesbild/${token}`, minutes: LINK_LIFETIME_MINUTES };
  }

  /** The document behind a link, once; undefined for a used, expired, unknown or malformed token. */
  async download(token: string): Promise<LagesbildFile | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const now = this.now();
    const use = await this.deps.links.use(token, now);
    if (!use.ok) return undefined;
    const { link } = use;
    const period = { from: link.from, to: link.to };
    const figures = await composeLagesbild(this.deps.lagesbild, link.year, period, link.language);
    const body = await (await lagesbildWriter()).lagesbildDocx(stringsFor(link.language), this.deps.lagesbild.district, figures, stockholmDate(now));
    const filename = lagesbildFilename(link.year);
    await this.deps.audit.record({
      at: now.toISOString(),
      // Whoever held the link; it was issued to this coordinator alone, in their 1:1 chat.
      actor: { kind: 'coordinator', aadObjectId: link.issuedTo.aadObjectId, name: link.issuedTo.name },
      action: 'lagesbild.downloaded',
      subject: `${filename} ${period.from}..${period.to}`,
    });
    return { filename, contentType: DOCX_CONTENT_TYPE, body };
  }
}
