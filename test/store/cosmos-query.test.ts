import { describe, expect, it } from 'vitest';
import { CONTAINERS } from '../../src/store/document-store';
import { COSMOS_CONTAINERS } from '../../src/store/cosmos/cosmos-containers';
import { toStoreError } from '../../src/store/cosmos/cosmos-errors';
import { countQuery, selectQuery } from '../../src/store/cosmos/cosmos-query';
import { StoreError } from '../../src/store/store-error';

describe('cosmos query building', () => {
  it('builds parameterised SQL only: values never enter the statement', () => {
    const spec = selectQuery({
      partitionKey: "x' OR 1=1",
      where: [
        { field: 'channelPost.state', op: '=', value: "pending' --" },
        { field: 'channelPost.nextAttemptAt', op: '<=', value: '2026-11-15' },
        { field: 'flag', op: '!=', value: null },
      ],
      orderBy: { field: 'submittedAt', direction: 'desc' },
    });
    expect(spec.query).toBe(
      'SELECT * FROM c WHERE c.pk = @pk AND c.body["channelPost"]["state"] = @p0' +
        ' AND c.body["channelPost"]["nextAttemptAt"] <= @p1' +
        ' AND (IS_DEFINED(c.body["flag"]) AND NOT IS_NULL(c.body["flag"]))' +
        ' ORDER BY c.body["submittedAt"] DESC',
    );
    expect(spec.parameters).toEqual([
      { name: '@pk', value: "x' OR 1=1" },
      { name: '@p0', value: "pending' --" },
      { name: '@p1', value: '2026-11-15' },
    ]);
  });

  it('matches SQLite null semantics and counts with VALUE COUNT(1)', () => {
    expect(countQuery({}).query).toBe('SELECT VALUE COUNT(1) FROM c');
    expect(countQuery({ where: [{ field: 'missing', op: '=', value: null }] }).query).toBe(
      'SELECT VALUE COUNT(1) FROM c WHERE (NOT IS_DEFINED(c.body["missing"]) OR IS_NULL(c.body["missing"]))',
    );
    expect(selectQuery({ where: [{ field: 'state', op: '!=', value: 'x' }] }).query).toBe(
      'SELECT * FROM c WHERE (c.body["state"] != @p0 AND NOT IS_NULL(c.body["state"]))',
    );
    expect(() => selectQuery({ where: [{ field: 'state', op: '>', value: null }] })).toThrow(StoreError);
  });

  it('refuses field paths that are not plain dotted names, in conditions and ORDER BY', () => {
    for (const field of ['a"]) OR 1=1 --', "x') OR 1=1 --", 'a.', '.a', 'a..b', '1a', 'a-b', 'a b', 'a[0]', '']) {
      expect(() => selectQuery({ where: [{ field, op: '=', value: 1 }] })).toThrow(StoreError);
      expect(() => selectQuery({ orderBy: { field, direction: 'asc' } })).toThrow(StoreError);
    }
    expect(() => selectQuery({ where: [{ field: '_private.x_1', op: '=', value: 1 }] })).not.toThrow();
  });

  it('has exactly one container entry per container name of the port', () => {
    expect(Object.keys(COSMOS_CONTAINERS).sort()).toEqual([...CONTAINERS].sort());
  });
});

describe('cosmos error mapping', () => {
  const codeOf = (error: unknown) => toStoreError('op', error).code;
  const replaceCodeOf = (error: unknown) => toStoreError('replace', error, { documentNotFound: true }).code;

  it('maps conflicts, missing documents and everything else', () => {
    expect(codeOf({ code: 409 })).toBe('conflict');
    expect(codeOf({ code: 412 })).toBe('conflict');
    expect(replaceCodeOf({ code: 412 })).toBe('conflict');
    expect(replaceCodeOf({ code: 404 })).toBe('not_found');
    expect(replaceCodeOf({ code: 404, substatus: 0 })).toBe('not_found');
    // The container or database is missing, not the document.
    expect(replaceCodeOf({ code: 404, substatus: 1003 })).toBe('unavailable');
    // A 404 to a create, query or count can only mean a missing container or database.
    expect(codeOf({ code: 404 })).toBe('unavailable');
    for (const status of [400, 401, 403, 408, 410, 413, 429, 449, 500, 502, 503]) expect(codeOf({ code: status })).toBe('unavailable');
    expect(codeOf({ statusCode: 503 })).toBe('unavailable');
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']) {
      expect(codeOf(Object.assign(new Error('network'), { code }))).toBe('unavailable');
    }
    expect(codeOf(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe('unavailable');
    expect(codeOf(Object.assign(new Error('timed out'), { name: 'TimeoutError', code: 408 }))).toBe('unavailable');
    expect(codeOf('weird')).toBe('unavailable');
    expect(codeOf(undefined)).toBe('unavailable');
  });

  it('keeps a StoreError as it is and never copies a response body into the message', () => {
    const original = new StoreError('conflict', 'x');
    expect(toStoreError('op', original)).toBe(original);
    const mapped = toStoreError('read', { code: 503, substatus: 3, body: { message: 'secret document text' } });
    expect(mapped.message).toBe('read: cosmos status 503/3');
  });
});
