import type { DeliveryState } from '../delivery';
import type { ConcernDraft } from './concern-form';

/** Who filed a report: kept only when the reporter ticked contactMe (SPEC §1). */
export interface ReporterContact {
  aadObjectId: string;
  name: string;
  /** For the "contact" deep link; absent when Teams did not tell us. */
  userPrincipalName?: string;
}

export interface ConcernReport extends ConcernDraft {
  reference: string;
  year: number;
  sequence: number;
  districtId: string;
  /** ISO instant, for ordering and the digest. */
  submittedAt: string;
  reporter?: ReporterContact;
  status: 'open' | 'handled';
  handled?: { byName: string; on: string };
  channelPost: DeliveryState;
}

/**
 * Builds the stored record. The reporter is attached only with consent: without `contactMe`
 * nothing about who filed the report is kept, so nobody can be shown it later.
 */
export function buildConcernReport(input: {
  draft: ConcernDraft;
  districtId: string;
  year: number;
  sequence: number;
  reference: string;
  now: Date;
  reporter: ReporterContact;
}): ConcernReport {
  const { draft, now } = input;
  return {
    ...draft,
    reference: input.reference,
    year: input.year,
    sequence: input.sequence,
    districtId: input.districtId,
    submittedAt: now.toISOString(),
    ...(draft.contactMe ? { reporter: input.reporter } : {}),
    status: 'open',
    channelPost: { state: 'pending', attempts: 0, nextAttemptAt: now.toISOString() },
  };
}
