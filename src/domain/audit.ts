import type { CaseActionKind, CaseOutcome, CaseState } from './concern/case';

/**
 * Who read or passed on report data, and when: what a municipality must be able to show. An
 * entry names the report by reference only; it never holds report text.
 */
export type AuditAction =
  | 'report.posted_to_channel'
  /** Written before case handling; a stored entry still reads as such. New acknowledgements are `report.case_changed`. */
  | 'report.marked_handled'
  /** A coordinator opened the full report (Visa rapporten). */
  | 'report.viewed'
  /** A step of the case: Ny → Mottagen → Under bedömning → Avslutad, and reopening. */
  | 'report.case_changed'
  | 'report.question_sent'
  | 'report.answer_received'
  | 'report.answer_declined'
  | 'report.information_added'
  | 'store.exported'
  | 'store.imported'
  | 'survey.results_exported'
  | 'activity.created'
  | 'activity.updated'
  | 'activity.retired'
  | 'activity.followup_answered'
  /** A lägesbild document written by the CLI (subject: year and period). */
  | 'lagesbild.issued'
  /** A coordinator was given a single-use download link of a lägesbild. */
  | 'lagesbild.link_issued'
  /** A download link was used: the document went to whoever held it. */
  | 'lagesbild.downloaded';

export interface AuditActor {
  /** `reporter`: the report's own reporter (follow-up), never named or identified here. */
  kind: 'coordinator' | 'staff' | 'system' | 'operator' | 'reporter';
  /** Microsoft Entra object id, for coordinators. */
  aadObjectId?: string;
  name?: string;
}

export interface AuditEntry {
  /** ISO instant. */
  at: string;
  actor: AuditActor;
  action: AuditAction;
  /** A report reference, what was exported, or an activity (`<id>` or `<id>:<year>` for a follow-up). */
  subject?: string;
  count?: number;
  /** For `report.case_changed`: the step taken; the close note is never copied here. */
  transition?: { action: CaseActionKind; from: CaseState; to: CaseState; outcome?: CaseOutcome };
}
