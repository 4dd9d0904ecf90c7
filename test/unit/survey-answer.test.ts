import { describe, expect, it } from 'vitest';
import {
  buildAnswerRecord,
  surveyValuesSchema,
  validateSurveyAnswer,
  type SurveyAnswer,
  type SurveyAnswerRecord,
} from '../../src/domain/survey/survey-answer';
import { SURVEY_FIELDS, surveyQuestions } from '../../src/domain/survey/survey-questions';

const choices = { unitIds: ['ung-fritid', 'skola-syd'] };

/** A complete card as Teams sends it (every value a string, multi-selects comma-separated). */
const valid: Record<string, string> = {
  q_unit: 'ung-fritid',
  q_observed: 'yes',
  q_types: 'symbol,posters',
  q_frequency: '1-2',
  q_environment: 'white_power',
  q_met_sympathiser: 'unsure',
  q_threatened: 'no',
  q_reported_police: 'not_applicable',
  q_problem: '4',
  q_knows_routine: 'yes',
  q_knows_coordinator: 'no',
  q_training_done: 'no',
  q_training_need: 'online,symbols',
  q_comment: '',
};

const check = (overrides: Record<string, unknown>) =>
  validateSurveyAnswer(surveyValuesSchema.parse({ ...valid, ...overrides }), choices);

describe('survey questions', () => {
  it('lists every card field once, q_unit taking the district units', () => {
    const questions = surveyQuestions(choices.unitIds);
    expect(questions.map((question) => question.id)).toEqual([...SURVEY_FIELDS]);
    expect(questions.find((question) => question.id === 'q_unit')?.options).toEqual(choices.unitIds);
    expect(questions.filter((question) => question.requirement === 'required_if_observed').map((q) => q.id)).toEqual([
      'q_types',
      'q_frequency',
      'q_environment',
    ]);
  });
});

describe('validateSurveyAnswer', () => {
  it('accepts a complete card and returns typed values in option order', () => {
    const result = check({ q_comment: '  Bra att ni frågar.  ' });
    expect(result).toEqual({
      ok: true,
      answer: expect.objectContaining({
        q_types: ['posters', 'symbol'],
        q_training_need: ['symbols', 'online'],
        q_problem: 4,
        q_comment: 'Bra att ni frågar.',
      }),
    });
  });

  it.each([
    ['q_unit', '', 'required'],
    ['q_unit', 'narnia', 'invalid_choice'],
    ['q_observed', '', 'required'],
    ['q_observed', 'maybe', 'invalid_choice'],
    ['q_types', '', 'required'],
    ['q_types', 'posters,bombs', 'invalid_choice'],
    ['q_frequency', '', 'required'],
    ['q_frequency', '6-10', 'invalid_choice'],
    ['q_frequency', '0', 'inconsistent'],
    ['q_environment', '', 'required'],
    ['q_environment', 'anarchist', 'invalid_choice'],
    ['q_met_sympathiser', 'perhaps', 'invalid_choice'],
    ['q_threatened', '', 'required'],
    ['q_reported_police', 'unknown', 'invalid_choice'],
    ['q_problem', '', 'required'],
    ['q_problem', '6', 'invalid_choice'],
    ['q_problem', '0', 'invalid_choice'],
    ['q_problem', '3.5', 'invalid_choice'],
    ['q_knows_routine', '', 'required'],
    ['q_knows_coordinator', 'ja', 'invalid_choice'],
    ['q_training_done', '', 'required'],
    ['q_training_need', '', 'required'],
    ['q_training_need', 'none,legal', 'exclusive_choice'],
    ['q_training_need', 'cooking', 'invalid_choice'],
    ['q_comment', 'x'.repeat(1001), 'too_long'],
    ['q_comment', 'Ring mig på 070-123 45 67.', 'identifying_data'],
    ['q_comment', 'Det gäller eleven 811228-9874.', 'identifying_data'],
  ])('%s = %j is refused as %s', (field, value, kind) => {
    const result = check({ [field]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[field as keyof typeof result.problems]?.kind).toBe(kind);
  });

  it.each([
    ['q_comment', ''],
    ['q_comment', 'x'.repeat(1000)],
    ['q_comment', 'Vi såg 12 klistermärken under 3 veckor 2026.'],
    ['q_training_need', 'none'],
    ['q_types', 'posters,posters'],
    ['q_frequency', '>5'],
    ['q_met_sympathiser', 'yes'],
  ])('%s = %j is accepted', (field, value) => {
    expect(check({ [field]: value }).ok).toBe(true);
  });

  it('names what kind of identifying data it found without echoing it', () => {
    const result = check({ q_comment: 'Skriv till anna@example.se' });
    expect(result).toEqual({ ok: false, problems: { q_comment: { kind: 'identifying_data', found: ['email'] } } });
  });

  it('does not ask (nor store) the follow-up questions after q_observed = no', () => {
    const result = check({ q_observed: 'no', q_types: 'bombs', q_frequency: '', q_environment: 'islamist' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answer).not.toHaveProperty('q_types');
    expect(result.answer).not.toHaveProperty('q_frequency');
    expect(result.answer).not.toHaveProperty('q_environment');
  });

  it('reports every problem at once', () => {
    const result = check({ q_unit: '', q_problem: '9', q_training_need: 'none,online' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.problems).sort()).toEqual(['q_problem', 'q_training_need', 'q_unit']);
  });

  // Forged shapes are refused whole (the card-action door answers them); a form with gaps is read, gaps as ''.
  it.each([{ q_problem: 4 }, { q_types: ['posters'] }, { q_comment: { text: 'x' } }, { q_observed: true }])('refuses forged card data of the wrong type: %j', (forged) => {
    expect(surveyValuesSchema.safeParse({ ...valid, ...forged }).success).toBe(false);
  });

  it('reads absent fields as empty', () => {
    const values = surveyValuesSchema.parse({ q_observed: 'no' });
    expect(values.q_problem).toBe('');
    expect(values.q_types).toBe('');
    expect(values.q_unit).toBe('');
  });
});

describe('buildAnswerRecord', () => {
  const answer = (): SurveyAnswer => {
    const result = check({ q_comment: 'Mer utbildning tack.' });
    if (!result.ok) throw new Error('fixture should be valid');
    return result.answer;
  };

  // A day beside the reminder records (who was reminded on which day) narrows an answer down to
  // the people who answered between two reminders: the round is the finest time an answer has.
  it('stores the round and the answer, nothing else: no date, not even a day', () => {
    const record = buildAnswerRecord('round-2026', answer());
    expect(Object.keys(record).sort()).toEqual(['answer', 'roundId']);
    expect(JSON.stringify(record)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(Object.keys(record.answer).every((key) => (SURVEY_FIELDS as readonly string[]).includes(key))).toBe(true);
  });

  it('drops identity smuggled in at run time (structural typing lets it through the type)', () => {
    const withIdentity = { ...answer(), userId: '29:abc', aadObjectId: 'f00', conversationId: 'a:1', name: 'Anna' };
    const record = buildAnswerRecord('round-2026', withIdentity);
    const stored = JSON.stringify(record);
    for (const leaked of ['29:abc', 'f00', 'a:1', 'Anna', 'userId', 'conversationId']) expect(stored).not.toContain(leaked);
  });

  it('has no field for an identity in its type', () => {
    const record: SurveyAnswerRecord = buildAnswerRecord('r', answer());
    // @ts-expect-error -- the type must not grow a place for a user id (checked by tsc --noEmit).
    const withUser: SurveyAnswerRecord = { ...record, userId: '29:abc' };
    expect(withUser).toBeDefined();
  });
});
