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
  | 'activity.created'
  | 'activity.updated'
  | 'activity.retired'
  | 'activity.followup_answered';

export interface AuditActor {
  kind: 'coordinator' | 'staff' | 'system' | 'operator';
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
}
