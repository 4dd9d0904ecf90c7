import type { DistrictConfig } from '../config/district';
import { CASE_AGE_BANDS, DIGEST_DIMENSIONS, FLAG_AFTER_MONTHS, type CaseFigures, type Digest, type DigestFigures, type DigestForumRow } from '../domain/digest/digest';
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

/** "1 september 2026" / "1 September 2026". */
function longDate(t: Strings, date: string): string {
  return new Intl.DateTimeFormat(t.language === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** A row with no report in any of the three months: folded into one line instead of a row of zeros. */
const isZeroRow = (row: DigestFigures) => row.count === 0 && row.previousMonth === 0 && row.sameMonthLastYear === 0;
type ForumFigures = Pick<DigestForumRow, 'meetings' | 'nudged' | 'confirmed' | 'discussed'>;
const isIdleForum = (forum: ForumFigures) => forum.meetings + forum.nudged + forum.confirmed + forum.discussed === 0;

/**
 * The monthly digest card for the coordinators' channel (SPEC §4). Drawn for a narrow Teams card
 * (about 400 px): rows of zeros are folded into one line each ("Inga rapporter om: …"), a month
 * without reports gets a sentence instead of a chart, every change is explained once, and the
 * forum sentences are counted from the same rows the forum table shows.
 */
export function digestCard(t: Strings, district: DistrictConfig, digest: Digest): AdaptiveCardJson {
  const d = t.digest;
  const labels = concernLabels(t, district);
  const locale = t.language === 'sv' ? 'sv-SE' : 'en-GB';
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const { total } = digest;
  const month = monthName(t, digest.month);
  const previous = monthName(t, digest.previousMonth);
  const lastYear = monthName(t, digest.sameMonthLastYear);

  const compared = (change: number | null, then: number) => (change === null ? d.notComparable : d.changeFrom(formatChange(change), then));
  const summary = [
    { title: d.reportsIn(month), value: String(total.count) },
    { title: d.against(previous), value: compared(total.changeMonth, total.previousMonth) },
    { title: d.against(lastYear), value: compared(total.changeYear, total.sameMonthLastYear) },
    { title: d.openCases, value: String(digest.cases.openTotal.total) },
  ];
  const noReportsAtAll = isZeroRow(total);
  // A chart of one bar tells nothing the event-type table does not; an empty month gets a sentence.
  const chart = digest.rows.eventType
    .filter((row) => row.count > 0)
    .map((row) => ({ label: labels.eventType(row.key), count: row.count, countText: String(row.count) }));
  const quietLine = noReportsAtAll ? d.noReportsAtAll(month, previous, lastYear) : total.count === 0 ? d.noReportsIn(month) : '';
  // Said only when it happened: some report of the three months counts under more than one type.
  const severalTypesCounted = (['count', 'previousMonth', 'sameMonthLastYear'] as const).some(
    (period) => digest.rows.eventType.reduce((sum, row) => sum + row[period], 0) > total[period],
  );
  const dimensions = (limit: number) =>
    DIGEST_DIMENSIONS.map((dimension) => {
      const all = digest.rows[dimension];
      const zero = all.filter(isZeroRow);
      const withReports = all.filter((row) => !isZeroRow(row));
      // Event types and environments are short fixed lists; only areas and units can grow long.
      const shown = dimension === 'area' || dimension === 'unit' ? withReports.slice(0, limit) : withReports;
      const note = [dimension === 'eventType' && severalTypesCounted ? d.severalEventTypes : '', shown.length < withReports.length ? d.rowsCapped(shown.length, withReports.length - shown.length) : '']
        .filter(Boolean)
        .join(' ');
      const rows = shown.map((row) => ({
        label: labels[dimension](row.key),
        count: String(row.count),
        change: `${formatChange(row.changeMonth)} (${formatChange(row.changeYear)})`,
      }));
      const zeroLine = zero.length > 0 ? d.noReportsOf(zero.map((row) => labels[dimension](row.key)).join(', ')) : rows.length === 0 ? d.noReports : '';
      return { heading: d.dimensions[dimension], note, hasNote: note !== '', rows, hasRows: rows.length > 0, zeroLine };
    });

  const unitName = new Map(district.units.map((unit) => [unit.id, unit.name]));
  const completion = digest.survey?.completion;
  const survey = (limit: number) => {
    const units = completion?.units ?? [];
    // Shortened, the table keeps the units the coordinators most need to chase: the lowest rates.
    const shown = units.length > limit ? [...units].sort((a, b) => (a.rate ?? -1) - (b.rate ?? -1)).slice(0, limit) : units;
    const rows = completion
      ? [...shown.map((row) => completionRow(t, unitLabel(t, unitName.get(row.unitId) ?? row.unitId, row), row, percent)), completionRow(t, t.survey.status.total, completion.total, percent)]
      : [];
    const note = shown.length < units.length ? d.surveyCapped(shown.length, units.length - shown.length) : '';
    return { heading: digest.survey ? d.survey(digest.survey.title) : t.survey.title, rows, hasRows: rows.length > 0, note, hasNote: note !== '' };
  };

  const coverage = digest.forums;
  const forumRow = (forum: ForumFigures & { name: string }, color: string) => ({
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
  const names = (forums: readonly { name: string }[]) => forums.map((forum) => forum.name).join(', ');

  const cases = casesSection(t, digest.cases, month);

  const render = (limits: DigestCardLimits) => {
    const shown = limits.forums === 'all' ? coverage.forums : coverage.flagged.slice(0, limits.forums);
    const capped = shown.length < coverage.forums.length;
    const active = shown.filter((forum) => !isIdleForum(forum));
    const idle = shown.filter(isIdleForum);
    return renderCard('digest', {
      t: d,
      tSurvey: t.survey.status,
      title: d.title(month),
      district: district.name,
      summary,
      openCasesNote: d.openCasesNote(longDate(t, digest.cases.countedOn)),
      cases,
      quietLine,
      hasChart: chart.length >= 2,
      chart,
      hasDimensions: !noReportsAtAll,
      changeLegend: d.changeLegend(previous, lastYear),
      dimensions: dimensions(limits.dimensionRows),
      survey: survey(limits.surveyRows),
      hasForums: coverage.forums.length > 0,
      hasFlagged: flagged.length > 0,
      flagged,
      flaggedHeading: d.flagged(FLAG_AFTER_MONTHS, flagged.length),
      coveredLine: d.covered(coverage.covered.length, coverage.forums.length, longDate(t, coverage.windowStartsOn)),
      coveredColor: coverage.covered.length === coverage.forums.length ? 'Good' : 'Default',
      tooNewLine: coverage.tooNew.length > 0 ? d.tooNew(FLAG_AFTER_MONTHS, names(coverage.tooNew)) : '',
      hasForumRows: active.length > 0,
      forums: [...active.map((forum) => forumRow(forum, forum.flagged ? 'Attention' : 'Default')), totalsRow],
      noMeetingsLine: idle.length > 0 ? d.noMeetings(month, names(idle)) : '',
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

/**
 * Open cases by state and age band (a table, with a total row), the oldest open case, and the
 * medians of the month with the number of cases each is taken over; "none" said in words, not 0.
 */
function casesSection(t: Strings, cases: CaseFigures, month: string) {
  const d = t.digest;
  const number = new Intl.NumberFormat(t.language === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
  const row = (label: string, figures: { bands: number[]; total: number }) => ({
    label,
    bands: figures.bands.map((count) => ({ count: String(count) })),
    total: String(figures.total),
  });
  const { acknowledged, closed } = cases;
  return {
    heading: d.casesHeading(longDate(t, cases.countedOn)),
    hasOpen: cases.openTotal.total > 0,
    bandLabels: CASE_AGE_BANDS.map((band) => ({ label: band.label })),
    rows: [...cases.open.map((open) => row(t.case.states[open.state], open)), row(d.total, cases.openTotal)],
    oldestLine: cases.oldestOpenDays === null ? d.noOpenCases : d.oldestOpen(cases.oldestOpenDays),
    // The legend explains the medians; a month without any needs none.
    hasMedians: acknowledged.count + closed.count > 0,
    medians: [
      { title: d.toAcknowledge, value: acknowledged.median === null ? d.noneAcknowledged(month) : d.medianWorkingDays(number.format(acknowledged.median), acknowledged.count) },
      { title: d.toClose, value: closed.median === null ? d.noneClosed(month) : d.medianDays(number.format(closed.median), closed.count) },
    ],
  };
}

/** Size as Teams counts it: UTF-16 code units, two bytes each. */
function cardBytes(card: AdaptiveCardJson): number {
  return JSON.stringify(card).length * 2;
}
