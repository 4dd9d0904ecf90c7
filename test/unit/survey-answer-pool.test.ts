import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answersToRelease, shuffled } from '../../src/domain/survey/answer-pool';
import { MIN_GROUP_SIZE } from '../../src/domain/survey/results';

describe('answersToRelease: pending answers move only in groups of at least MIN_GROUP_SIZE', () => {
  it.each([
    // pending, round closed, moved now
    [0, false, 0],
    [1, false, 0],
    [MIN_GROUP_SIZE, false, 0],
    [2 * MIN_GROUP_SIZE - 1, false, 0],
    [2 * MIN_GROUP_SIZE, false, MIN_GROUP_SIZE],
    [2 * MIN_GROUP_SIZE + 3, false, MIN_GROUP_SIZE + 3],
    [0, true, 0],
    [1, true, 1],
    [MIN_GROUP_SIZE + 2, true, MIN_GROUP_SIZE + 2],
  ])('%i pending, closed %s: moves %i', (pending, closed, moved) => {
    expect(answersToRelease(pending, closed)).toBe(moved);
  });

  it('never leaves fewer than MIN_GROUP_SIZE for the close, and never moves a smaller group, answer by answer', () => {
    let pool = 0;
    const groups: number[] = [];
    for (let answer = 1; answer <= 57; answer += 1) {
      pool += 1;
      const moved = answersToRelease(pool, false);
      if (moved > 0) groups.push(moved);
      pool -= moved;
      expect(pool).toBeGreaterThanOrEqual(Math.min(answer, MIN_GROUP_SIZE));
    }
    groups.push(answersToRelease(pool, true));
    expect(groups.every((size) => size >= MIN_GROUP_SIZE)).toBe(true);
    expect(groups.reduce((sum, size) => sum + size, 0)).toBe(57);
  });
});

describe('shuffled', () => {
  it('returns the same items, and every order as often as any other', () => {
    const seen = new Map<string, number>();
    for (let run = 0; run < 6000; run += 1) {
      const order = shuffled(['a', 'b', 'c'], randomInt);
      expect([...order].sort()).toEqual(['a', 'b', 'c']);
      seen.set(order.join(''), (seen.get(order.join('')) ?? 0) + 1);
    }
    expect(seen.size).toBe(6);
    // One standard deviation is about 29: more than five would fail about once in a million runs.
    for (const count of seen.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('leaves its input as it was', () => {
    const items = [1, 2, 3, 4];
    shuffled(items, () => 0);
    expect(items).toEqual([1, 2, 3, 4]);
  });
});
