import { describe, expect, it } from 'vitest';
import { assignRecipients, isBotAccount, type SurveyRosterMember } from '../../src/domain/survey/recipients';

const person = (aadObjectId: string, name = aadObjectId) => ({ id: `29:${name}`, aadObjectId, name });

describe('assignRecipients', () => {
  it('counts a person in two teams once, under the first unit in config order', () => {
    const result = assignRecipients([
      { unitId: 'ung-fritid', members: [person('aaa'), person('bbb')] },
      { unitId: 'skola-syd', members: [person('BBB'), person('ccc')] },
    ]);
    expect(result.map(({ unitId, recipients }) => [unitId, recipients.map((r) => r.aadObjectId)])).toEqual([
      ['ung-fritid', ['aaa', 'bbb']],
      ['skola-syd', ['ccc']],
    ]);
  });

  it('follows the order given, not the alphabet', () => {
    const result = assignRecipients([
      { unitId: 'skola-syd', members: [person('bbb')] },
      { unitId: 'ung-fritid', members: [person('bbb')] },
    ]);
    expect(result.map((unit) => unit.recipients.length)).toEqual([1, 0]);
  });

  it.each([
    ['userRole bot', { id: '29:x', aadObjectId: 'bot-1', userRole: 'bot' }],
    ['a 28: account id', { id: '28:app-id', aadObjectId: 'bot-2' }],
    ['no AAD object id', { id: '29:guest' }],
    ['an empty AAD object id', { id: '29:y', aadObjectId: '  ' }],
  ])('skips %s', (_name, member: SurveyRosterMember) => {
    const [unit] = assignRecipients<SurveyRosterMember>([{ unitId: 'u', members: [member, person('real')] }]);
    expect(unit?.recipients.map((r) => r.aadObjectId)).toEqual(['real']);
  });

  it('keeps units with nobody left and merges two teams of the same unit', () => {
    const result = assignRecipients([
      { unitId: 'u1', members: [person('a')] },
      { unitId: 'u2', members: [{ id: '28:bot', aadObjectId: 'bot', name: 'Our bot' }] },
      { unitId: 'u1', members: [person('b'), person('a')] },
    ]);
    expect(result).toEqual([
      { unitId: 'u1', recipients: [person('a'), person('b')] },
      { unitId: 'u2', recipients: [] },
    ]);
  });

  it('keeps whatever else the roster gave (the caller needs the Teams id and name to write)', () => {
    const [unit] = assignRecipients([{ unitId: 'u', members: [{ ...person('a', 'Anna'), userRole: 'user' }] }]);
    expect(unit?.recipients[0]).toEqual({ id: '29:Anna', aadObjectId: 'a', name: 'Anna', userRole: 'user' });
  });
});

describe('isBotAccount', () => {
  it.each([
    [{ userRole: 'bot' }, true],
    [{ id: '28:abc' }, true],
    [{ id: '29:abc', userRole: 'user' }, false],
    [{ id: '29:abc', userRole: 'guest' }, false],
  ])('%j → %s', (member, bot) => {
    expect(isBotAccount(member)).toBe(bot);
  });
});
