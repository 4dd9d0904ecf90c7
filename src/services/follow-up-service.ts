import { randomUUID } from 'node:crypto';
import type { DistrictConfig } from '../config/district';
import { caseOf, type CaseState } from '../domain/concern/case';
import type { FieldProblem } from '../domain/concern/concern-form';
import { withPostUpdate, type ConcernReport } from '../domain/concern/concern-report';
import type { FollowUpEntry } from '../domain/concern/follow-up';
import { checkFollowUpText, FOLLOW_UPS_PER_HOUR, QUESTIONS_PER_HOUR, questionState, questionText } from '../domain/concern/follow-up-rules';
import { parseReference } from '../domain/concern/reference';
import type { AuditAction } from '../domain/audit';
import type { Language } from '../domain/i18n';
import type { StoredDocument } from '../store/document-store';
import type { AuditLog } from '../store/repositories/audit-log';
import type { ConcernReports } from '../store/repositories/concern-reports';
import type { OutboxMessages } from '../store/repositories/outbox-messages';
import type { RateKind, RateLimits } from '../store/repositories/rate-limits';
import type { ReporterLinks } from '../store/repositories/reporter-links';
import { isStoreError } from '../store/store-error';
import { followUpBatchId, followUpRecipient, type FollowUpQuestionRef } from './follow-up-delivery';

/** Where the reporter wrote from, as the transport read it from their turn. */
export interface ReporterTurn {
  aadObjectId: string;
  conversationId: string;
  tenantId?: string;
  language: Language;
}

export interface Coordinator {
  aadObjectId: string;
  name: string;
}

type Refusal = { kind: 'rejected'; problem: FieldProblem } | { kind: 'rate_limited'; retryAt: Date } | { kind: 'store_unavailable' };

export type AskResult = { kind: 'sent' } | { kind: 'not_found' } | { kind: 'unreachable' } | Refusal;
export type AnswerResult = { kind: 'answered' } | { kind: 'declined' } | { kind: 'already_answered' } | { kind: 'gone' } | Refusal;
export type AddResult = { kind: 'added' } | { kind: 'gone' } | Refusal;
export type StatusResult = { kind: 'own'; state: CaseState } | { kind: 'unknown' };

const questionsRate: RateKind = { record: 'questions', limit: QUESTIONS_PER_HOUR };
const followUpsRate: RateKind = { record: 'followUps', limit: FOLLOW_UPS_PER_HOUR };

export interface FollowUpServiceDeps {
  district: DistrictConfig;
  reports: ConcernReports;
  /** The sealed way back to each reporter: given to the follow-up only. */
  links: ReporterLinks;
  rateLimits: RateLimits;
  audit: AuditLog;
  outbox: OutboxMessages;
  pseudonymize: (aadObjectId: string) => string;
  clock: () => Date;
  /** Called once a question is in the outbox, to send it. */
  onQueued: () => void;
}

/**
 * The anonymous two-way follow-up (issue 13). A coordinator's question reaches the reporter
 * through the bot, which alone can open the reporter's link; the reporter's answers and additions
 * come back to the report, marked as unseen ("Nytt svar"), and the post is redrawn. The
 * coordinators never learn who the reporter is, and nobody but the reporter can answer, add to
 * their report or read its state: the link's pseudonym is compared with the turn's user.
 */
export class FollowUpService {
  constructor(private readonly deps: FollowUpServiceDeps) {}

  /** Keeps the way back to the reporter of a report just stored, for every report (with or without contactMe). */
  async keepReach(report: ConcernReport, turn: ReporterTurn): Promise<void> {
    await this.deps.links.keep(report.reference, report.submittedAt, {
      pseudonym: this.deps.pseudonymize(turn.aadObjectId),
      conversationId: turn.conversationId,
      ...(turn.tenantId ? { tenantId: turn.tenantId } : {}),
      language: turn.language,
    });
  }

  private async report(reference: string): Promise<StoredDocument<ConcernReport> | undefined> {
    const parsed = parseReference(reference);
    return parsed ? this.deps.reports.get(this.deps.district.id, parsed.year, reference) : undefined;
  }

  /** Whether a question about the report can reach its reporter (for the question form). */
  async canAsk(reference: string): Promise<'yes' | 'not_found' | 'unreachable'> {
    if (!(await this.report(reference))) return 'not_found';
    return (await this.deps.links.open(reference)) ? 'yes' : 'unreachable';
  }

  async ask(reference: string, rawText: string, coordinator: Coordinator): Promise<AskResult> {
    const check = checkFollowUpText(rawText);
    if (!check.ok) return { kind: 'rejected', problem: check.problem };
    return this.storeErrorsAsUnavailable(async () => {
      const document = await this.report(reference);
      if (!document) return { kind: 'not_found' };
      if (!(await this.deps.links.open(reference))) return { kind: 'unreachable' };
      const now = this.deps.clock();
      // Counted per report: a reporter is never sent more than a few questions an hour.
      const rate = await this.deps.rateLimits.reserve(reference, now.getTime(), questionsRate);
      if (!rate.allowed) return { kind: 'rate_limited', retryAt: new Date(rate.retryAt) };
      const question: FollowUpEntry = { id: randomUUID(), kind: 'question', at: now.toISOString(), text: check.text, byName: coordinator.name };
      // The question is on the report before its message is queued: the sender reads it from there.
      await this.deps.reports
        .update(document, (report) => ({ ...report, followUps: [...(report.followUps ?? []), question] }))
        .catch(async (error: unknown) => {
          await this.deps.rateLimits.release(reference, now.getTime(), questionsRate).catch(() => undefined);
          throw error;
        });
      const ref: FollowUpQuestionRef = { kind: 'followup', reference, questionId: question.id };
      await this.deps.outbox.enqueueAll(followUpBatchId(reference, question.id), [followUpRecipient(reference)], ref, now).catch(async (error: unknown) => {
        // Not queued, so never sent: the coordinator is told to try again, and the report does not show it as asked.
        const current = await this.report(reference).catch(() => undefined);
        if (current) await this.deps.reports.update(current, (report) => ({ ...report, followUps: (report.followUps ?? []).filter((entry) => entry.id !== question.id) })).catch(() => undefined);
        throw error;
      });
      await this.record('report.question_sent', reference, now, { kind: 'coordinator', aadObjectId: coordinator.aadObjectId, name: coordinator.name });
      this.deps.onQueued();
      return { kind: 'sent' };
    });
  }

  /** The report, when the turn's user is the reporter whose link it holds; otherwise nothing, whatever the reason. */
  private async ownReport(reference: string, aadObjectId: string): Promise<StoredDocument<ConcernReport> | undefined> {
    const reach = await this.deps.links.open(reference);
    if (!reach || !aadObjectId || reach.pseudonym !== this.deps.pseudonymize(aadObjectId)) return undefined;
    return this.report(reference);
  }

  /** A refused answer comes with the question, so that its card can come back with the typed text. */
  async answer(reference: string, questionId: string, rawText: string, aadObjectId: string): Promise<AnswerResult & { question?: string }> {
    let question: string | undefined;
    const result = await this.storeErrorsAsUnavailable(async (): Promise<AnswerResult> => {
      const document = await this.ownReport(reference, aadObjectId);
      const state = document ? questionState(document.body.followUps, questionId) : 'unknown';
      if (!document || state === 'unknown') return { kind: 'gone' };
      if (state === 'answered') return { kind: 'already_answered' };
      question = questionText(document.body.followUps, questionId);
      const check = checkFollowUpText(rawText);
      if (!check.ok) return { kind: 'rejected', problem: check.problem };
      return this.addFromReporter(document, aadObjectId, { kind: 'answer', questionId, text: check.text }, 'report.answer_received', { kind: 'answered' });
    });
    return question === undefined ? result : { ...result, question };
  }

  async decline(reference: string, questionId: string, aadObjectId: string): Promise<AnswerResult> {
    return this.storeErrorsAsUnavailable(async () => {
      const document = await this.ownReport(reference, aadObjectId);
      const state = document ? questionState(document.body.followUps, questionId) : 'unknown';
      if (!document || state === 'unknown') return { kind: 'gone' };
      if (state === 'answered') return { kind: 'already_answered' };
      return this.addFromReporter(document, aadObjectId, { kind: 'declined', questionId }, 'report.answer_declined', { kind: 'declined' });
    });
  }

  /** Whether the turn's user may add to the report (for the form). */
  async canAdd(reference: string, aadObjectId: string): Promise<boolean> {
    return (await this.ownReport(reference, aadObjectId)) !== undefined;
  }

  async add(reference: string, rawText: string, aadObjectId: string): Promise<AddResult> {
    return this.storeErrorsAsUnavailable(async () => {
      const document = await this.ownReport(reference, aadObjectId);
      if (!document) return { kind: 'gone' };
      const check = checkFollowUpText(rawText);
      if (!check.ok) return { kind: 'rejected', problem: check.problem };
      const result = await this.addFromReporter(document, aadObjectId, { kind: 'addition', text: check.text }, 'report.information_added', { kind: 'added' as const });
      // An addition answers no question, so it cannot have been answered meanwhile.
      return result.kind === 'already_answered' ? { kind: 'gone' } : result;
    });
  }

  /** The case state of the turn's user's own report; for any other reference the same "unknown". */
  async status(reference: string, aadObjectId: string): Promise<StatusResult> {
    const document = await this.ownReport(reference, aadObjectId);
    return document ? { kind: 'own', state: caseOf(document.body).state } : { kind: 'unknown' };
  }

  /**
   * Stores an answer, a declined question or an addition: rate-limited per reporter, marked
   * unseen for the coordinators and the channel post queued for a redraw, in one write. A
   * question answered meanwhile (a second click, another device) is not answered twice.
   */
  private async addFromReporter<R extends AnswerResult | AddResult>(
    document: StoredDocument<ConcernReport>,
    aadObjectId: string,
    entry: Omit<FollowUpEntry, 'id' | 'at'>,
    action: AuditAction,
    done: R,
  ): Promise<R | Refusal | { kind: 'already_answered' }> {
    const now = this.deps.clock();
    const pseudonym = this.deps.pseudonymize(aadObjectId);
    const rate = await this.deps.rateLimits.reserve(pseudonym, now.getTime(), followUpsRate);
    if (!rate.allowed) return { kind: 'rate_limited', retryAt: new Date(rate.retryAt) };
    const stored: FollowUpEntry = { id: randomUUID(), at: now.toISOString(), ...entry };
    let answeredMeanwhile = false;
    try {
      await this.deps.reports.update(document, (report) => {
        answeredMeanwhile = entry.questionId !== undefined && questionState(report.followUps, entry.questionId) !== 'open';
        if (answeredMeanwhile) return report;
        return withPostUpdate({ ...report, followUps: [...(report.followUps ?? []), stored], unseenFollowUp: true }, now);
      });
    } catch (error) {
      await this.deps.rateLimits.release(pseudonym, now.getTime(), followUpsRate).catch(() => undefined);
      throw error;
    }
    if (answeredMeanwhile) return { kind: 'already_answered' };
    // The reporter is audited as "the reporter": who they are is what the follow-up keeps from everyone.
    await this.record(action, document.id, now, { kind: 'reporter' });
    return done;
  }

  private async record(action: AuditAction, reference: string, now: Date, actor: { kind: 'coordinator' | 'reporter'; aadObjectId?: string; name?: string }) {
    await this.deps.audit.record({ at: now.toISOString(), actor, action, subject: reference });
  }

  private async storeErrorsAsUnavailable<R>(run: () => Promise<R>): Promise<R | { kind: 'store_unavailable' }> {
    try {
      return await run();
    } catch (error) {
      if (isStoreError(error)) return { kind: 'store_unavailable' };
      throw error;
    }
  }
}
