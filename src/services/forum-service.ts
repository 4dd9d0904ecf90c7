import { randomBytes } from 'node:crypto';
import type { DistrictConfig } from '../config/district';
import { monthlyRuleOf, nextMeetingAfter, type Cadence } from '../domain/forum/cadence';
import { validateForumForm, type Forum, type ForumProblems, type ForumValues } from '../domain/forum/forum';
import {
  applyChairAction,
  applyFollowup,
  freeTextProblem,
  newMeeting,
  NOTE_MAX_LENGTH,
  REASON_MAX_LENGTH,
  type ChairAction,
  type ChairActionProblem,
  type FollowupProblem,
  type ForumMeeting,
  type FreeTextProblem,
} from '../domain/forum/meeting';
import { stockholmDate } from '../domain/stockholm-time';
import type { StoredDocument } from '../store/document-store';
import type { ForumMeetings, Forums } from '../store/repositories/forums';
import { findDistrictMember } from './district-members';
import { seedOnce } from './seed-once';
import type { SurveyRosterEntry } from './survey-service';

export interface ForumServiceDeps {
  district: DistrictConfig;
  forums: Forums;
  meetings: ForumMeetings;
  /** Reads a Teams team's members (paged roster API), through the transport. */
  readRoster: (teamId: string) => Promise<SurveyRosterEntry[]>;
  clock: () => Date;
  /** The district's latest report counts, for the nudge card. */
  figures: () => Promise<{ lastMonth: number; year: number }>;
  /** A follow-up was answered: the service hands it on (to the coordinators' channel). */
  onFollowup: (forum: Forum, meeting: ForumMeeting) => Promise<void>;
}

export type SaveResult = { ok: true; forum: Forum } | { ok: false; problems: ForumProblems; values: ForumValues };

export type ChairRefusal = 'not_found' | 'not_chair' | 'old_nudge' | ChairActionProblem | FollowupProblem;

export type ChairResult =
  | { ok: true; forum: Forum; meeting: ForumMeeting }
  | { ok: false; problem: ChairRefusal }
  /** Refused free text: the card comes back with what was written, so the forum and meeting travel along. */
  | { ok: false; problem: 'text'; text: FreeTextProblem; forum: Forum; meeting: ForumMeeting };

/**
 * The next meeting the bot follows, creating the meetings of the series up to it: the forum's
 * pointer moves on from a meeting on its day (nothing more is sent before it then) or when it is
 * cancelled. Returns the forum as stored.
 */
export async function advanceForum(
  forums: Forums,
  meetings: ForumMeetings,
  document: StoredDocument<Forum>,
  today: string,
): Promise<Forum> {
  let forum = document.body;
  let current = (await meetings.ensure(newMeeting(forum.id, forum.nextMeetingOn, forum.time))).body;
  let moved = false;
  while (current.cancelled || current.date <= today) {
    const next = nextMeetingAfter(forum.cadence, current.plannedOn);
    if (!next) break;
    current = (await meetings.ensure(newMeeting(forum.id, next, forum.time))).body;
    forum = { ...forum, nextMeetingOn: next };
    moved = true;
  }
  if (moved) await forums.replace(document, forum);
  return forum;
}

/** The forum registry and the chairs' answers to nudges and follow-ups. */
export class ForumService {
  constructor(private readonly deps: ForumServiceDeps) {}

  private today(): string {
    return stockholmDate(this.deps.clock());
  }

  async list(): Promise<Forum[]> {
    return (await this.deps.forums.all()).map((document) => document.body);
  }

  async get(forumId: string): Promise<Forum | undefined> {
    return (await this.deps.forums.get(forumId))?.body;
  }

  /** A chair must be someone in one of the district's teams: the bot can reach them and knows their name. */
  private async findChair(chairId: string): Promise<Forum['chair'] | undefined> {
    return findDistrictMember(this.deps.district, this.deps.readRoster, chairId);
  }

  /** Adds a forum (no `forumId`) or changes one; a refused form comes back with every value. */
  async save(values: ForumValues, forumId?: string): Promise<SaveResult> {
    const existing = forumId ? await this.deps.forums.get(forumId) : undefined;
    if (forumId && !existing) return { ok: false, problems: { name: { kind: 'required' } }, values };
    const others = (await this.list()).filter((forum) => forum.id !== forumId).map((forum) => forum.name);
    const validation = validateForumForm(values, { today: this.today(), otherNames: others });
    if (!validation.ok) return { ok: false, problems: validation.problems, values };
    const { chairId, ...draft } = validation.draft;
    const unchanged = existing && (existing.body.chair.aadObjectId === chairId || existing.body.chair.userId === chairId);
    const chair = unchanged ? existing.body.chair : await this.findChair(chairId);
    if (!chair) return { ok: false, problems: { chair: { kind: 'unknown_chair' } }, values };
    if (existing) {
      const forum: Forum = { ...existing.body, ...draft, chair };
      await this.deps.forums.replace(existing, forum);
      await this.replanCurrentMeeting(existing.body, forum);
      return { ok: true, forum };
    }
    const forum: Forum = { id: `forum-${randomBytes(4).toString('hex')}`, ...draft, chair, registeredOn: this.today() };
    await this.deps.forums.create(forum);
    await this.deps.meetings.ensure(newMeeting(forum.id, forum.nextMeetingOn, forum.time));
    return { ok: true, forum };
  }

  /** An edit that changes the next meeting's date or time applies to the meeting being followed. */
  private async replanCurrentMeeting(before: Forum, after: Forum): Promise<void> {
    if (before.nextMeetingOn === after.nextMeetingOn) {
      const current = await this.deps.meetings.get(after.id, after.nextMeetingOn);
      if (current && current.body.time !== after.time && !current.body.cancelled)
        await this.deps.meetings.replace(current, { ...current.body, time: after.time });
      return;
    }
    await this.deps.meetings.ensure(newMeeting(after.id, after.nextMeetingOn, after.time));
  }

  /** Registers the district config's seed forums that are not registered yet; returns how many. */
  async seed(): Promise<number> {
    return seedOnce(
      this.deps.district.forums,
      (seed): Forum => {
        const dates = [...new Set([...(seed.dates ?? []), seed.nextMeetingOn])].sort();
        const cadence: Cadence = seed.cadence === 'monthly' ? { kind: 'monthly', ...monthlyRuleOf(seed.nextMeetingOn) } : seed.cadence === 'dates' ? { kind: 'dates', dates } : { kind: seed.cadence };
        return {
          id: `forum-${seed.id}`,
          name: seed.name,
          chair: { ...seed.chair, aadObjectId: seed.chair.aadObjectId.toLowerCase() },
          cadence,
          time: seed.time,
          leadWorkingDays: seed.leadWorkingDays,
          nextMeetingOn: seed.nextMeetingOn,
          registeredOn: this.today(),
        };
      },
      async (forum) => {
        if (!(await this.deps.forums.create(forum))) return false;
        await this.deps.meetings.ensure(newMeeting(forum.id, forum.nextMeetingOn, forum.time));
        return true;
      },
    );
  }

  async figures(): Promise<{ lastMonth: number; year: number }> {
    return this.deps.figures();
  }

  async remove(forumId: string): Promise<boolean> {
    return this.deps.forums.delete(forumId);
  }

  /** The chair and only the chair may answer, and only the nudge of the meeting the bot follows now. */
  private async chairsMeeting(
    forumId: string,
    plannedOn: string,
    actor: string,
  ): Promise<{ problem: 'not_found' | 'not_chair' } | { forumDocument: StoredDocument<Forum>; meeting: StoredDocument<ForumMeeting> }> {
    const forumDocument = await this.deps.forums.get(forumId);
    if (!forumDocument) return { problem: 'not_found' };
    if (forumDocument.body.chair.aadObjectId !== actor.toLowerCase()) return { problem: 'not_chair' };
    const meeting = await this.deps.meetings.get(forumId, plannedOn);
    if (!meeting) return { problem: 'not_found' };
    return { forumDocument, meeting };
  }

  /** `agenda.confirm|snooze|skip`, `meeting.move|cancel` from a nudge. */
  async chairAction(forumId: string, plannedOn: string, actor: string, action: ChairAction): Promise<ChairResult> {
    const found = await this.chairsMeeting(forumId, plannedOn, actor);
    if ('problem' in found) return { ok: false, problem: found.problem };
    const { forumDocument, meeting } = found;
    if (forumDocument.body.nextMeetingOn !== plannedOn) return { ok: false, problem: 'old_nudge' };
    if (action.kind === 'skip') {
      const problem = freeTextProblem(action.reason, REASON_MAX_LENGTH);
      if (problem) return { ok: false, problem: 'text', text: problem, forum: forumDocument.body, meeting: meeting.body };
    }
    const today = this.today();
    const applied = applyChairAction(meeting.body, action, today);
    if (!applied.ok) return { ok: false, problem: applied.problem };
    await this.deps.meetings.replace(meeting, applied.meeting);
    // A cancelled meeting hands over to the next in the series at once.
    const forum = action.kind === 'cancel' ? await advanceForum(this.deps.forums, this.deps.meetings, forumDocument, today) : forumDocument.body;
    return { ok: true, forum, meeting: applied.meeting };
  }

  /** `meeting.followup`: was VBE discussed, and a note for the coordinators. */
  async followup(forumId: string, plannedOn: string, actor: string, answer: { discussed: string; note: string }): Promise<ChairResult> {
    const found = await this.chairsMeeting(forumId, plannedOn, actor);
    if ('problem' in found) return { ok: false, problem: found.problem };
    const problem = freeTextProblem(answer.note, NOTE_MAX_LENGTH);
    if (problem) return { ok: false, problem: 'text', text: problem, forum: found.forumDocument.body, meeting: found.meeting.body };
    const applied = applyFollowup(found.meeting.body, answer, this.today());
    if (!applied.ok) return { ok: false, problem: applied.problem };
    await this.deps.meetings.replace(found.meeting, applied.meeting);
    await this.deps.onFollowup(found.forumDocument.body, applied.meeting);
    return { ok: true, forum: found.forumDocument.body, meeting: applied.meeting };
  }
}
