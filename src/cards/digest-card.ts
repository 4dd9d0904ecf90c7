import type { DistrictConfig } from '../config/district';
import { DIGEST_DIMENSIONS, FLAG_AFTER_MONTHS, type Digest, type DigestForumRow } from '../domain/digest/digest';
import type { Strings } from '../domain/i18n';
import type { CompletionFigures } from '../domain/survey/completion';
import { concernLabels } from './choices';
import { renderCard, type AdaptiveCardJson } from './render-card';

/**
 * Teams refuses a message over 100 KB (counted as UTF-16); the digest aims well below it. Past this
 * size the forum table shrinks to the flagged forums (at most FORUM_TABLE_CAP of them) and says so.
 */
export const DIGEST_CARD_BUDGET_BYTES = 72 * 1024;
export const FORUM_TABLE_CAP = 30;

/** "+2", "−1" (a real minus sign), "±0"; "–" when there is nothing to compare with. */
export function formatChange(change: number | null): string {
  if (change === null) return '–';
  if (change === 0) return '±0';
  return change > 0 ? `+${change}` : `\u2212${-change}`;
}

/** "november 2026" / "November 2026" (long), "nov. 2026" / "Nov 2026" (short). */
export function monthName(t: Strings, month: string, width: 'long' | 'short' = 'long'): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(t.language === 'sv' ? 'sv-SE' : 'en-GB', { month: width, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year!, number! - 1, 1)),
  );
}

function completionRow(unit: string, figures: CompletionFigures, percent: Intl.NumberFormat) {
  return {
    unit,
    invited: String(figures.invited),
    delivered: String(figures.delivered),
    unreachable: String(figures.unreachable),
    answered: String(figures.answered),
    rate: figures.rate === null ? '–' : percent.format(figures.rate),
  };
}

/** The monthly digest card for the coordinators' channel (SPEC §4). */
export function digestCard(t: Strings, district: DistrictConfig, digest: Digest): AdaptiveCardJson {
  const d = t.digest;
  const labels = concernLabels(t, district);
  const locale = t.language === 'sv' ? 'sv-SE' : 'en-GB';
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const { total } = digest;

  const summary = [
    { title: d.reportsIn(monthName(t, digest.month)), value: String(total.count) },
    { title: d.against(monthName(t, digest.previousMonth)), value: `${formatChange(total.changeMonth)} (${total.previousMonth})` },
    { title: d.against(monthName(t, digest.sameMonthLastYear)), value: `${formatChange(total.changeYear)} (${total.sameMonthLastYear})` },
    { title: d.openFollowUps, value: String(digest.openFollowUps) },
  ];
  const chart = digest.rows.eventType.map((row) => ({ label: labels.eventType(row.key), count: row.count, countText: String(row.count) }));
  const dimensions = DIGEST_DIMENSIONS.map((dimension) => {
    const note = dimension === 'eventType' ? d.severalEventTypes : '';
    const rows = digest.rows[dimension].map((row) => ({
      label: labels[dimension](row.key),
      count: String(row.count),
      changeMonth: formatChange(row.changeMonth),
      changeYear: formatChange(row.changeYear),
    }));
    return { heading: d.dimensions[dimension], note, hasNote: note !== '', rows, hasRows: rows.length > 0 };
  });

  const unitName = new Map(district.units.map((unit) => [unit.id, unit.name]));
  const completion = digest.survey?.completion;
  const surveyRows = completion
    ? [
        ...completion.units.map((row) => completionRow(unitName.get(row.unitId) ?? row.unitId, row, percent)),
        completionRow(t.survey.status.total, completion.total, percent),
      ]
    : [];

  const coverage = digest.forums;
  const forumRow = (forum: Pick<DigestForumRow, 'name' | 'meetings' | 'nudged' | 'confirmed' | 'discussed'>, color: string) => ({
    name: forum.name,
    color,
    meetings: String(forum.meetings),
    nudged: String(forum.nudged),
    confirmed: String(forum.confirmed),
    discussed: String(forum.discussed),
  });
  const totalsRow = forumRow({ name: d.total, ...coverage.totals }, 'Default');
  const flagged = coverage.flagged.map((forum) => ({
    name: forum.name,
    last: forum.lastVbeItemOn ? d.lastVbeItem(forum.lastVbeItemOn) : d.neverVbeItem,
  }));

  const render = (capped: boolean) => {
    const shown = capped ? coverage.flagged.slice(0, FORUM_TABLE_CAP) : coverage.forums;
    return renderCard('digest', {
      t: d,
      tSurvey: t.survey.status,
      title: d.title(monthName(t, digest.month)),
      district: district.name,
      summary,
      chart,
      againstMonth: d.against(monthName(t, digest.previousMonth, 'short')),
      againstYear: d.against(monthName(t, digest.sameMonthLastYear, 'short')),
      dimensions,
      survey: {
        heading: digest.survey ? d.survey(digest.survey.title) : t.survey.title,
        rows: surveyRows,
        hasRows: surveyRows.length > 0,
      },
      hasForums: coverage.forums.length > 0,
      hasFlagged: flagged.length > 0,
      flagged,
      flaggedHeading: d.flagged(FLAG_AFTER_MONTHS, flagged.length),
      noneFlagged: d.noneFlagged(FLAG_AFTER_MONTHS),
      forums: [...shown.map((forum) => forumRow(forum, forum.flagged ? 'Attention' : 'Default')), totalsRow],
      forumNote: capped ? d.forumTableCapped(shown.length, coverage.forums.length - shown.length) : '',
      hasForumNote: capped,
    });
  };
  const full = render(false);
  return JSON.stringify(full).length * 2 <= DIGEST_CARD_BUDGET_BYTES ? full : render(true);
}
