import { describe, expect, it } from 'vitest';
import { errorFields, requestIdFrom } from '../../src/log';
import { loggedActivityName, loggedActivityType } from '../../src/teams/activity-names';
import { checkActivity, nestsWithin } from '../../src/teams/activity-shape';

describe('requestIdFrom (an activity id as the request id of every line)', () => {
  const table: Array<[string, unknown, string | undefined]> = [
    ['a Teams message id', '1732780000100', '1732780000100'],
    ['an id with colon, dash and semicolon', 'f:invoke-1;messageid=2', 'f:invoke-1;messageid=2'],
    ['quotes, newlines and markup dropped', '12"\n<b>34', '12b34'],
    ['capped at 128', 'a'.repeat(129_282), 'a'.repeat(128)],
    ['nothing usable left', '"\n<>', undefined],
    ['empty', '', undefined],
    ['a number', 42, undefined],
    ['an object', { id: 'x' }, undefined],
  ];
  it.each(table)('%s', (_name, value, expected) => expect(requestIdFrom(value)).toBe(expected));
});

describe('errorFields (errors by name and code, never message)', () => {
  class AuthenticationError extends Error {
    constructor(public statusCode: number) {
      super('Unauthorized. Invalid AppId passed on token: forged-value');
    }
  }
  const coded = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
  const table: Array<[string, unknown, { name: string; code?: string }]> = [
    ['a TypeError', new TypeError('aadObjectId.toLowerCase is not a function'), { name: 'TypeError' }],
    ['a class that keeps the name Error, with a status', new AuthenticationError(401), { name: 'AuthenticationError', code: '401' }],
    ['a coded system error', coded, { name: 'Error', code: 'ECONNREFUSED' }],
    ['a forged name and code', Object.assign(new Error('x'), { name: 'Bad"\nName', code: '<script>' }), { name: 'BadName', code: 'script' }],
    ['a thrown string', 'failed: secret value', { name: 'string' }],
    ['undefined', undefined, { name: 'undefined' }],
  ];
  it.each(table)('%s', (_name, error, expected) => {
    expect(errorFields(error)).toEqual(expected);
    expect(JSON.stringify(errorFields(error))).not.toMatch(/forged-value|10\.0\.0\.1|secret value|toLowerCase/);
  });
});

describe('activity types and names in logs', () => {
  it.each([
    ['message', 'message'],
    ['conversationUpdate', 'conversationUpdate'],
    ['messageX', 'other'],
    [42, 'other'],
  ])('type %j is logged as %j', (type, expected) => expect(loggedActivityType(type)).toBe(expected));
  it.each([
    [undefined, undefined],
    ['adaptiveCard/action', 'adaptiveCard/action'],
    ['composeExtension/anything', 'other'],
    [['adaptiveCard/action'], 'other'],
  ])('name %j is logged as %j', (name, expected) => expect(loggedActivityName(name)).toBe(expected));
});

describe('the door’s depth bound', () => {
  const nested = (depth: number) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i += 1) value = i % 2 ? { a: value } : [value];
    return value;
  };
  it.each([
    [0, 1, true],
    [31, 32, true],
    [32, 32, true],
    [33, 32, false],
    [50_000, 32, false],
  ])('%i levels within %i: %s', (depth, max, expected) => expect(nestsWithin(nested(depth), max)).toBe(expected));

  it('refuses an activity too deep before reading its shape', () => {
    expect(checkActivity({ type: 'message', value: nested(100) })).toEqual({ ok: false, problem: 'too_deep' });
  });
});
