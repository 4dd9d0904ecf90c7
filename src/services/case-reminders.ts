import { caseReminderCard } from '../cards/case-reminder-card';
import type { DistrictConfig } from '../config/district';
import { dueCaseReminders, type CaseDeadlineSettings, type CaseReminderKind } from '../domain/concern/case-deadlines';
import { stringsFor } from '../domain/i18n';
import { stockholmDate } from '../domain/stockholm-time';
import type { DocumentStore } from '../store/document-store';
import { ChannelMessages } from '../store/repositories/channel-messages';
import { ConcernReports } from '../store/repositories/concern-reports';

/**
 * The identity of a report's reminder of one kind. A second writer of the same reminder (another
 * instance, a rerun, a later day) conflicts on it, so each report gets each reminder once, ever.
 */
export function caseReminderId(districtId: string, reference: string, kind: CaseReminderKind): string {
  return `case-reminder:${districtId}:${reference}:${kind}`;
}

/**
 * The case-deadlines job (issue 13), once a working day: queues for the coordinators' channel,
 * in the district's language, the acknowledgement and close reminders due for every open case of
 * the district. Returns counts only.
 */
export async function queueCaseReminders(
  store: DocumentStore,
  district: DistrictConfig,
  settings: CaseDeadlineSettings,
  now: Date,
  queueAt = now,
): Promise<{ reports: number; acknowledge: number; close: number; alreadyQueued: number }> {
  const t = stringsFor(district.language);
  const messages = new ChannelMessages(store);
  const today = stockholmDate(now);
  const counts = { reports: 0, acknowledge: 0, close: 0, alreadyQueued: 0 };
  for (const report of await new ConcernReports(store).ofDistrict(district.id)) {
    counts.reports += 1;
    for (const reminder of dueCaseReminders(report, today, settings)) {
      const card = caseReminderCard(t, reminder, settings);
      const outcome = await messages.enqueue(caseReminderId(district.id, report.reference, reminder.kind), { kind: 'case-reminder', card }, queueAt);
      if (outcome === 'queued') counts[reminder.kind] += 1;
      else counts.alreadyQueued += 1;
    }
  }
  return counts;
}
