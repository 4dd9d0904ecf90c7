import { describe, expect, it } from 'vitest';
import { commandsFor, parseCommand } from '../../src/domain/commands';
import { languageOf, stringsFor } from '../../src/domain/i18n';
import { roleOf } from '../../src/domain/roles';

describe('commands', () => {
  it.each([
    ['rapportera', 'report'],
    ['Report', 'report'],
    ['  RAPPORTERA. ', 'report'],
    ['rutin', 'routine'],
    ['routine', 'routine'],
    ['hjälp', 'help'],
    ['HJÄLP', 'help'],
    ['koppla kanal', 'bindChannel'],
    ['Koppla  kanal!', 'bindChannel'],
    ['bind channel', 'bindChannel'],
    ['hej', 'help'],
    ['rapportera nu', 'help'],
    ['', 'help'],
  ])('%j → %s', (text, name) => {
    expect(parseCommand(text)).toBe(name);
  });

  it('offers binding the channel to coordinators only', () => {
    expect(commandsFor('staff')).not.toContain('bindChannel');
    expect(commandsFor('coordinator')).toContain('bindChannel');
  });
});

describe('languages and roles', () => {
  it.each([
    ['sv-SE', 'sv'],
    ['sv-FI', 'sv'],
    ['sv', 'sv'],
    ['en-US', 'en'],
    ['fi-FI', 'en'],
    [undefined, 'en'],
    ['svenska', 'en'],
  ])('locale %j → %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });

  it('has the same keys in Swedish and English, and no empty string', () => {
    const shape = (value: unknown, path = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => shape(inner, `${path}.${key}`))
        : [`${path}:${typeof value}`];
    expect(shape(stringsFor('en'))).toEqual(shape(stringsFor('sv')));
    const empty = (value: unknown): boolean =>
      typeof value === 'string' ? value.trim() === '' : typeof value === 'object' && value !== null ? Object.values(value).some(empty) : false;
    expect(empty(stringsFor('sv'))).toBe(false);
    expect(empty(stringsFor('en'))).toBe(false);
  });

  it('recognises coordinators by object id, case-insensitively', () => {
    const ids = new Set(['22222222-2222-4222-8222-222222222222']);
    expect(roleOf('22222222-2222-4222-8222-222222222222'.toUpperCase(), ids)).toBe('coordinator');
    expect(roleOf('11111111-1111-4111-8111-111111111111', ids)).toBe('staff');
    expect(roleOf(undefined, ids)).toBe('staff');
  });

  it.each([42, ['22222222-2222-4222-8222-222222222222'], { toLowerCase: (): string => '22222222-2222-4222-8222-222222222222' }, null, ''])(
    'takes a forged object id (%j) for staff, without throwing',
    (forged) => {
      expect(roleOf(forged, new Set(['22222222-2222-4222-8222-222222222222']))).toBe('staff');
    },
  );
});
