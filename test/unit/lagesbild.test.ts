import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../src/domain/i18n';
import { analysisParagraphs, countText } from '../../src/domain/lagesbild/analysis';
import { shownChange, shownCount, shownPartition, type ShownCount } from '../../src/domain/lagesbild/counts';
import { buildLagesbild, type CountRow } from '../../src/domain/lagesbild/lagesbild';
import { calendarYear, previousPeriod, twelveMonthsUpTo } from '../../src/domain/lagesbild/period';
import { district, reports } from '../support/lagesbild-district';

const sv = stringsFor('sv');
const shown = (count: ShownCount) => countText(sv, count);

describe('report cells (1–2 below 3, complementary where rows add up to the total)', () => {
  it.each([
    [0, '0'],
    [1, '1–2'],
    [2, '1–2'],
    [3, '3'],
    [14, '14'],
  ])('a lone cell of %i is shown as %s', (count, text) => {
    expect(shown(shownCount(count))).toBe(text);
  });

  it.each([
    { counts: [5, 0, 0], shows: ['5', '0', '0'], why: 'zeros reveal nothing' },
    { counts: [3, 2], shows: ['≥3', '1–2'], why: 'total − 3 would give the 2 back: the 3 is withheld too' },
    { counts: [4, 2, 1], shows: ['4', '1–2', '1–2'], why: 'the hidden cells make 3 together: only their sum follows' },
    { counts: [10, 5, 1], shows: ['10', '≥3', '1–2'], why: 'the smallest exact cell is withheld' },
    { counts: [2], shows: ['1–2'], why: 'a total of 2 is "1–2" as well' },
    { counts: [3, 0], shows: ['3', '0'], why: 'exactly 3 is shown' },
  ])('$counts → $shows ($why)', ({ counts, shows }) => {
    const cells = shownPartition(counts.map((count, i) => ({ key: `k${i}`, count })));
    expect(counts.map((_, i) => shown(cells.get(`k${i}`)!))).toEqual(shows);
  });

  it.each([
    [shownCount(14), shownCount(17), -3],
    [shownCount(3), shownCount(0), 3],
    [shownCount(5), shownCount(2), null],
    [shownCount(2), shownCount(5), null],
    [{ kind: 'atLeast3' } as ShownCount, shownCount(5), null],
    [shownCount(5), null, null],
  ])('the change of %o against %o is %s (never one that reveals a hidden side)', (current, previous, change) => {
    expect(shownChange(current, previous)).toBe(change);
  });
});

describe('periods', () => {
  it.each([
    [calendarYear(2026), { from: '2025-01-01', to: '2026-01-01' }],
    [twelveMonthsUpTo('2026-11-20'), { from: '2024-11-21', to: '2025-11-21' }],
    [{ from: '2026-01-01', to: '2026-03-15' }, { from: '2025-10-20', to: '2026-01-01' }],
    [{ from: '2024-03-01', to: '2025-03-01' }, { from: '2023-03-01', to: '2024-03-01' }],
  ])('%o is compared with %o', (period, previous) => {
    expect(previousPeriod(period)).toEqual(previous);
  });

  it('the 12 months up to a close on 20 November run from 21 November the year before', () => {
    expect(twelveMonthsUpTo('2026-11-20')).toEqual({ from: '2025-11-21', to: '2026-11-21' });
  });
});

const texts = (rows: CountRow[]) => Object.fromEntries(rows.map((row) => [row.key, [shown(row.current), row.previous ? shown(row.previous) : null, row.change]]));

describe('the lägesbild figures, against hand counts', () => {
  const figures = buildLagesbild(district());

  it('counts the period across the new year, first and last day included, the day after not', () => {
    expect(texts([figures.reports.total])).toEqual({ total: ['14', '17', -3] });
  });

  it('environment: 11 and 3 exact; last year 2 left-autonomous is "1–2", so its 15 is withheld as "≥3" and no change is shown', () => {
    expect(texts(figures.reports.rows.environment)).toEqual({
      white_power: ['11', '≥3', null],
      left_autonomous: ['0', '1–2', null],
      islamist: ['3', '0', 3],
      unclear: ['0', '0', 0],
    });
  });

  it('event types: a report counts under each of its types; 2 posters are "1–2", 3 symbols are 3; no complementary (rows overlap)', () => {
    expect(texts(figures.reports.rows.eventType)).toMatchObject({
      graffiti: ['9', '15', -6],
      symbol: ['4', '0', 4],
      posters: ['1–2', '0', null],
      online: ['3', '0', 3],
      threats: ['0', '1–2', null],
    });
  });

  it('place type and area', () => {
    expect(texts(figures.reports.rows.placeType)).toMatchObject({ school: ['8', '17', -9], public_space: ['3', '0', 3], online: ['3', '0', 3] });
    expect(texts(figures.reports.rows.area)).toEqual({ alvsjo: ['5', '0', 5], hagersten: ['9', '17', -8] });
  });

  it('survey: 5 answers shown, 4 hidden, and the 5 withheld too because 4 alone would follow from the total (complementary)', () => {
    expect(figures.survey).toMatchObject({ answered: 15, invited: 20, responseRate: 0.75, hiddenUnitIds: ['b', 'a'] });
    expect(figures.survey!.trainingByUnit).toEqual([{ unitId: 'c', answers: 6, doneShare: 0.5 }]);
    expect(figures.survey!.keyFigures!.q_training_done).toBeCloseTo(12 / 15);
    expect(figures.survey!.keyFigures!.q_observed).toBeCloseTo(5 / 15);
    expect(figures.survey!.trainingNeed![0]).toEqual({ value: 'symbols', count: 15, share: 1 });
  });

  it('survey of 4 answers: nothing of it is shown', () => {
    expect(figures.previousSurvey).toMatchObject({ answered: 4, keyFigures: null, trainingByUnit: [], trainingNeed: null });
  });

  it('forums: held meetings in the period, VBE on the agenda and discussed, and the forum three months without', () => {
    expect(figures.forums.current).toMatchObject({ forums: 2, meetings: 4, vbeOnAgenda: 3, discussed: 2, discussedShare: 0.5, flagged: ['Trygghetsrådet'] });
    expect(figures.forums.previous).toMatchObject({ forums: 1, meetings: 1, vbeOnAgenda: 1, discussed: 1 });
    expect(figures.sources.vbeMeetings).toEqual({ current: 3, previous: 1 });
  });

  it('writes the Analys as the issue shows it, in Swedish and English', () => {
    expect(analysisParagraphs(sv, figures)[0]).toBe('Under perioden inkom 14 blanketter, en minskning med 3 jämfört med föregående period. 11 av dem rör vit makt-miljön. Den vanligaste händelsetypen är klotter.');
    expect(analysisParagraphs(stringsFor('en'), figures)[0]).toBe(
      'During the period 14 report forms came in, a decrease of 3 compared with the previous period. 11 of them concern the white power environment. The most common event type is graffiti.',
    );
    expect(analysisParagraphs(sv, figures).slice(1)).toEqual([
      'Enkäten besvarades av 15 av 20 inbjudna medarbetare (75\u00a0%). 33\u00a0% av de svarande har uppmärksammat händelser med koppling till våldsbejakande extremism. 80\u00a0% har gått den webbaserade grundutbildningen.',
      'Samverkansforumen höll 4 möten, och VBE togs upp på 2 av dem (50\u00a0%). 1 forum har inte haft VBE på dagordningen under periodens tre sista månader.',
    ]);
  });

  it('never writes an exact count that a table suppresses: 2 reports are "1–2 blanketter", none of them named', () => {
    const input = district();
    const few = buildLagesbild({ ...input, reports: [...reports(2, '2026-03-01', { environment: 'islamist' }), ...reports(1, '2025-03-01')] });
    const [paragraph] = analysisParagraphs(sv, few);
    expect(paragraph).toBe('Under perioden inkom 1–2 blanketter. Under föregående period inkom 1–2.');
    expect(paragraph).not.toMatch(/(?<![–\d])[12] blankett/);
  });

  it('the first year: no previous figures at all, and the Analys says so rather than comparing with zeros', () => {
    const first = buildLagesbild({ ...district(), hasDataBefore: false });
    expect(first.comparable).toBe(false);
    expect(first.reports.total.previous).toBeNull();
    expect(first.reports.rows.environment.every((row) => row.previous === null && row.change === null)).toBe(true);
    expect(first.forums.previous).toBeNull();
    expect(first.previousSurvey).toBeUndefined();
    expect(analysisParagraphs(sv, first)[0]).toMatch(/^Under perioden inkom 14 blanketter\. Det finns ingen föregående period att jämföra med\./);
  });

  it('summarises the activities\' follow-up when the registry provides them', () => {
    const withActivities = buildLagesbild({
      ...district(),
      activities: [
        { title: 'Skolprogram', responsible: 'Enhetschef', schedule: 'Pågående', status: 'done' },
        { title: 'Mötesplatser', responsible: 'Enhetschef', schedule: 'Pågående', status: 'done' },
        { title: 'Utbildning', responsible: 'Samordnaren', schedule: '2026', status: 'delayed' },
        { title: 'Nätverk', responsible: 'Samordnaren', schedule: 'Pågående' },
      ],
    });
    expect(analysisParagraphs(sv, withActivities).at(-1)).toBe('Av handlingsplanens 4 aktiviteter: 2 genomförda, 1 försenade, 1 utan uppföljning.');
  });
});
