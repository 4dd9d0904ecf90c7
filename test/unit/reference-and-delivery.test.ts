import { describe, expect, it } from 'vitest';
import { formatReference, parseReference } from '../../src/domain/concern/reference';
import { applyDeliveryOutcome, backoffMs, BACKOFF_BASE_MS, BACKOFF_MAX_MS } from '../../src/domain/delivery';

describe('reference numbers', () => {
  it.each([
    [2026, 1, 'VBE-2026-0001'],
    [2026, 42, 'VBE-2026-0042'],
    [2027, 9999, 'VBE-2027-9999'],
    [2027, 10000, 'VBE-2027-10000'],
  ])('%i/%i → %s and back', (year, sequence, reference) => {
    expect(formatReference(year, sequence)).toBe(reference);
    expect(parseReference(reference)).toEqual({ year, sequence });
  });

  it('refuses sequence 0 and parses nothing that is not a reference', () => {
    expect(() => formatReference(2026, 0)).toThrow(RangeError);
    expect(parseReference('VBE-26-1')).toBeUndefined();
    expect(parseReference('x VBE-2026-0001')).toBeUndefined();
  });
});

describe('delivery state machine', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const pending = { state: 'pending' as const, attempts: 0, nextAttemptAt: now.toISOString() };

  it('backs off exponentially with jitter inside its bounds', () => {
    expect(backoffMs(1, 0)).toBe(BACKOFF_BASE_MS);
    expect(backoffMs(3, 1)).toBe(BACKOFF_BASE_MS * 4);
    expect(backoffMs(30, 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(5, 0.5)).toBeGreaterThan(BACKOFF_BASE_MS);
  });

  it('honours Retry-After on 429 when it is longer than the backoff', () => {
    const next = applyDeliveryOutcome(pending, { kind: 'throttled', retryAfterMs: 30_000 }, now, 0);
    expect(next).toMatchObject({ state: 'pending', attempts: 1, lastErrorCode: 'throttled' });
    expect(Date.parse(next.nextAttemptAt!) - now.getTime()).toBe(30_000);
  });

  it('keeps a transient failure pending, and marks delivery and unreachability final', () => {
    expect(applyDeliveryOutcome(pending, { kind: 'transient', code: 'http_503' }, now, 0).state).toBe('pending');
    expect(applyDeliveryOutcome(pending, { kind: 'delivered' }, now, 0)).toMatchObject({ state: 'delivered', deliveredAt: now.toISOString() });
    expect(applyDeliveryOutcome(pending, { kind: 'unreachable', code: 'http_403' }, now, 0).state).toBe('unreachable');
  });
});
