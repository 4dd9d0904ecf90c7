import type { DistrictConfig } from '../config/district';
import { DIGEST_DIMENSIONS, FLAG_AFTER_MONTHS, type Digest, type DigestForumRow } from '../domain/digest/digest';
import type { Strings } from '../domain/i18n';
import { concernLabels } from './choices';
import { renderCard, type AdaptiveCardJson } from './render-card';
import { completionRow, unitLabel } from './survey-cards';

/**
 * Teams refuses a message over 100 KB (counted as UTF-16); the digest aims well below it. A district
 * with many units and forums does not fit in full tables, so the card is drawn in full if it fits,
 * else with the long lists shortened step by step (DIGEST_CARD_LIMITS), each shortening said in
 * the card: the forum table first (to the flagged forums), then the unit and area tables (to those
 * with the most reports) and the survey table (to the units with the lowest answer rate). Totals
 * always cover everything, and every flagged forum is always named.
 */
export const DIGEST_CARD_BUDGET_BYTES = 72 * 1024;

export interface DigestCardLimits {
  /** Forum table: every forum, or only the flagged ones, at most this many. */
  forums: 'all' | number;
  /** Rows of the area and unit tables. */
  dimensionRows: number;
  /** Unit rows of the survey table. */
  surveyRows: number;
}

export const DIGEST_CARD_LIMITS: readonly DigestCardLimits[] = [
  { forums: 'all', dimensionRows: Infinity, surveyRows: Infinity },
  { forums: 30, dimensionRows: Infinity, surveyRows: Infinity },
  { forums: 30, dimensionRows: 20, surveyRows: 20 },
  { forums: 10, dimensionRows: 10, surveyRows: 10 },
];

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
  const dimensions = (limit: number) =>
    DIGEST_DIMENSIONS.map((dimension) => {
      const all = digest.rows[dimension];
      // Event types and environments are short fixed lists; only areas and units can grow long.
      const shown = dimension === 'area' || dimension === 'unit' ? all.slice(0, limit) : all;
      const note = [dimension === 'eventType' ? d.severalEventTypes : '', shown.length < all.length ? d.rowsCapped(shown.length, all.length - shown.length) : '']
        .filter(Boolean)
        .join(' ');
      const rows = shown.map((row) => ({
        label: labels[dimension](row.key),
        count: String(row.count),
        changeMonth: formatChange(row.changeMonth),
        changeYear: formatChange(row.changeYear),
      }));
      return { heading: d.dimensions[dimension], note, hasNote: note !== '', rows, hasRows: rows.length > 0 };
    });

  const unitName = new Map(district.units.map((unit) => [unit.id, unit.name]));
  const completion = digest.survey?.completion;
  const survey = (limit: number) => {
    const units = completion?.units ?? [];
    // Shortened, the table keeps the units the coordinators most need to chase: the lowest rates.
    const shown = units.length > limit ? [...units].sort((a, b) => (a.rate ?? -1) - (b.rate ?? -1)).slice(0, limit) : units;
    const rows = completion
      ? [...shown.map((row) => completionRow(unitLabel(t, unitName.get(row.unitId) ?? row.unitId, row), row, percent)), completionRow(t.survey.status.total, completion.total, percent)]
      : [];
    const note = shown.length < units.length ? d.surveyCapped(shown.length, units.length - shown.length) : '';
    return { heading: digest.survey ? d.survey(digest.survey.title) : t.survey.title, rows, hasRows: rows.length > 0, note, hasNote: note !== '' };
  };

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

  const render = (limits: DigestCardLimits) => {
    const shown = limits.forums === 'all' ? coverage.forums : coverage.flagged.slice(0, limits.forums);
    const capped = shown.length < coverage.forums.length;
    return renderCard('digest', {
      t: d,
      tSurvey: t.survey.status,
      title: d.title(monthName(t, digest.month)),
      district: district.name,
      summary,
      chart,
      againstMonth: d.against(monthName(t, digest.previousMonth, 'short')),
      againstYear: d.against(monthName(t, digest.sameMonthLastYear, 'short')),
      dimensions: dimensions(limits.dimensionRows),
      survey: survey(limits.surveyRows),
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
  let card = render(DIGEST_CARD_LIMITS[0]!);
  for (const limits of DIGEST_CARD_LIMITS.slice(1)) {
    if (cardBytes(card) <= DIGEST_CARD_BUDGET_BYTES) break;
    card = render(limits);
  }
  return card;
}

/** Size as Teams counts it: UTF-16 code units, two bytes each. */
function cardBytes(card: AdaptiveCardJson): number {
  return JSON.stringify(card).length * 2;
}
