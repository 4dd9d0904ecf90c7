import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../src/cards/concern-cards';
import { concernFormSchema, validateConcernForm } from '../../src/domain/concern/concern-form';
import { stringsFor } from '../../src/domain/i18n';
import { validConcernData } from '../support/activities';

const choices = { areaIds: ['hagersten', 'alvsjo'], unitIds: ['ung-fritid'] };
const TODAY = '2026-11-28';
const valid = validConcernData({ area: 'hagersten', unit: 'ung-fritid' });

const check = (overrides: Record<string, unknown>) =>
  validateConcernForm(concernFormSchema.parse({ ...valid, ...overrides }), choices, TODAY);

describe('validateConcernForm', () => {
  it('accepts a complete form and returns typed values', () => {
    const result = check({});
    expect(result).toEqual({
      ok: true,
      draft: expect.objectContaining({ eventTypes: ['posters', 'symbol'], contactMe: false, area: 'hagersten' }),
    });
  });

  it.each([
    ['eventDate', '', 'required'],
    ['eventDate', '2026-11-29', 'future_date'],
    ['eventDate', '2026-02-30', 'invalid_date'],
    ['eventDate', '20/11/2026', 'invalid_date'],
    ['eventTypes', '', 'required'],
    ['eventTypes', 'posters,bombs', 'invalid_choice'],
    ['environment', '', 'required'],
    ['environment', 'anarchist', 'invalid_choice'],
    ['placeType', 'moon', 'invalid_choice'],
    ['area', 'narnia', 'invalid_choice'],
    ['unit', 'other-unit', 'invalid_choice'],
    ['description', '', 'required'],
    ['description', 'för kort', 'too_short'],
    ['description', 'x'.repeat(2001), 'too_long'],
    ['description', 'Ring honom på 070-123 45 67 om det behövs.', 'identifying_data'],
    ['policeInformed', 'maybe', 'invalid_choice'],
    ['socialServicesReport', '', 'required'],
    ['reportedInIA', 'unknown', 'invalid_choice'],
    ['contactMe', 'yes please', 'invalid_choice'],
  ])('%s = %j is refused as %s', (field, value, kind) => {
    const result = check({ [field]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[field as keyof typeof result.problems]?.kind).toBe(kind);
  });

  it('accepts the 2000-character and 10-character edges and today as date', () => {
    expect(check({ description: 'x'.repeat(2000) }).ok).toBe(true);
    expect(check({ description: 'x'.repeat(10) }).ok).toBe(true);
    expect(check({ eventDate: TODAY }).ok).toBe(true);
  });

  it('reports every problem at once, not only the first', () => {
    const result = check({ eventDate: '', environment: '', description: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.problems).sort()).toEqual(['description', 'environment', 'eventDate']);
  });

  // Forged shapes are refused whole (the card-action door answers them); a form with gaps is read, gaps as ''.
  it.each([{ eventDate: 20261120 }, { eventTypes: ['posters'] }, { description: { text: 'x' } }, { contactMe: 1 }])('refuses forged card data of the wrong type: %j', (forged) => {
    expect(concernFormSchema.safeParse({ ...valid, ...forged }).success).toBe(false);
  });

  it('reads absent fields as empty and a toggle sent as a boolean as typed', () => {
    expect(concernFormSchema.parse({ contactMe: true })).toMatchObject({ eventDate: '', eventTypes: '', description: '', contactMe: 'true' });
    expect(concernFormSchema.parse({}).area).toBe('');
  });

  it('names the kinds of identifying data found, without the data', () => {
    const result = check({ description: 'Mejla anna@example.se eller ring 08-123 456 78.' });
    expect(result.ok).toBe(false);
    if (!result.ok && result.problems.description?.kind === 'identifying_data') {
      expect(result.problems.description.found).toEqual(['email', 'phone']);
    } else {
      expect.fail('expected identifying_data');
    }
  });

  it.each([
    ['sv', 'nummer som ser ut som ett personnummer'],
    ['en', 'number that looks like a personal identity number'],
  ] as const)(
    'refuses a personnummer-shaped case number with a wrong check digit under that name (%s), not as a phone number',
    (language, name) => {
      const result = check({ description: 'Ärendet 050312-1230 gäller klotter på skolgården.' });
      const problem = result.ok ? undefined : result.problems.description;
      expect(problem).toEqual({ kind: 'identifying_data', found: ['personnummer_like'] });
      const message = describeProblem(stringsFor(language), problem!);
      expect(message).toContain(name);
      expect(message).not.toContain('050312');
    },
  );
});
