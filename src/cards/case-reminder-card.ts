import type { CaseDeadlineSettings, CaseReminder } from '../domain/concern/case-deadlines';
import type { Strings } from '../domain/i18n';
import { renderCard, type AdaptiveCardJson } from './render-card';

/** "tisdag 1 december 2026" / "Tuesday 1 December 2026" (put together: ICU versions differ on the comma). */
function weekdayDate(t: Strings, date: string): string {
  const locale = t.language === 'sv' ? 'sv-SE' : 'en-GB';
  const instant = new Date(`${date}T12:00:00Z`);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(instant);
  return `${weekday} ${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(instant)}`;
}

/**
 * A reminder in the coordinators' channel that a report's case is past its acknowledgement
 * deadline or near its close target. Only the reference, state and age: no report text and no
 * unit, so the channel's history holds nothing of the report that the post itself does not.
 */
export function caseReminderCard(t: Strings, reminder: CaseReminder, settings: CaseDeadlineSettings): AdaptiveCardJson {
  const r = t.caseDeadlines.reminder;
  return renderCard('case-reminder', {
    title: reminder.kind === 'acknowledge' ? r.acknowledgeTitle(reminder.reference) : r.closeTitle(reminder.reference),
    facts: [
      { title: r.reference, value: reminder.reference },
      { title: r.state, value: t.case.states[reminder.state] },
      { title: r.age, value: r.ageDays(reminder.ageDays) },
    ],
    overdue:
      reminder.kind === 'acknowledge'
        ? r.acknowledgeOverdue(weekdayDate(t, reminder.dueOn), settings.ackWorkingDays)
        : r.closeDue(weekdayDate(t, reminder.dueOn), settings.closeTargetDays, reminder.daysLeft),
    whatToDo: r.whatToDo,
  });
}
