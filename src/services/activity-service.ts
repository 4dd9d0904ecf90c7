import type { LagesbildActivityRow } from '../domain/lagesbild/lagesbild';
import { randomBytes } from 'node:crypto';
import type { DistrictConfig } from '../config/district';
import {
  inPlanDuring,
  planOrder,
  validateActivityForm,
  type Activity,
  type ActivityProblems,
  type ActivityValues,
  type ResponsibleUser,
} from '../domain/activity/activity';
import {
  followUpCompletion,
  followUpDueDate,
  validateFollowUp,
  type ActivityFollowUp,
  type FollowUpCompletion,
  type FollowUpProblems,
  type FollowUpValues,
} from '../domain/activity/follow-up';
import type { AuditActor } from '../domain/audit';
import { stringsFor, type Language } from '../domain/i18n';
import type { Role } from '../domain/roles';
import { stockholmDate, stockholmYear } from '../domain/stockholm-time';
import { scheduleText } from '../cards/activity-cards';
import type { DocumentStore } from '../store/document-store';
import { Activities, ActivityFollowUps } from '../store/repositories/activities';
import type { AuditLog } from '../store/repositories/audit-log';
import type { OutboxMessages } from '../store/repositories/outbox-messages';
import { followUpBatchId } from './activity-followups';
import { findDistrictMember } from './district-members';
import { seedOnce } from './seed-once';
import type { SurveyRosterEntry } from './survey-service';

export interface ActivityServiceDeps {
  district: DistrictConfig;
  activities: Activities;
  followUps: ActivityFollowUps;
  outbox: Pick<OutboxMessages, 'countInBatch'>;
  audit: AuditLog;
  /** Reads a Teams team's members (paged roster API), through the transport. */
  readRoster: (teamId: string) => Promise<SurveyRosterEntry[]>;
  clock: () => Date;
}

/** Who is acting: from the turn. */
export interface Actor {
  aadObjectId: string;
  name: string;
  role: Role;
}

export type ActivitySaveResult = { ok: true; activity: Activity } | { ok: false; problems: ActivityProblems; values: ActivityValues; users: ResponsibleUser[] };

export type FollowUpRefusal = 'not_found' | 'retired' | 'not_responsible' | 'closed';

export type FollowUpOpenResult = { ok: true; activity: Activity; year: number; answer?: ActivityFollowUp } | { ok: false; problem: FollowUpRefusal };

export type FollowUpAnswerResult =
  | { ok: true; activity: Activity; followUp: ActivityFollowUp }
  | { ok: false; problem: FollowUpRefusal }
  /** Refused input: the card comes back with every value typed and the problem under its field. */
  | { ok: false; problem: 'invalid'; activity: Activity; year: number; answer?: ActivityFollowUp; values: FollowUpValues; problems: FollowUpProblems };

/** This year's follow-up overview: what the activity list shows coordinators. */
export interface FollowUpOverview {
  year: number;
  dueOn: string;
  /** The due day has come (the cards have gone out, or are going out). */
  sent: boolean;
  completion: Map<string, FollowUpCompletion>;
  answers: Map<string, ActivityFollowUp>;
}

/** One row of the plan's table for the lägesbild: the activity and its follow-up of the year. */
/** A row of the plan's table (the lägesbild's), with the activity it is and its category's name. */
export interface FollowUpRow extends LagesbildActivityRow {
  activityId: string;
  category: string;
}

function rowsOf(activities: readonly Activity[], answers: readonly ActivityFollowUp[], year: number, language: Language): FollowUpRow[] {
  const t = stringsFor(language);
  const byActivity = new Map(answers.map((answer) => [answer.activityId, answer]));
  return activities
    .filter((activity) => inPlanDuring(activity, year))
    .sort(planOrder)
    .map((activity) => {
      const answer = byActivity.get(activity.id);
      return {
        activityId: activity.id,
        category: t.activity.categories[activity.category],
        title: activity.title,
        responsible: activity.responsible.role,
        schedule: scheduleText(t, activity.schedule),
        ...(answer ? { status: answer.status, whatWasDone: answer.whatWasDone || undefined, nextYear: answer.nextYear || undefined } : {}),
      };
    });
}

/**
 * The rows of the action plan's table for `year`: every activity that was part of the plan that
 * year (retired ones included when retired during it), in the plan's order, with that year's
 * follow-up. For the lägesbild's "Aktiviteter och uppföljning"; role texts only, never names.
 * The same as `ActivityService.followUpRows`, for a caller that holds only the store (the CLI).
 */
export async function readFollowUpRows(store: DocumentStore, year: number, language: Language): Promise<FollowUpRow[]> {
  const [activities, answers] = await Promise.all([new Activities(store).all(), new ActivityFollowUps(store).ofYear(year)]);
  return rowsOf(activities.map((document) => document.body), answers, year, language);
}

/** The action plan's activities and their yearly follow-up. */
export class ActivityService {
  constructor(private readonly deps: ActivityServiceDeps) {}

  private now(): Date {
    return this.deps.clock();
  }

  private auditActor(actor: Actor): AuditActor {
    return { kind: actor.role === 'coordinator' ? 'coordinator' : 'staff', aadObjectId: actor.aadObjectId.toLowerCase(), name: actor.name };
  }

  /** Every activity, retired ones too, in the plan's order. */
  async list(): Promise<Activity[]> {
    return (await this.deps.activities.all()).map((document) => document.body).sort(planOrder);
  }

  async get(activityId: string): Promise<Activity | undefined> {
    return (await this.deps.activities.get(activityId))?.body;
  }

  /** Registers the district config's activities that are not registered yet; returns how many. */
  async seed(): Promise<number> {
    const today = stockholmDate(this.now());
    return seedOnce(
      this.deps.district.activities,
      (seed, index): Activity => ({
        id: `activity-${seed.id}`,
        title: seed.title,
        category: seed.category,
        responsible: { role: seed.responsible.role, users: seed.responsible.users.map((user) => ({ ...user, aadObjectId: user.aadObjectId.toLowerCase() })) },
        schedule: seed.schedule === 'ongoing' ? { kind: 'ongoing' } : { kind: 'range', ...seed.schedule },
        followUp: seed.followUp,
        position: index,
        registeredOn: today,
        retired: false,
      }),
      (activity) => this.deps.activities.create(activity),
    );
  }

  /** Each picked person must be in one of the district's teams; those already named are kept as they are. */
  private async findUsers(ids: readonly string[], existing: readonly ResponsibleUser[]): Promise<ResponsibleUser[] | undefined> {
    const users: ResponsibleUser[] = [];
    for (const id of ids) {
      const known = existing.find((user) => user.aadObjectId === id || user.userId === id);
      const user = known ?? (await findDistrictMember(this.deps.district, this.deps.readRoster, id));
      if (!user) return undefined;
      if (!users.some((other) => other.aadObjectId === user.aadObjectId)) users.push(user);
    }
    return users;
  }

  /** Adds an activity (no `activityId`) or changes one; a refused form comes back with every value. */
  async save(values: ActivityValues, activityId: string | undefined, actor: Actor): Promise<ActivitySaveResult> {
    const existing = activityId ? await this.deps.activities.get(activityId) : undefined;
    const all = await this.list();
    const known = existing?.body.responsible.users ?? [];
    if (activityId && !existing) return { ok: false, problems: { title: { kind: 'required' } }, values, users: known };
    const others = all.filter((activity) => activity.id !== activityId && !activity.retired).map((activity) => activity.title);
    const validation = validateActivityForm(values, { otherTitles: others });
    if (!validation.ok) return { ok: false, problems: validation.problems, values, users: known };
    const { responsibleRole, responsibleUserIds, ...draft } = validation.draft;
    const users = await this.findUsers(responsibleUserIds, known);
    if (!users) return { ok: false, problems: { responsibleUsers: { kind: 'unknown_user' } }, values, users: known };
    const responsible = { role: responsibleRole, users };
    const at = this.now();
    if (existing) {
      const activity: Activity = { ...existing.body, ...draft, responsible };
      await this.deps.activities.replace(existing, activity);
      await this.deps.audit.record({ at: at.toISOString(), actor: this.auditActor(actor), action: 'activity.updated', subject: activity.id });
      return { ok: true, activity };
    }
    const position = Math.max(-1, ...all.filter((activity) => activity.category === draft.category).map((activity) => activity.position)) + 1;
    const activity: Activity = { id: `activity-${randomBytes(4).toString('hex')}`, ...draft, responsible, followUp: 'yearly', position, registeredOn: stockholmDate(at), retired: false };
    await this.deps.activities.create(activity);
    await this.deps.audit.record({ at: at.toISOString(), actor: this.auditActor(actor), action: 'activity.created', subject: activity.id });
    return { ok: true, activity };
  }

  /** Retires an activity: it is no longer followed up, and stays for earlier years' follow-ups. */
  async retire(activityId: string, actor: Actor): Promise<boolean> {
    const document = await this.deps.activities.get(activityId);
    if (!document) return false;
    if (document.body.retired) return true;
    const at = this.now();
    await this.deps.activities.replace(document, { ...document.body, retired: true, retiredOn: stockholmDate(at) });
    await this.deps.audit.record({ at: at.toISOString(), actor: this.auditActor(actor), action: 'activity.retired', subject: activityId });
    return true;
  }

  /** The plan's table with `year`'s follow-up, for the lägesbild (in the district's language unless told). */
  async followUpRows(year: number, language: Language = this.deps.district.language): Promise<FollowUpRow[]> {
    const [activities, answers] = await Promise.all([this.list(), this.deps.followUps.ofYear(year)]);
    return rowsOf(activities, answers, year, language);
  }

  /** The year the list and an on-demand card follow up: the calendar year (its cards go out in the autumn). */
  currentYear(): number {
    return stockholmYear(this.now());
  }

  /** Per activity still in the plan: how many were asked this year, and its answer if it has one. */
  async overview(): Promise<FollowUpOverview> {
    const year = this.currentYear();
    const current = (await this.list()).filter((activity) => !activity.retired);
    const answers = new Map((await this.deps.followUps.ofYear(year)).map((answer) => [answer.activityId, answer]));
    const asked = new Map<string, number>();
    for (const activity of current) asked.set(activity.id, await this.deps.outbox.countInBatch(followUpBatchId(year, activity.id)));
    const { perActivity } = followUpCompletion(current.map((activity) => activity.id), asked, new Set(answers.keys()));
    const dueOn = followUpDueDate(year, this.deps.district.activityFollowUp);
    return { year, dueOn, sent: stockholmDate(this.now()) >= dueOn, completion: perActivity, answers };
  }

  /**
   * The coordinators and the people named for the activity answer its follow-up; this year's, or
   * last year's from a card that came late.
   */
  private async answerable(activityId: string, year: number, actor: Actor): Promise<{ ok: true; activity: Activity } | { ok: false; problem: FollowUpRefusal }> {
    const activity = await this.get(activityId);
    if (!activity) return { ok: false, problem: 'not_found' };
    const responsible = activity.responsible.users.some((user) => user.aadObjectId === actor.aadObjectId.toLowerCase());
    if (actor.role !== 'coordinator' && !responsible) return { ok: false, problem: 'not_responsible' };
    if (activity.retired) return { ok: false, problem: 'retired' };
    const current = this.currentYear();
    if (!Number.isInteger(year) || year > current || year < current - 1) return { ok: false, problem: 'closed' };
    return { ok: true, activity };
  }

  /** The follow-up card on demand: this year's, with the answer standing now. */
  async openFollowUp(activityId: string, actor: Actor): Promise<FollowUpOpenResult> {
    const year = this.currentYear();
    const found = await this.answerable(activityId, year, actor);
    if (!found.ok) return found;
    return { ok: true, activity: found.activity, year, answer: await this.deps.followUps.get(year, activityId) };
  }

  /** Stores an answer (the latest stands); the audit log records who and when, never the text. */
  async answerFollowUp(activityId: string, year: number, actor: Actor, values: FollowUpValues): Promise<FollowUpAnswerResult> {
    const found = await this.answerable(activityId, year, actor);
    if (!found.ok) return found;
    const validation = validateFollowUp(values);
    if (!validation.ok) {
      const answer = await this.deps.followUps.get(year, activityId);
      return { ok: false, problem: 'invalid', activity: found.activity, year, answer, values, problems: validation.problems };
    }
    const at = this.now().toISOString();
    const followUp: ActivityFollowUp = { activityId, year, ...validation.answer, answeredAt: at, answeredBy: { aadObjectId: actor.aadObjectId.toLowerCase(), name: actor.name } };
    await this.deps.followUps.save(followUp);
    await this.deps.audit.record({ at, actor: this.auditActor(actor), action: 'activity.followup_answered', subject: `${activityId}:${year}` });
    return { ok: true, activity: found.activity, followUp };
  }
}
