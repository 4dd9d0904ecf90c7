import { describe, expect, it } from 'vitest';
import type { SurveyAnswer } from '../../src/domain/survey/survey-answer';
import { aggregateResults, resultsAvailable, type ResultsView, type SurveyResults } from '../../src/domain/survey/results';
import { csvField, resultsToCsv } from '../../src/domain/survey/results-csv';
import type { SurveyRound } from '../../src/domain/survey/survey-round';

const base: SurveyAnswer = {
  q_unit: 'a',
  q_observed: 'no',
  q_met_sympathiser: 'no',
  q_threatened: 'no',
  q_reported_police: 'not_applicable',
  q_problem: 3,
  q_knows_routine: 'yes',
  q_knows_coordinator: 'yes',
  q_training_done: 'yes',
  q_training_need: ['none'],
};
const answer = (overrides: Partial<SurveyAnswer> = {}): SurveyAnswer => ({ ...base, ...overrides });
const many = (count: number, overrides: Partial<SurveyAnswer> = {}) => Array.from({ length: count }, () => answer(overrides));

const countOf = (view: ResultsView | null | undefined, questionId: string, value: string) =>
  view?.questions.find((q) => q.questionId === questionId)?.counts.find((c) => c.value === value)?.count;

describe('aggregateResults: counting', () => {
  const answers = [
    answer({ q_observed: 'yes', q_types: ['posters', 'symbol'], q_frequency: '1-2', q_environment: ['white_power'], q_problem: 5 }),
    answer({ q_observed: 'yes', q_types: ['posters'], q_frequency: '>5', q_environment: ['white_power', 'islamist'], q_problem: 4 }),
    answer({ q_problem: 1, q_threatened: 'yes' }),
    answer({ q_problem: 2, q_training_need: ['online', 'legal'] }),
    answer({ q_problem: 3 }),
  ];
  const total = aggregateResults(answers, { unitIds: ['a'] }).total;

  it.each([
    ['q_observed', 'yes', 2],
    ['q_observed', 'no', 3],
    ['q_types', 'posters', 2],
    ['q_types', 'symbol', 1],
    ['q_types', 'graffiti', 0],
    ['q_environment', 'white_power', 2],
    ['q_frequency', '0', 0],
    ['q_threatened', 'yes', 1],
    ['q_training_need', 'none', 4],
    ['q_training_need', 'online', 1],
    ['q_problem', '5', 1],
    ['q_problem', '3', 1],
  ])('%s = %s counted %i times', (questionId, value, count) => {
    expect(countOf(total, questionId, value)).toBe(count);
  });

  it('counts respondents per question (the follow-ups only after yes), the Likert mean, and no q_unit tally', () => {
    const byId = new Map(total?.questions.map((q) => [q.questionId, q]));
    expect(byId.get('q_types')?.respondents).toBe(2);
    expect(byId.get('q_observed')?.respondents).toBe(5);
    expect(byId.get('q_problem')?.mean).toBe(3);
    expect(byId.get('q_observed')?.mean).toBeNull();
    expect(byId.has('q_unit')).toBe(false);
    expect(byId.has('q_comment')).toBe(false);
  });

  it('is only available once the round is closed', () => {
    const round = { state: 'open', opensOn: '2026-11-02', closesOn: '2026-11-30' } as SurveyRound;
    expect(resultsAvailable(round, '2026-11-30')).toBe(false);
    expect(resultsAvailable(round, '2026-12-01')).toBe(true);
    expect(resultsAvailable({ ...round, state: 'closed' }, '2026-11-10')).toBe(true);
  });
});

describe('aggregateResults: minimum group size', () => {
  it.each([
    [4, 10, [], ['a', 'b']],
    [5, 10, ['a', 'b'], []],
  ])('unit a with %i answers (b with %i): shown %j, hidden %j', (countA, countB, shown, hidden) => {
    const results = aggregateResults([...many(countA, { q_unit: 'a' }), ...many(countB, { q_unit: 'b' })], { unitIds: ['a', 'b'] });
    expect(results.units.map((u) => u.unitId)).toEqual(shown);
    expect(results.hiddenUnits.map((u) => u.unitId)).toEqual(hidden);
  });

  it('hides the total too when the whole round has fewer than 5 answers', () => {
    expect(aggregateResults(many(4), { unitIds: ['a'] }).total).toBeNull();
    expect(aggregateResults(many(5), { unitIds: ['a'] }).total?.answerCount).toBe(5);
  });

  it('treats a unit with no answers as hidden but with nothing to protect', () => {
    const results = aggregateResults([...many(6, { q_unit: 'a' }), ...many(7, { q_unit: 'b' })], { unitIds: ['a', 'b', 'c'] });
    expect(results.units.map((u) => u.unitId)).toEqual(['a', 'b']);
    expect(results.hiddenUnits).toEqual([{ unitId: 'c', reason: 'too_few_answers' }]);
  });
});

/** The attacker: total − every shown unit = what the hidden units answered, as one group. */
function recoverByDifference(results: SurveyResults) {
  const total = results.total;
  if (!total) return undefined;
  const answerCount = total.answerCount - results.units.reduce((sum, u) => sum + u.answerCount, 0);
  const threatenedYes = (countOf(total, 'q_threatened', 'yes') ?? 0) - results.units.reduce((sum, u) => sum + (countOf(u, 'q_threatened', 'yes') ?? 0), 0);
  return { answerCount, threatenedYes };
}

describe('complementary suppression', () => {
  // Unit "a" has 3 answers, all "threatened: yes"; that is what an attacker wants to learn.
  const answers = [
    ...many(3, { q_unit: 'a', q_threatened: 'yes' }),
    ...many(6, { q_unit: 'b' }),
    ...many(4, { q_unit: 'b', q_threatened: 'yes' }),
    ...many(20, { q_unit: 'c' }),
  ];
  const unitIds = ['a', 'b', 'c'];

  it('the attack works when only the small unit is hidden (so the test below means something)', () => {
    const naive: SurveyResults = {
      minGroupSize: 5,
      total: aggregateResults(answers, { unitIds }).total,
      units: ['b', 'c'].map((unitId) => aggregateResults(answers.filter((x) => x.q_unit === unitId), { unitIds }).total!),
      hiddenUnits: [{ unitId: 'a', reason: 'too_few_answers' }],
    };
    expect(recoverByDifference(naive)).toEqual({ answerCount: 3, threatenedYes: 3 });
  });

  it('hides the next-smallest unit too, so the difference is a group of ≥ 5, not unit a', () => {
    const results = aggregateResults(answers, { unitIds });
    expect(results.hiddenUnits).toEqual([
      { unitId: 'a', reason: 'too_few_answers' },
      { unitId: 'b', reason: 'complementary' },
    ]);
    expect(results.units.map((u) => u.unitId)).toEqual(['c']);
    const recovered = recoverByDifference(results);
    expect(recovered).toEqual({ answerCount: 13, threatenedYes: 7 });
    expect(recovered?.answerCount).not.toBe(3);
  });

  it('needs no extra hiding when the hidden units together reach 5', () => {
    const results = aggregateResults([...many(3, { q_unit: 'a' }), ...many(2, { q_unit: 'b' }), ...many(8, { q_unit: 'c' })], { unitIds });
    expect(results.units.map((u) => u.unitId)).toEqual(['c']);
    expect(recoverByDifference(results)?.answerCount).toBe(5);
  });

  it('hides every unit when no shown unit is left to hide', () => {
    const results = aggregateResults([...many(2, { q_unit: 'a' }), ...many(6, { q_unit: 'b' })], { unitIds: ['a', 'b'] });
    expect(results.units).toEqual([]);
    expect(results.total?.answerCount).toBe(8);
  });

  it('never lets the difference isolate 1–4 answers, for every mix of three units of 0, 1, 3, 4, 5 or 7 answers', () => {
    const sizes = [0, 1, 3, 4, 5, 7];
    const leaks: string[] = [];
    for (const x of sizes)
      for (const y of sizes)
        for (const z of sizes) {
          const answersXyz = [...many(x, { q_unit: 'x' }), ...many(y, { q_unit: 'y' }), ...many(z, { q_unit: 'z' })];
          const results = aggregateResults(answersXyz, { unitIds: ['x', 'y', 'z'] });
          const recovered = recoverByDifference(results);
          const small = results.units.filter((view) => view.answerCount < 5);
          if ((recovered && recovered.answerCount > 0 && recovered.answerCount < 5) || small.length > 0) leaks.push(`${x}/${y}/${z}`);
        }
    expect(leaks).toEqual([]);
  });
});

describe('comments', () => {
  const withComments = (count: number, unit: string) =>
    Array.from({ length: count }, (_, i) => answer({ q_unit: unit, q_comment: `kommentar ${unit} ${String(i).padStart(2, '0')}` }));

  it.each([
    [9, null],
    [10, 10],
  ])('overall view with %i answers shows comments: %s', (count, shown) => {
    const results = aggregateResults(withComments(count, 'a'), { unitIds: ['a'] });
    expect(results.total?.comments?.length ?? null).toBe(shown);
  });

  it('sorts comments so their order does not follow the order of answering', () => {
    const results = aggregateResults([answer({ q_comment: 'b' }), answer({ q_comment: 'a' }), ...many(8)], { unitIds: ['a'] });
    expect(results.total?.comments).toEqual(['a', 'b']);
  });

  it('never shows comments of a unit under 10 answers, also not by subtraction', () => {
    const results = aggregateResults([...withComments(12, 'a'), ...withComments(6, 'b')], { unitIds: ['a', 'b'] });
    expect(results.units.map((u) => [u.unitId, u.comments?.length ?? null])).toEqual([
      ['a', null], // hidden too: total's comments minus a's would be exactly b's 6
      ['b', null],
    ]);
    expect(results.total?.comments).toHaveLength(18);
  });

  it('shows comments per unit when every unit-level view has ≥ 10 answers', () => {
    const results = aggregateResults([...withComments(12, 'a'), ...withComments(10, 'b')], { unitIds: ['a', 'b'] });
    expect(results.units.map((u) => u.comments?.length ?? null)).toEqual([12, 10]);
  });
});

describe('resultsToCsv', () => {
  const secret = 'Hemlig kommentar, med "citat"';
  const answers = [...many(9, { q_unit: 'a' }), answer({ q_unit: 'a', q_comment: secret }), ...many(5, { q_unit: 'b, "syd"' })];
  const results = aggregateResults(answers, { unitIds: ['a', 'b, "syd"', 'tiny'] });
  const csv = resultsToCsv(results);

  it('writes aggregates only, with RFC 4180 quoting and CRLF line ends', () => {
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('question,value,unit,count');
    expect(lines).toContain('answers,,total,15');
    expect(lines).toContain('q_observed,no,total,15');
    expect(lines).toContain('q_frequency,>5,total,0');
    expect(lines).toContain('answers,,"b, ""syd""",5');
    expect(lines.at(-1)).toBe('');
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('never contains comment text, even though the overall view shows comments', () => {
    expect(results.total?.comments).toContain(secret);
    expect(csv).not.toContain('Hemlig');
    expect(csv).not.toContain('q_comment');
  });

  it('has no rows for hidden units', () => {
    expect(csv).not.toContain('tiny');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1+1', "'-1+1"],
    [12, '12'],
  ])('csvField(%j) → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
