/**
 * The anonymous two-way follow-up of a report (issue 13): a coordinator's question reaches the
 * reporter through the bot, the reporter's answer (or "I'd rather not answer") and any information
 * they add later come back to the report. Texts are shown on request only and never posted.
 */
export const FOLLOW_UP_TEXT_MAX_LENGTH = 1000;

export type FollowUpKind = 'question' | 'answer' | 'declined' | 'addition';

export interface FollowUpEntry {
  /** Unique within the report; an answer names its question by it. */
  id: string;
  kind: FollowUpKind;
  /** ISO instant. */
  at: string;
  /** Absent for `declined`. Checked for identifying data before it is stored. */
  text?: string;
  /** For `answer` and `declined`: the question answered. */
  questionId?: string;
  /** For `question`: the coordinator who asked (never the reporter). */
  byName?: string;
}
