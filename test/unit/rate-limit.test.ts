import { describe, expect, it } from 'vitest';
import { decideRate, RATE_WINDOW_MS, REPORTS_PER_HOUR } from '../../src/domain/concern/rate-limit';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const minutesAgo = (m: number) => NOW - m * 60_000;

describe('decideRate (10 reports per sliding hour)', () => {
  it('allows the 10th and refuses the 11th within the hour', () => {
    const nine = Array.from({ length: 9 }, (_, i) => minutesAgo(50 - i));
    expect(decideRate(nine, NOW).allowed).toBe(true);
    const ten = [...nine, minutesAgo(1)];
    const decision = decideRate(ten, NOW);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.retryAt).toBe(minutesAgo(50) + RATE_WINDOW_MS);
  });

  it('forgets submissions older than an hour and keeps nothing older', () => {
    const old = Array.from({ length: REPORTS_PER_HOUR }, (_, i) => minutesAgo(61 + i));
    const decision = decideRate([...old, minutesAgo(5)], NOW);
    expect(decision.allowed).toBe(true);
    expect(decision.recent).toEqual([minutesAgo(5)]);
  });

  it('is a sliding window: ten at 10:59 block until 11:59, not until the next clock hour', () => {
    const burst = Array.from({ length: 10 }, () => minutesAgo(1));
    const decision = decideRate(burst, NOW);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.retryAt).toBe(minutesAgo(1) + RATE_WINDOW_MS);
  });
});
