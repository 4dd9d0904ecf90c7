/**
 * One meeting of a forum and what the bot does about it (SPEC §3): the nudge on the nudge day,
 * one reminder two working days before the meeting when unanswered, the follow-up the working day
 * after, and the chair's answers from the cards. Pure: dates in, new states out.
 */
import { nextWorkingDay, workingDaysBefore } from '../calendar/working-days';
import { identifyingKinds, type IdentifyingKind } from '../identifying-data';
import { isIsoDate } from '../stockholm-time';

export const REASON_MAX_LENGTH = 500;
export const NOTE_MAX_LENGTH = 1000;

export type FreeTextProblem = { kind: 'too_long'; max: number } | { kind: 'identifying_data'; found: IdentifyingKind[] };

/** A skip reason or follow-up note is refused when too long or when it holds identifying data (as in §1). */
export function freeTextProblem(text: string, max: number): FreeTextProblem | undefined {
  if (text.length > max) return { kind: 'too_long', max };
  const found = identifyingKinds(text);
  return found.length > 0 ? { kind: 'identifying_data', found } : undefined;
}

export type AgendaState = 'waiting' | 'nudged' | 'snoozed' | 'confirmed' | 'skipped';

export interface ForumMeeting {
  forumId: string;
  /** The date in the series: the meeting's identity, kept when it is moved. */
  plannedOn: string;
  /** The actual date (`plannedOn` unless moved). */
  date: string;
  time: string;
  cancelled: boolean;
  agenda: {
    state: AgendaState;
    nudgedOn?: string;
    snoozedUntil?: string;
    remindedOn?: string;
    answeredOn?: string;
    /** Why VBE is not on the agenda this time; checked for identifying data before it gets here. */
    skipReason?: string;
  };
  followup: {
    sentOn?: string;
    answeredOn?: string;
    discussed?: 'yes' | 'no';
    /** What the coordinator should know; checked for identifying data before it gets here. */
    note?: string;
  };
}

export type MeetingStep = 'nudge' | 'reminder' | 'followup';

/** Working days before the meeting that the one reminder goes (SPEC §3). */
export const REMINDER_WORKING_DAYS = 2;

export function newMeeting(forumId: string, plannedOn: string, time: string): ForumMeeting {
  return { forumId, plannedOn, date: plannedOn, time, cancelled: false, agenda: { state: 'waiting' }, followup: {} };
}

export function nudgeDayOf(meeting: ForumMeeting, leadWorkingDays: number): string {
  return workingDaysBefore(meeting.date, leadWorkingDays);
}

export function reminderDayOf(meeting: ForumMeeting): string {
  return workingDaysBefore(meeting.date, REMINDER_WORKING_DAYS);
}

export function followupDayOf(meeting: ForumMeeting): string {
  return nextWorkingDay(meeting.date);
}

/**
 * What is due for this meeting on `today` (a working day, from 09:00), if anything. A nudge that
 * was missed (the bot was down) still goes while the meeting is ahead; on the meeting day itself
 * nothing is sent before it; the follow-up goes from the working day after until it has gone.
 */
export function dueStep(meeting: ForumMeeting, leadWorkingDays: number, today: string): MeetingStep | undefined {
  if (meeting.cancelled) return undefined;
  if (today >= followupDayOf(meeting)) return meeting.followup.sentOn ? undefined : 'followup';
  if (today >= meeting.date) return undefined;
  const { agenda } = meeting;
  switch (agenda.state) {
    case 'waiting':
      return today >= nudgeDayOf(meeting, leadWorkingDays) ? 'nudge' : undefined;
    case 'snoozed':
      return today >= (agenda.snoozedUntil ?? today) ? 'nudge' : undefined;
    case 'nudged':
      return !agenda.remindedOn && today >= reminderDayOf(meeting) && today > (agenda.nudgedOn ?? '') ? 'reminder' : undefined;
    default:
      return undefined;
  }
}

/** Records that a step was queued for the chair on `today`. */
export function markStepQueued(meeting: ForumMeeting, step: MeetingStep, today: string): ForumMeeting {
  switch (step) {
    case 'nudge':
      return { ...meeting, agenda: { ...meeting.agenda, state: 'nudged', nudgedOn: today, snoozedUntil: undefined } };
    case 'reminder':
      return { ...meeting, agenda: { ...meeting.agenda, remindedOn: today } };
    case 'followup':
      return { ...meeting, followup: { ...meeting.followup, sentOn: today } };
  }
}

export type ChairAction =
  | { kind: 'confirm' }
  | { kind: 'snooze' }
  | { kind: 'skip'; reason: string }
  | { kind: 'move'; date: string; time: string }
  | { kind: 'cancel' };

export type ChairActionProblem =
  /** The meeting has taken place, or is today: the nudge is old. */
  | 'meeting_passed'
  | 'cancelled'
  | 'too_late_to_snooze'
  | 'reason_required'
  | 'invalid_date'
  | 'invalid_time';

/** The chair's answer to a nudge, or a move or cancellation from it. */
export function applyChairAction(
  meeting: ForumMeeting,
  action: ChairAction,
  today: string,
): { ok: true; meeting: ForumMeeting } | { ok: false; problem: ChairActionProblem } {
  if (meeting.cancelled) return { ok: false, problem: 'cancelled' };
  if (today >= meeting.date) return { ok: false, problem: 'meeting_passed' };
  const agenda = meeting.agenda;
  switch (action.kind) {
    case 'confirm':
      return { ok: true, meeting: { ...meeting, agenda: { ...agenda, state: 'confirmed', answeredOn: today, snoozedUntil: undefined, skipReason: undefined } } };
    case 'snooze': {
      const until = nextWorkingDay(today);
      if (until >= meeting.date) return { ok: false, problem: 'too_late_to_snooze' };
      return { ok: true, meeting: { ...meeting, agenda: { ...agenda, state: 'snoozed', snoozedUntil: until } } };
    }
    case 'skip':
      if (!action.reason.trim()) return { ok: false, problem: 'reason_required' };
      return { ok: true, meeting: { ...meeting, agenda: { ...agenda, state: 'skipped', answeredOn: today, skipReason: action.reason.trim(), snoozedUntil: undefined } } };
    case 'move': {
      if (!isIsoDate(action.date)) return { ok: false, problem: 'invalid_date' };
      if (action.date <= today) return { ok: false, problem: 'meeting_passed' };
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(action.time)) return { ok: false, problem: 'invalid_time' };
      // A nudge already answered stays answered; an unanswered one is planned anew from the new date.
      const answered = agenda.state === 'confirmed' || agenda.state === 'skipped';
      return {
        ok: true,
        meeting: { ...meeting, date: action.date, time: action.time, agenda: answered ? agenda : { state: 'waiting' } },
      };
    }
    case 'cancel':
      return { ok: true, meeting: { ...meeting, cancelled: true } };
  }
}

export type FollowupProblem = 'not_passed' | 'already_answered' | 'cancelled' | 'discussed_required';

/** The chair's follow-up after the meeting. */
export function applyFollowup(
  meeting: ForumMeeting,
  answer: { discussed: string; note: string },
  today: string,
): { ok: true; meeting: ForumMeeting } | { ok: false; problem: FollowupProblem } {
  if (meeting.cancelled) return { ok: false, problem: 'cancelled' };
  if (today < meeting.date) return { ok: false, problem: 'not_passed' };
  if (meeting.followup.answeredOn) return { ok: false, problem: 'already_answered' };
  if (answer.discussed !== 'yes' && answer.discussed !== 'no') return { ok: false, problem: 'discussed_required' };
  const note = answer.note.trim();
  return { ok: true, meeting: { ...meeting, followup: { ...meeting.followup, answeredOn: today, discussed: answer.discussed, ...(note ? { note } : {}) } } };
}

/** Whether VBE was on this meeting's agenda: confirmed before, or discussed by the follow-up. */
export function hadVbeItem(meeting: ForumMeeting): boolean {
  return !meeting.cancelled && (meeting.agenda.state === 'confirmed' || meeting.followup.discussed === 'yes');
}
