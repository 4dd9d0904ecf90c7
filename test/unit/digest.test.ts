import { describe, expect, it } from 'vitest';
import { digestCard, formatChange } from '../../src/cards/digest-card';
import type { AdaptiveCardJson } from '../../src/cards/render-card';
import { loadDistrictConfig, type DistrictConfig } from '../../src/config/district';
import { EVENT_TYPES } from '../../src/domain/concern/concern-options';
import {
  buildDigest,
  FLAG_AFTER_MONTHS,
  isForumFlagged,
  lastMonthOf,
  previousMonth,
  sameMonthLastYear,
  median,
  type DigestCaseFacts,
  type DigestForumFacts,
  type DigestInput,
  type DigestReportFacts,
  type DigestRow,
} from '../../src/domain/digest/digest';
import { stringsFor } from '../../src/domain/i18n';
import { checkCard, narrowTableProblems } from '../support/validate-card';

const district = loadDistrictConfig();

describe('months', () => {
  it.each([
    ['2027-01', '2026-12', '2026-01'],
    ['2026-12', '2026-11', '2025-12'],
    ['2026-03', '2026-02', '2025-03'],
  ])('%s: previous month %s, same month last year %s', (month, previous, lastYear) => {
    expect(previousMonth(month)).toBe(previous);
    expect(sameMonthLastYear(month)).toBe(lastYear);
  });

  it.each([
    ['2027-01-04', '2026-12'],
    ['2026-12-01', '2026-11'],
    ['2026-03-31', '2026-02'],
  ])('the digest of last month, asked on %s, covers %s', (date, month) => {
    expect(lastMonthOf(date)).toBe(month);
  });

  it('refuses what is not a month', () => {
    expect(() => previousMonth('2026-13')).toThrow(RangeError);
    expect(() => lastMonthOf('2026-11')).toThrow(RangeError);
    expect(() => buildDigest({ month: '2026-1', reports: [], cases: [], casesCountedOn: '2026-02-01', forums: [] })).toThrow(RangeError);
  });
});

type Row = [month: string, eventTypes: string[], environment: string, area: string, unit: string];
const report = ([submittedMonth, eventTypes, environment, area, unit]: Row): DigestReportFacts => ({
  submittedMonth,
  eventTypes,
  environment,
  area,
  unit,
});

// The digest of January 2027: its previous month is in another year (December 2026), and it is
// compared with January 2026. The other months' reports must not count anywhere.
const REPORTS: DigestReportFacts[] = [
  report(['2027-01', ['graffiti', 'threats'], 'white_power', 'alvsjo', 'ung-fritid']),
  report(['2027-01', ['graffiti'], 'white_power', 'alvsjo', 'forskola-hagersten']),
  report(['2027-01', ['online'], 'islamist', 'aspudden', 'ung-fritid']),
  report(['2027-01', ['threats', 'threats'], 'unclear', 'alvsjo', 'ung-fritid']),
  report(['2026-12', ['graffiti'], 'white_power', 'aspudden', 'ung-fritid']),
  report(['2026-12', ['posters'], 'left_autonomous', 'aspudden', 'forskola-alvsjo']),
  report(['2026-01', ['graffiti'], 'white_power', 'alvsjo', 'ung-fritid']),
  report(['2026-01', ['graffiti', 'online'], 'islamist', 'alvsjo', 'ung-fritid']),
  report(['2026-01', ['symbol'], 'white_power', 'grondal', 'forskola-hagersten']),
  // Neither this month, nor last month, nor the same month last year:
  report(['2026-11', ['graffiti'], 'white_power', 'alvsjo', 'ung-fritid']),
  report(['2025-12', ['threats'], 'islamist', 'grondal', 'ung-fritid']),
  report(['2025-01', ['graffiti'], 'white_power', 'alvsjo', 'ung-fritid']),
  report(['2027-02', ['online'], 'unclear', 'frua', 'forskola-alvsjo']),
];

// Cases for the January 2027 digest, made on 1 February 2027; each line says what it counts as.
const CASES: DigestCaseFacts[] = [
  { submittedOn: '2027-01-29', state: 'new', closedOn: [] }, // open new, 3 days: 0–7
  { submittedOn: '2026-12-20', state: 'new', closedOn: [] }, // open new, 43 days: >30
  { submittedOn: '2027-01-20', state: 'received', acknowledgedOn: '2027-01-21', closedOn: [] }, // 12 days: 8–30; received after 1 working day
  { submittedOn: '2027-01-04', state: 'assessing', acknowledgedOn: '2027-01-07', closedOn: [] }, // 28 days: 8–30; 2 working days (trettondedag jul)
  { submittedOn: '2026-12-28', state: 'closed', acknowledgedOn: '2027-01-04', closedOn: ['2027-01-27'] }, // 3 working days (nyår); closed after 30 days
  { submittedOn: '2026-11-02', state: 'closed', acknowledgedOn: '2026-11-03', closedOn: ['2026-12-15', '2027-01-11'] }, // closed again in January: 70 days
  { submittedOn: '2026-10-01', state: 'assessing', acknowledgedOn: '2026-10-02', closedOn: ['2027-01-15'] }, // closed in January, then reopened: 106 days; open 123 days: >30
  { submittedOn: '2026-12-01', state: 'closed', acknowledgedOn: '2026-12-01', closedOn: ['2026-12-20'] }, // nothing in January
];

const january = (extra: Partial<DigestInput> = {}) =>
  buildDigest({ month: '2027-01', reports: REPORTS, cases: CASES, casesCountedOn: '2027-02-01', forums: [], ...extra });

/** [key, this month, previous month, same month last year, change month, change year], counted by hand. */
type Expected = [string, number, number, number, number | null, number | null];
const figures = (rows: DigestRow[]): Expected[] =>
  rows.map((row) => [row.key, row.count, row.previousMonth, row.sameMonthLastYear, row.changeMonth, row.changeYear]);

describe('digest figures', () => {
  it('names the months it compares, across the year boundary', () => {
    const digest = january();
    expect([digest.month, digest.previousMonth, digest.sameMonthLastYear]).toEqual(['2027-01', '2026-12', '2026-01']);
  });

  it('counts the reports of the month, December and January last year', () => {
    expect(january().total).toEqual({ count: 4, previousMonth: 2, sameMonthLastYear: 3, changeMonth: 2, changeYear: 1 });
  });

  it('by event type: every type in form order, a report under each of its types, once', () => {
    expect(figures(january().rows.eventType)).toEqual<Expected[]>([
      ['concern_individual', 0, 0, 0, 0, 0],
      ['graffiti', 2, 1, 2, 1, 0],
      ['opinions', 0, 0, 0, 0, 0],
      ['threats', 2, 0, 0, 2, 2],
      ['posters', 0, 1, 0, -1, 0],
      ['symbol', 0, 0, 1, 0, -1],
      ['online', 1, 0, 1, 1, 0],
      ['other', 0, 0, 0, 0, 0],
    ]);
  });

  it('by environment: every environment in form order', () => {
    expect(figures(january().rows.environment)).toEqual<Expected[]>([
      ['white_power', 2, 1, 2, 1, 0],
      ['left_autonomous', 0, 1, 0, -1, 0],
      ['islamist', 1, 0, 1, 1, 0],
      ['unclear', 1, 0, 0, 1, 1],
    ]);
  });

  it('by area and unit: those with a report in any of the three months, most reports first', () => {
    const digest = january();
    expect(figures(digest.rows.area)).toEqual<Expected[]>([
      ['alvsjo', 3, 0, 2, 3, 1],
      ['aspudden', 1, 2, 0, -1, 1],
      ['grondal', 0, 0, 1, 0, -1],
    ]);
    expect(figures(digest.rows.unit)).toEqual<Expected[]>([
      ['ung-fritid', 3, 1, 2, 2, 1],
      ['forskola-hagersten', 1, 0, 1, 1, 0],
      ['forskola-alvsjo', 0, 1, 0, -1, 0],
    ]);
  });

  it('leaves out a comparison with a month before the data begins', () => {
    const digest = january({ comparableFrom: '2026-06' });
    expect(digest.total).toMatchObject({ changeMonth: 2, changeYear: null });
    expect(digest.rows.eventType.every((row) => row.changeYear === null && row.changeMonth !== null)).toBe(true);
    expect(january({ comparableFrom: '2027-01' }).total).toMatchObject({ changeMonth: null, changeYear: null });
  });

  it('counts open cases by state and age, any month, and the medians of cases acknowledged and closed in the month (by hand)', () => {
    const { cases } = january();
    expect(cases.countedOn).toBe('2027-02-01');
    expect(cases.open).toEqual([
      { state: 'new', bands: [1, 0, 1], total: 2 },
      { state: 'received', bands: [0, 1, 0], total: 1 },
      { state: 'assessing', bands: [0, 1, 1], total: 2 },
    ]);
    expect(cases.openTotal).toEqual({ bands: [1, 2, 2], total: 5 });
    expect(cases.oldestOpenDays).toBe(123);
    expect(cases.acknowledged).toEqual({ count: 3, median: 2 }); // 1, 2, 3 working days
    expect(cases.closed).toEqual({ count: 3, median: 70 }); // 30, 70, 106 days
  });

  it('says there were none rather than a median of 0', () => {
    const { cases } = january({ cases: [] });
    expect(cases).toMatchObject({ openTotal: { bands: [0, 0, 0], total: 0 }, oldestOpenDays: null, acknowledged: { count: 0, median: null }, closed: { count: 0, median: null } });
    // A report acknowledged the day it came in is 0 working days, and that is a real 0.
    const sameDay = january({ cases: [{ submittedOn: '2027-01-12', state: 'received', acknowledgedOn: '2027-01-12', closedOn: [] }] }).cases;
    expect(sameDay.acknowledged).toEqual({ count: 1, median: 0 });
  });

  it.each([
    [0, [1, 0, 0]],
    [7, [1, 0, 0]],
    [8, [0, 1, 0]],
    [30, [0, 1, 0]],
    [31, [0, 0, 1]],
  ])('an open case %i days old counts in the bands %j', (age, bands) => {
    const submittedOn = new Date(Date.parse('2027-02-01T12:00:00Z') - age * 86_400_000).toISOString().slice(0, 10);
    expect(january({ cases: [{ submittedOn, state: 'received', closedOn: [] }] }).cases.openTotal.bands).toEqual(bands);
  });

  it.each([
    [[], null],
    [[4], 4],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('passes the survey through', () => {
    const survey = { title: 'Enkät 2027', completion: completion(['ung-fritid']) };
    const digest = january({ survey });
    expect(digest.survey).toEqual(survey);
    expect(january().survey).toBeUndefined();
  });
});

const forum = (name: string, registeredOn: string, lastVbeItemOn?: string, counts: Partial<DigestForumFacts> = {}): DigestForumFacts => ({
  forumId: name,
  name,
  meetings: 0,
  nudged: 0,
  confirmed: 0,
  discussed: 0,
  registeredOn,
  ...(lastVbeItemOn ? { lastVbeItemOn } : {}),
  ...counts,
});

/** The digest of November 2026 with only these forums. */
const november = (forums: DigestForumFacts[]) => buildDigest({ month: '2026-11', reports: [], cases: [], casesCountedOn: '2026-12-01', forums });

describe(`forums without VBE on the agenda for ${FLAG_AFTER_MONTHS} months`, () => {
  it('is three months', () => expect(FLAG_AFTER_MONTHS).toBe(3));

  // November 2026: the window is 2026-09-01 … 2026-11-30.
  it.each([
    ['registered on the first day of the window, never an item', '2026-09-01', undefined, true],
    ['registered the day after: under three months, not yet', '2026-09-02', undefined, false],
    ['registered in the month itself', '2026-11-15', undefined, false],
    ['last item the day before the window', '2026-01-10', '2026-08-31', true],
    ['last item on the first day of the window', '2026-01-10', '2026-09-01', false],
    ['last item on the last day of the month', '2026-01-10', '2026-11-30', false],
  ])('November 2026, %s', (_case, registeredOn, lastVbeItemOn, flagged) => {
    expect(isForumFlagged({ registeredOn, lastVbeItemOn }, '2026-11')).toBe(flagged);
  });

  it.each([
    ['2026-11-01', undefined, true],
    ['2026-11-02', undefined, false],
    ['2026-06-01', '2026-10-31', true],
    ['2026-06-01', '2026-11-01', false],
  ])('January 2027 (window from 2026-11-01): registered %s, last item %s → flagged %s', (registeredOn, lastVbeItemOn, flagged) => {
    expect(isForumFlagged({ registeredOn, lastVbeItemOn }, '2027-01')).toBe(flagged);
  });

  it('lists every forum registered by the end of the month, flags the right ones, sums the coverage', () => {
    const digest = november([
      forum('Skola–polis', '2026-02-01', '2026-11-12', { meetings: 2, nudged: 2, confirmed: 2, discussed: 1 }),
      forum('Förskolenätverket', '2026-03-01', '2026-08-20', { meetings: 1, nudged: 1 }),
      forum('Fritid', '2026-09-02', undefined, { meetings: 1, nudged: 1, confirmed: 0 }),
      forum('Civilsamhället', '2026-12-01'),
    ]);
    expect(digest.forums.forums.map((row) => [row.name, row.flagged])).toEqual([
      ['Skola–polis', false],
      ['Förskolenätverket', true],
      ['Fritid', false],
    ]);
    expect(digest.forums.flagged.map((row) => row.name)).toEqual(['Förskolenätverket']);
    expect(digest.forums.totals).toEqual({ meetings: 4, nudged: 4, confirmed: 2, discussed: 1 });
    expect(digest.forums.windowStartsOn).toBe('2026-09-01');
  });
});

function completion(unitIds: string[]) {
  const figures = { invited: 40, pending: 1, delivered: 36, unreachable: 2, failed: 1, answered: 21, rate: 21 / 40 };
  return {
    units: unitIds.map((unitId) => ({ ...figures, unitId })),
    total: {
      invited: 40 * unitIds.length,
      pending: unitIds.length,
      delivered: 36 * unitIds.length,
      unreachable: 2 * unitIds.length,
      failed: unitIds.length,
      answered: 21 * unitIds.length,
      rate: 21 / 40,
    },
  };
}

type Element = Record<string, unknown> & { type?: string };
function elements(card: AdaptiveCardJson): Element[] {
  const found: Element[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Element;
    if (typeof element.type === 'string') found.push(element);
    Object.values(element).forEach(walk);
  };
  walk(card.body);
  return found;
}
const cellTexts = (row: Element) =>
  (row.cells as Array<{ items: Array<{ text: string }> }>).map((cell) => cell.items.map((item) => item.text).join(' '));
/** The table whose header row starts with `header`, as rows of cell texts (header left out). */
function table(card: AdaptiveCardJson, ...header: string[]): string[][] {
  const found = elements(card).find(
    (element) => element.type === 'Table' && header.every((text, i) => cellTexts((element.rows as Element[])[0]!)[i] === text),
  );
  if (!found) throw new Error(`no table headed ${header.join(', ')}`);
  return (found.rows as Element[]).slice(1).map(cellTexts);
}

/** The largest digest the brief asks for: 50 units, 100 forums, every event type and area. */
function bigDistrict(): DistrictConfig {
  return {
    ...district,
    units: Array.from({ length: 50 }, (_, i) => ({ id: `enhet-${i}`, name: `Enheten för förskola, skola och fritid nummer ${i}`, teamIds: [] })),
  };
}
function bigDigest(big: DistrictConfig, flaggedEvery: number) {
  const reports: DigestReportFacts[] = [];
  for (const month of ['2026-11', '2026-10', '2025-11'])
    big.units.forEach((unit, i) =>
      reports.push(
        report([month, [...EVENT_TYPES].slice(i % 8, (i % 8) + 3), ['white_power', 'left_autonomous', 'islamist', 'unclear'][i % 4]!, big.areas[i % big.areas.length]!.id, unit.id]),
      ),
    );
  const forums = Array.from({ length: 100 }, (_, i) =>
    forum(`Samverkansforum Hägersten-Älvsjö skola, socialtjänst och polis ${i}`, '2025-06-01', i % flaggedEvery === 0 ? '2026-05-14' : '2026-11-03', {
      meetings: 2,
      nudged: 2,
      confirmed: 1,
      discussed: 1,
    }),
  );
  return buildDigest({
    month: '2026-11',
    reports,
    cases: big.units.map((_, i) => ({ submittedOn: `2026-${10 + (i % 2)}-${String(1 + (i % 28)).padStart(2, '0')}`, state: (['new', 'received', 'assessing', 'closed'] as const)[i % 4]!, closedOn: [] })),
    casesCountedOn: '2026-12-01',
    forums,
    survey: { title: '2026 · 2026-11-02 – 2026-11-27 · Stängd', completion: completion(big.units.map((unit) => unit.id)) },
  });
}

describe.each(['sv', 'en'] as const)('the digest card in %s', (language) => {
  const t = stringsFor(language);
  const card = digestCard(t, district, january({ survey: { title: 'Enkät 2027', completion: completion(['ung-fritid', 'okand-enhet']) } }));

  it('parses without errors, is 1.5 and well under the size limit', () => {
    const check = checkCard(card);
    expect(check.errors).toEqual([]);
    expect(check.version).toBe('1.5');
    expect(check.bytes).toBeLessThan(80 * 1024);
  });

  it('is titled with the month in the language of the card', () => {
    const title = (card.body as Array<{ text: string }>)[0]!.text;
    expect(title).toBe(language === 'sv' ? 'Månadssammanfattning januari 2027' : 'Monthly digest January 2027');
  });

  it('shows the total and its changes against December and last January', () => {
    const facts = elements(card).find((element) => element.type === 'FactSet')!.facts as Array<{ title: string; value: string }>;
    // The change, and the count it is a change from (the issue: "+1 (0)" explained nothing).
    expect(facts.map((fact) => fact.value)).toEqual(language === 'sv' ? ['4', '+2 (då 2)', '+1 (då 3)', '5'] : ['4', '+2 (then 2)', '+1 (then 3)', '5']);
    expect(facts[1]!.title).toContain(language === 'sv' ? 'december 2026' : 'December 2026');
    expect(facts[2]!.title).toContain(language === 'sv' ? 'januari 2026' : 'January 2026');
  });

  it('charts the event types of the month, and its fallback table holds the same numbers', () => {
    const chart = elements(card).find((element) => element.type === 'Chart.VerticalBar')!;
    const bars = (chart.data as Array<{ x: string; y: number }>).map((bar) => [bar.x, bar.y]);
    const counts: Record<string, number> = { graffiti: 2, threats: 2, online: 1 };
    expect(bars).toEqual(EVENT_TYPES.filter((type) => counts[type]).map((type) => [t.options.eventTypes[type], counts[type]]));
    const fallback = chart.fallback as Element;
    expect(fallback.type).toBe('Table');
    const rows = (fallback.rows as Element[]).slice(1).map(cellTexts);
    expect(rows.map(([label, count]) => [label, Number(count)])).toEqual(bars);
  });

  it('tables each dimension with count and change against the month (and the year), rows of zeros folded into one line', () => {
    expect(table(card, t.digest.dimensions.eventType)).toEqual([
      [t.options.eventTypes.graffiti, '2', '+1 (±0)'],
      [t.options.eventTypes.threats, '2', '+2 (+2)'],
      [t.options.eventTypes.posters, '0', '\u22121 (±0)'],
      [t.options.eventTypes.symbol, '0', '±0 (\u22121)'],
      [t.options.eventTypes.online, '1', '+1 (±0)'],
    ]);
    const texts = elements(card).filter((element) => element.type === 'TextBlock').map((element) => element.text);
    const o = t.options.eventTypes;
    expect(texts).toContain(t.digest.noReportsOf([o.concern_individual, o.opinions, o.other].join(', ')));
    expect(texts).toContain(t.digest.changeLegend(language === 'sv' ? 'december 2026' : 'December 2026', language === 'sv' ? 'januari 2026' : 'January 2026'));
    expect(table(card, t.digest.dimensions.area)).toEqual([
      ['Älvsjö', '3', '+3 (+1)'],
      ['Aspudden', '1', '\u22121 (+1)'],
      ['Gröndal', '0', '±0 (\u22121)'],
    ]);
    expect(table(card, t.digest.dimensions.unit).map((row) => row[0])).toEqual(['Enheten för ung fritid', expect.any(String), expect.any(String)]);
    expect(table(card, t.digest.dimensions.environment)[0]).toEqual([t.options.environments.white_power, '2', '+1 (±0)']);
  });

  it('shows "–" where there is nothing to compare with', () => {
    const early = digestCard(t, district, january({ comparableFrom: '2026-06' }));
    expect(table(early, t.digest.dimensions.area)[0]).toEqual(['Älvsjö', '3', '+3 (–)']);
  });

  it('shows open cases by state and age, the oldest, and the medians with how many cases they cover', () => {
    const states = t.case.states;
    expect(table(card, t.digest.caseState, '0–7', '8–30', '>30', t.digest.allAges)).toEqual([
      [states.new, '1', '0', '1', '2'],
      [states.received, '0', '1', '0', '1'],
      [states.assessing, '0', '1', '1', '2'],
      [t.digest.total, '1', '2', '2', '5'],
    ]);
    const lines = elements(card).filter((element) => element.type === 'TextBlock').map((element) => element.text);
    expect(lines).toContain(language === 'sv' ? 'Öppna ärenden 1 februari 2027, efter läge och ålder' : 'Open cases on 1 February 2027, by state and age');
    expect(lines).toContain(t.digest.oldestOpen(123));
    const medians = elements(card).filter((element) => element.type === 'FactSet')[1]!.facts;
    expect(medians).toEqual(
      language === 'sv'
        ? [{ title: 'Tid till mottagen (median)', value: '2 arbetsdagar (3 rapporter)' }, { title: 'Tid till avslut (median)', value: '70 dagar (3 ärenden)' }]
        : [{ title: 'Time to received (median)', value: '2 working days (3 reports)' }, { title: 'Time to close (median)', value: '70 days (3 cases)' }],
    );
    // Half days in the language's own way; one case said as one.
    const even = digestCard(t, district, january({ cases: [CASES[2]!, CASES[3]!] }));
    expect(JSON.stringify(even)).toContain(language === 'sv' ? '1,5 arbetsdagar (2 rapporter)' : '1.5 working days (2 reports)');
    expect(JSON.stringify(digestCard(t, district, january({ cases: [CASES[2]!] })))).toContain(language === 'sv' ? '1 arbetsdag (1 rapport)' : '1 working day (1 report)');
    // No unit and no reference anywhere near the cases.
    expect(JSON.stringify(card)).not.toMatch(/VBE-\d{4}-\d{4}/);
  });

  it('says so when no case is open and none was acknowledged or closed in the month, instead of 0', () => {
    const none = digestCard(t, district, january({ cases: [] }));
    const text = JSON.stringify(none);
    expect(text).toContain(t.digest.noOpenCases);
    expect(text).toContain(t.digest.noneAcknowledged(language === 'sv' ? 'januari 2027' : 'January 2027'));
    expect(text).toContain(t.digest.noneClosed(language === 'sv' ? 'januari 2027' : 'January 2027'));
    expect(() => table(none, t.digest.caseState)).toThrow();
    expect(text).not.toContain(t.digest.casesLegend);
  });

  it('shows survey completion per unit with a total', () => {
    const rows = table(card, t.survey.status.unit, t.survey.status.rate);
    const s = t.survey.status;
    const rate = expect.stringMatching(/^53\s?%$/);
    expect(rows).toEqual([
      ['Enheten för ung fritid', rate, s.answeredOf(21, 40), s.sentOutcome(36, 2)],
      ['okand-enhet', rate, s.answeredOf(21, 40), s.sentOutcome(36, 2)],
      [t.survey.status.total, rate, s.answeredOf(42, 80), s.sentOutcome(72, 4)],
    ]);
    const none = JSON.stringify(digestCard(t, district, january()));
    expect(none).toContain(t.digest.noSurvey);
  });

  it('shows forum coverage and lists the flagged forums clearly', () => {
    const withForums = digestCard(
      t,
      district,
      november([
        forum('Skola–polis', '2026-02-01', '2026-11-12', { meetings: 2, nudged: 2, confirmed: 2, discussed: 1 }),
        forum('Förskolenätverket', '2026-03-01', '2026-08-20', { meetings: 1, nudged: 1 }),
        forum('Fritid', '2026-01-01', undefined),
      ]),
    );
    expect(checkCard(withForums).errors).toEqual([]);
    expect(table(withForums, t.digest.forum)).toEqual([
      ['Skola–polis', '2', '2', '2', '1'],
      ['Förskolenätverket', '1', '1', '0', '0'],
      [t.digest.total, '3', '3', '2', '1'],
    ]);
    const texts = elements(withForums).filter((element) => element.type === 'TextBlock').map((element) => element.text);
    expect(texts).toContain(t.digest.flagged(3, 2));
    expect(texts).toContain(t.digest.noMeetings(language === 'sv' ? 'november 2026' : 'November 2026', 'Fritid'));
    const flaggedFacts = elements(withForums).filter((element) => element.type === 'FactSet').at(-1)!.facts;
    expect(flaggedFacts).toEqual([
      { title: 'Förskolenätverket', value: t.digest.lastVbeItem('2026-08-20') },
      { title: 'Fritid', value: t.digest.neverVbeItem },
    ]);
    expect(JSON.stringify(card)).toContain(t.digest.noForums);
  });

  it('stays under 80 KB with 50 units, 100 forums, every event type and area', () => {
    const big = bigDistrict();
    for (const flaggedEvery of [1, 3, 100]) {
      const digest = bigDigest(big, flaggedEvery);
      expect(digest.rows.unit).toHaveLength(50);
      expect(digest.rows.area).toHaveLength(district.areas.length);
      const bigCard = digestCard(t, big, digest);
      const check = checkCard(bigCard);
      expect(check.errors).toEqual([]);
      expect(check.bytes).toBeLessThan(80 * 1024);
      // Every flagged forum is named, whether or not the forum table had to shrink.
      const flaggedFacts = elements(bigCard).filter((element) => element.type === 'FactSet').at(-1)!.facts as unknown[];
      expect(flaggedFacts).toHaveLength(digest.forums.flagged.length);
      const forumRows = table(bigCard, t.digest.forum);
      expect(forumRows.at(-1)).toEqual([t.digest.total, '200', '200', '100', '100']);
      const json = JSON.stringify(bigCard);
      if (forumRows.length - 1 < 100) {
        expect(json).toContain(t.digest.forumTableCapped(forumRows.length - 1, 100 - (forumRows.length - 1)));
        expect(forumRows.slice(0, -1).map((row) => row[0])).toEqual(digest.forums.flagged.slice(0, forumRows.length - 1).map((row) => row.name));
      }
      const unitRows = table(bigCard, t.digest.dimensions.unit, t.digest.count);
      if (unitRows.length < 50) expect(json).toContain(t.digest.rowsCapped(unitRows.length, 50 - unitRows.length));
      const surveyRows = table(bigCard, t.survey.status.unit, t.survey.status.rate);
      expect(surveyRows.at(-1)!.slice(2, 3)).toEqual([t.survey.status.answeredOf(1050, 2000)]);
      const texts = elements(bigCard).filter((element) => element.type === 'TextBlock').map((element) => element.text);
      if (surveyRows.length - 1 < 50) expect(texts).toContain(t.digest.surveyCapped(surveyRows.length - 1, 50 - (surveyRows.length - 1)));
    }
  });

  it('a district of ordinary size gets every row, nothing shortened', () => {
    const notes = elements(card).filter((element) => element.type === 'TextBlock' && element.size === 'Small').map((element) => element.text);
    expect(notes).toContain(t.digest.severalEventTypes);
    expect(notes.join(' ')).not.toMatch(language === 'sv' ? /ryms inte/ : /do not fit/);
    expect(table(card, t.digest.dimensions.unit, t.digest.count)).toHaveLength(3);
  });
});

describe('change and the card checker', () => {
  it.each([
    [2, '+2'],
    [-1, '\u22121'],
    [0, '±0'],
    [null, '–'],
  ])('%s is written %s', (change, text) => expect(formatChange(change)).toBe(text));

  it('refuses a Teams chart without a fallback element, and any other unknown element', () => {
    const card = (element: object) => ({ type: 'AdaptiveCard', version: '1.5', body: [element] });
    const bars = { type: 'Chart.VerticalBar', title: 'x', data: [{ x: 'a', y: 1 }] };
    expect(checkCard(card(bars)).errors.join('\n')).toMatch(/Chart\.VerticalBar has no fallback element/);
    expect(checkCard(card({ ...bars, fallback: 'drop' })).errors.join('\n')).toMatch(/no fallback element/);
    expect(checkCard(card({ ...bars, fallback: { type: 'TextBlock', text: 'a: 1' } })).errors).toEqual([]);
    expect(checkCard(card({ type: 'Chart.Bogus', fallback: { type: 'TextBlock', text: 'x' } })).errors.join('\n')).toMatch(/Unknown element type "Chart\.Bogus"/);
    // A broken fallback is parsed and reported like any other element.
    expect(checkCard(card({ ...bars, fallback: { type: 'Input.Text', id: 'a', isRequired: true } })).errors.join('\n')).toMatch(/no label/);
  });
});

describe.each(['sv', 'en'] as const)('the digest as a coordinator reads it, in %s', (language) => {
  const t = stringsFor(language);
  const texts = (card: AdaptiveCardJson) => elements(card).filter((element) => element.type === 'TextBlock').map((element) => String(element.text));
  const month = language === 'sv' ? 'november 2026' : 'November 2026';
  const since = language === 'sv' ? '1 september 2026' : '1 September 2026';
  // The month: no reports, a forum with VBE in October, and one registered in October.
  const quietForums = [forum('SSPF Västberga', '2026-01-10', '2026-10-13'), forum('Polis–skola Älvsjö', '2026-10-01')];
  const quiet = digestCard(t, district, november(quietForums));
  const busy = digestCard(t, district, bigDigest(bigDistrict(), 3));

  it('a quiet month fits on one screen: no tables, no chart, one line for the reports and one for the idle forums', () => {
    expect(checkCard(quiet).errors).toEqual([]);
    const types = elements(quiet).map((element) => element.type);
    expect(types).not.toContain('Table');
    expect(types).not.toContain('Chart.VerticalBar');
    const lines = texts(quiet);
    expect(lines).toContain(t.digest.noReportsAtAll(month, language === 'sv' ? 'oktober 2026' : 'October 2026', language === 'sv' ? 'november 2025' : 'November 2025'));
    expect(lines).toContain(t.digest.noMeetings(month, 'SSPF Västberga, Polis–skola Älvsjö'));
    expect(lines.length).toBeLessThanOrEqual(12);
  });

  it('the forum sentence agrees with the forums: not "all" when one has not had VBE yet', () => {
    const lines = texts(quiet);
    expect(lines).toContain(t.digest.covered(1, 2, since));
    expect(lines.join(' ')).not.toMatch(language === 'sv' ? /Alla \d+ forum/ : /All \d+ forum/);
    expect(lines).toContain(t.digest.tooNew(3, 'Polis–skola Älvsjö'));
    // And "all" when it is so.
    const all = texts(digestCard(t, district, november([forum('SSPF Västberga', '2026-01-10', '2026-10-13'), forum('Fritid', '2026-02-01', '2026-11-02')])));
    expect(all).toContain(t.digest.covered(2, 2, since));
    expect(all.join(' ')).toMatch(language === 'sv' ? /Alla 2 forum/ : /All 2 forums/);
  });

  it('counts the forum sentence from the same rows, for any mix of forums', () => {
    const mixes = [
      [forum('A', '2026-01-01', '2026-09-01'), forum('B', '2026-01-01', '2026-08-31'), forum('C', '2026-09-02')],
      [forum('A', '2026-01-01'), forum('B', '2026-10-01', '2026-11-30')],
      [forum('A', '2026-11-30')],
    ];
    for (const forums of mixes) {
      const digest = november(forums);
      const covered = forums.filter((f) => f.lastVbeItemOn !== undefined && f.lastVbeItemOn >= digest.forums.windowStartsOn).length;
      const lines = texts(digestCard(t, district, digest));
      expect(lines).toContain(t.digest.covered(covered, forums.length, since));
      expect(digest.forums.flagged.length + digest.forums.covered.length + digest.forums.tooNew.length).toBe(forums.length);
    }
  });

  it('no chart for a month without reports: a sentence instead', () => {
    const empty = buildDigest({ month: '2026-11', reports: [report(['2026-10', ['graffiti'], 'white_power', 'alvsjo', 'ung-fritid'])], cases: [], casesCountedOn: '2026-12-01', forums: [] });
    const card = digestCard(t, district, empty);
    expect(elements(card).map((element) => element.type)).not.toContain('Chart.VerticalBar');
    expect(texts(card)).toContain(t.digest.noReportsIn(month));
    // October's report still shows as a change.
    expect(table(card, t.digest.dimensions.eventType)).toEqual([[t.options.eventTypes.graffiti, '0', '\u22121 (±0)']]);
  });

  it('a busy month has no row of zeros in any table, and a chart', () => {
    expect(checkCard(busy).errors).toEqual([]);
    expect(elements(busy).map((element) => element.type)).toContain('Chart.VerticalBar');
    const tables = elements(busy).filter((element) => element.type === 'Table');
    for (const found of tables)
      for (const row of (found.rows as Element[]).slice(1)) expect(cellTexts(row).slice(1).some((text) => !/^(0|±0 \(±0\))$/.test(text)), cellTexts(row).join(' | ')).toBe(true);
  });

  it('every table header and figure fits a 400 px card without breaking a word', () => {
    for (const card of [quiet, busy, digestCard(t, district, january({ survey: { title: 'Enkät 2027', completion: completion(['ung-fritid']) } }))])
      expect(narrowTableProblems(card)).toEqual([]);
    // The rule can fail: the old headers did.
    const old = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Table', columns: [3, 1, 1, 1, 1].map((width) => ({ width })), rows: [{ type: 'TableRow', cells: ['Forum', 'Möten', 'Påminda', 'Tillagd', 'Diskuterat'].map((text) => ({ type: 'TableCell', items: [{ type: 'TextBlock', text }] })) }] }] };
    expect(narrowTableProblems(old).join('\n')).toMatch(/"Påminda"[\s\S]*"Diskuterat"/);
  });
});
