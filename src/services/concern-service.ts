import type { DistrictConfig } from '../config/district';
import { validateConcernForm, type ConcernFormValues, type FieldProblems } from '../domain/concern/concern-form';
import { buildConcernReport, type ConcernReport, type ReporterContact } from '../domain/concern/concern-report';
import { stockholmDate, stockholmYear } from '../domain/stockholm-time';
import type { AuditLog } from '../store/repositories/audit-log';
import type { ConcernReports } from '../store/repositories/concern-reports';
import type { RateLimits } from '../store/repositories/rate-limits';
import { isStoreError } from '../store/store-error';
import type { ReporterTurn } from './follow-up-service';

export type SubmitConcernResult =
  /** `reachKept`: whether the way back to the reporter was stored (the follow-up needs it; the report stands without). */
  | { kind: 'accepted'; report: ConcernReport; reachKept: boolean }
  | { kind: 'rejected'; problems: FieldProblems }
  | { kind: 'rate_limited'; retryAt: Date }
  | { kind: 'store_unavailable' };

export interface ConcernServiceDeps {
  district: DistrictConfig;
  reports: ConcernReports;
  rateLimits: RateLimits;
  audit: AuditLog;
  /** Keyed pseudonym of a user id, so the rate limit never stores who someone is. */
  pseudonymize: (aadObjectId: string) => string;
  clock: () => Date;
  /** Called once a report is safely stored, to start its channel post. */
  onReportStored: (report: ConcernReport) => void;
  /** Keeps the sealed way back to the reporter (the follow-up), apart from the report. */
  keepReach?: (report: ConcernReport, turn: ReporterTurn) => Promise<void>;
}

/** The concern form's use cases: check, rate-limit, store with a reference, hand over for posting. */
export class ConcernService {
  constructor(private readonly deps: ConcernServiceDeps) {}

  today(): string {
    return stockholmDate(this.deps.clock());
  }

  /**
   * `lookupUserPrincipalName` is called only for a valid report whose reporter ticked contactMe:
   * nobody's directory details are fetched for a form that is refused.
   */
  async submit(
    values: ConcernFormValues,
    reporter: Omit<ReporterContact, 'userPrincipalName'>,
    lookupUserPrincipalName: () => Promise<string | undefined> = async () => undefined,
    reach?: Omit<ReporterTurn, 'aadObjectId'>,
  ): Promise<SubmitConcernResult> {
    const { district, reports, rateLimits, clock } = this.deps;
    const now = clock();
    const validation = validateConcernForm(
      values,
      { areaIds: district.areas.map((area) => area.id), unitIds: district.units.map((unit) => unit.id) },
      stockholmDate(now),
    );
    if (!validation.ok) return { kind: 'rejected', problems: validation.problems };

    const contact: ReporterContact = validation.draft.contactMe
      ? { ...reporter, userPrincipalName: await lookupUserPrincipalName() }
      : reporter;
    const pseudonym = this.deps.pseudonymize(reporter.aadObjectId);
    try {
      const rate = await rateLimits.reserve(pseudonym, now.getTime());
      if (!rate.allowed) return { kind: 'rate_limited', retryAt: new Date(rate.retryAt) };
      const year = stockholmYear(now);
      const report = await reports
        .createWithNextReference(district.id, year, (sequence, reference) =>
          buildConcernReport({ draft: validation.draft, districtId: district.id, year, sequence, reference, now, reporter: contact }),
        )
        .catch(async (error: unknown) => {
          await rateLimits.release(pseudonym, now.getTime()).catch(() => undefined);
          throw error;
        });
      this.deps.onReportStored(report);
      // For every report, contactMe or not: the follow-up reaches the reporter without naming them.
      // A report stored without it still stands; the reporter is just not reachable for questions.
      const reachKept =
        reach !== undefined &&
        this.deps.keepReach !== undefined &&
        (await this.deps.keepReach(report, { aadObjectId: reporter.aadObjectId, ...reach }).then(
          () => true,
          () => false,
        ));
      return { kind: 'accepted', report, reachKept };
    } catch (error) {
      if (isStoreError(error)) return { kind: 'store_unavailable' };
      throw error;
    }
  }
}
