import type { DistrictConfig } from '../config/district';
import type { AuditActor } from '../domain/audit';
import { applyCaseAction, caseOf, type CaseAction, type CaseRecord, type CaseStep } from '../domain/concern/case';
import { withPostUpdate, type ConcernReport } from '../domain/concern/concern-report';
import { parseReference } from '../domain/concern/reference';
import type { StoredDocument } from '../store/document-store';
import type { AuditLog } from '../store/repositories/audit-log';
import type { ConcernReports } from '../store/repositories/concern-reports';
import { isStoreError } from '../store/store-error';

export interface Coordinator {
  aadObjectId: string;
  name: string;
}

export type CaseChangeResult =
  | { kind: 'changed'; report: ConcernReport; step: CaseStep }
  /** The step does not follow the report's state now (out of order, replayed, someone was first). */
  | { kind: 'not_allowed'; report: ConcernReport }
  | { kind: 'not_found' }
  | { kind: 'store_unavailable' };

export type ViewResult = { kind: 'shown'; report: ConcernReport } | { kind: 'not_found' } | { kind: 'store_unavailable' };

export interface CaseServiceDeps {
  district: DistrictConfig;
  reports: ConcernReports;
  audit: AuditLog;
  clock: () => Date;
  /** Called once a post update is stored, to send it. */
  onPostUpdateRequested: () => void;
}

/** A report's case steps and *Visa rapporten*, each audited with who and when (never text). */
export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  private async find(reference: string): Promise<StoredDocument<ConcernReport> | undefined> {
    const parsed = parseReference(reference);
    return parsed ? this.deps.reports.get(this.deps.district.id, parsed.year, reference) : undefined;
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T | { kind: 'store_unavailable' }> {
    try {
      return await work();
    } catch (error) {
      if (isStoreError(error)) return { kind: 'store_unavailable' };
      throw error;
    }
  }

  /** The report as stored now (for a card that goes back to the post). */
  async current(reference: string): Promise<ConcernReport | undefined> {
    return (await this.find(reference))?.body;
  }

  /** Takes one step, checked against the state as stored when it is written; a refused step writes nothing. */
  changeCase(reference: string, action: CaseAction, coordinator: Coordinator): Promise<CaseChangeResult> {
    return this.guarded(async () => {
      const document = await this.find(reference);
      if (!document) return { kind: 'not_found' } as const;
      const now = this.deps.clock();
      let seen = document.body;
      let taken: { step: CaseStep; from: CaseRecord } | undefined;
      const written = await this.deps.reports.updateIf(document, (current) => {
        seen = current;
        const before = caseOf(current);
        const result = applyCaseAction(before, action, coordinator.name, now);
        if (!result.ok) return undefined;
        taken = { step: result.step, from: before };
        // Redrawn for everyone by the press's own answer and, durably, by the channel post outbox:
        // a post whose in-turn update failed is not left showing the old state.
        return withPostUpdate({ ...current, case: result.case }, now);
      });
      if (!written || !taken) return { kind: 'not_allowed', report: seen } as const;
      await this.deps.audit.record({
        at: now.toISOString(),
        actor: actor(coordinator),
        action: 'report.case_changed',
        subject: reference,
        transition: {
          action: action.kind,
          from: taken.from.state,
          to: taken.step.to,
          ...(action.kind === 'close' ? { outcome: action.outcome } : {}),
        },
      });
      return { kind: 'changed', report: written, step: taken.step } as const;
    });
  }

  /**
   * *Visa rapporten*. The view is audited before anything is shown: a view that cannot be written
   * to the log is not given. Opening a report clears its "Nytt svar" marker on the post.
   */
  view(reference: string, coordinator: Coordinator): Promise<ViewResult> {
    return this.guarded(async () => {
      const document = await this.find(reference);
      if (!document) return { kind: 'not_found' } as const;
      const now = this.deps.clock();
      await this.deps.audit.record({ at: now.toISOString(), actor: actor(coordinator), action: 'report.viewed', subject: reference });
      if (!document.body.unseenFollowUp) return { kind: 'shown', report: document.body } as const;
      const cleared = await this.deps.reports.updateIf(document, (current) =>
        current.unseenFollowUp ? withPostUpdate({ ...current, unseenFollowUp: false }, now) : undefined,
      );
      if (cleared) this.deps.onPostUpdateRequested();
      return { kind: 'shown', report: cleared ?? (await this.find(reference))?.body ?? document.body } as const;
    });
  }
}

function actor(coordinator: Coordinator): AuditActor {
  return { kind: 'coordinator', aadObjectId: coordinator.aadObjectId, name: coordinator.name };
}
