/**
 * Who read or passed on report data, and when: what a municipality must be able to show. An
 * entry names the report by reference only; it never holds report text.
 */
export type AuditAction =
  | 'report.posted_to_channel'
  | 'report.marked_handled'
  | 'store.exported'
  | 'store.imported'
  | 'survey.results_exported'
  /** A lägesbild document written by the CLI (subject: year and period). */
  | 'lagesbild.issued'
  /** A coordinator was given a single-use download link of a lägesbild. */
  | 'lagesbild.link_issued'
  /** A download link was used: the document went to whoever held it. */
  | 'lagesbild.downloaded';

export interface AuditActor {
  kind: 'coordinator' | 'system' | 'operator';
  /** Microsoft Entra object id, for coordinators. */
  aadObjectId?: string;
  name?: string;
}

export interface AuditEntry {
  /** ISO instant. */
  at: string;
  actor: AuditActor;
  action: AuditAction;
  /** A report reference, or what was exported. */
  subject?: string;
  count?: number;
}
