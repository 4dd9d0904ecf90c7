import type { DeliveryState } from '../delivery';
import { newCase, type CaseRecord } from './case';
import type { ConcernDraft } from './concern-form';
import type { FollowUpEntry } from './follow-up';

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
  /**
   * Before case handling: 'open' | 'handled' (with `handled`). Read them through `caseOf`, which
   * maps a stored 'handled' to *received*. New reports are written with `case`.
   */
  status?: 'open' | 'handled';
  handled?: { byName: string; on: string };
  case?: CaseRecord;
  /** Questions to the reporter, their answers and what they added; oldest first. */
  followUps?: FollowUpEntry[];
  /** Set when an answer or addition came in that no coordinator has opened yet ("Nytt svar"). */
  unseenFollowUp?: boolean;
  /** The channel post; `activityId` is the posted message's id once delivered, to update it. */
  channelPost: DeliveryState & { activityId?: string };
  /** Pending when the delivered post should be redrawn (state, markers) for everyone. */
  postUpdate?: DeliveryState;
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
    case: newCase(),
    channelPost: { state: 'pending', attempts: 0, nextAttemptAt: now.toISOString() },
  };
}

/**
 * Asks for the channel post to be redrawn from the report as stored, by the channel post outbox
 * (a case step asks too, besides redrawing the post in its own answer). A post that is still on its
 * way is asked too: it may have been drawn before this change. A post delivered without a known
 * id (before ids were kept) cannot be edited and is left alone.
 */
export function withPostUpdate(report: ConcernReport, now: Date): ConcernReport {
  const post = report.channelPost;
  if (post.state === 'unreachable' || (post.state === 'delivered' && !post.activityId)) return report;
  return { ...report, postUpdate: { state: 'pending', attempts: 0, nextAttemptAt: now.toISOString() } };
}
