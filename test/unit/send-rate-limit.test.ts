import { describe, expect, it } from 'vitest';
import { busiestSecond } from '../support/busiest-second';
import {
  createSendRateLimiter,
  earliestInWindows,
  sendRateLimits,
  SLOT_TO_WIRE_MARGIN_MS,
  TEAMS_CONVERSATION_WINDOWS,
  type SlidingWindow,
} from '../../src/domain/send-rate-limit';

const T0 = Date.parse('2026-11-28T10:00:00Z');
const times = (count: number, at: (i: number) => number) => Array.from({ length: count }, (_, i) => at(i));

describe('earliestInWindows', () => {
  const cases: Array<{ name: string; sends: number[]; windows: readonly SlidingWindow[]; now: number; expected: number }> = [
    { name: 'no sends yet: now', sends: [], windows: TEAMS_CONVERSATION_WINDOWS, now: T0, expected: T0 },
    { name: '6 in the last second: the 7th goes now', sends: times(6, (i) => T0 - 500 + i), windows: TEAMS_CONVERSATION_WINDOWS, now: T0, expected: T0 },
    { name: '7 at once: the 8th waits a full second', sends: times(7, () => T0), windows: TEAMS_CONVERSATION_WINDOWS, now: T0, expected: T0 + 1_001 },
    {
      name: '7 at T0 and 1 at T0+1001: 8 per 2 s binds, not 7 per s',
      sends: [...times(7, () => T0), T0 + 1_001],
      windows: TEAMS_CONVERSATION_WINDOWS,
      now: T0 + 1_001,
      expected: T0 + 2_001,
    },
    {
      name: '60 spread over 29 s: the 61st waits for the oldest to leave the 30 s window',
      sends: times(60, (i) => T0 + i * 490),
      windows: TEAMS_CONVERSATION_WINDOWS,
      now: T0 + 59 * 490,
      expected: T0 + 30_001,
    },
    {
      name: '1800 in the hour: the next waits for the hour to slide',
      sends: times(1_800, (i) => T0 + i * 1_000),
      windows: TEAMS_CONVERSATION_WINDOWS,
      now: T0 + 1_799_000,
      expected: T0 + 3_600_001,
    },
    { name: 'sends older than every window do not count', sends: times(8, () => T0 - 3_000), windows: TEAMS_CONVERSATION_WINDOWS, now: T0, expected: T0 },
    { name: 'app window 40/s (1 s + the slot-to-wire margin): the 41st waits', sends: times(40, (i) => T0 + i * 10), windows: sendRateLimits().app, now: T0 + 400, expected: T0 + 1_000 + SLOT_TO_WIRE_MARGIN_MS + 1 },
    { name: 'app window configurable (5/s)', sends: times(5, (i) => T0 + i), windows: sendRateLimits(5).app, now: T0 + 10, expected: T0 + 1_000 + SLOT_TO_WIRE_MARGIN_MS + 1 },
  ];
  it.each(cases)('$name', ({ sends, windows, now, expected }) => {
    expect(earliestInWindows(sends, windows, now)).toBe(expected);
  });
});

describe('createSendRateLimiter', () => {
  it('never lets one conversation exceed any Teams window, sending as early as allowed', () => {
    const limiter = createSendRateLimiter();
    const sent: number[] = [];
    let now = T0;
    while (sent.length < 200) {
      now = limiter.earliest('user-a', now);
      limiter.record('user-a', now);
      sent.push(now);
    }
    for (const window of TEAMS_CONVERSATION_WINDOWS) {
      for (const start of sent) {
        expect(sent.filter((at) => at >= start && at <= start + window.windowMs).length).toBeLessThanOrEqual(window.limit);
      }
    }
    // 60 per 30 s is the binding long-run limit: 200 sends need at least three full windows.
    expect(sent.at(-1)! - T0).toBeGreaterThan(90_000);
  });

  /** The per-second window alone, without the even spacing `sendRateLimits` adds. */
  const perSecond = (limit: number) => createSendRateLimiter({ app: [{ limit, windowMs: 1_000 }], conversation: TEAMS_CONVERSATION_WINDOWS });

  it('spaces the app\'s requests: 10/s goes three at a time every 330 ms, never 10 at once and 10 again a second later', () => {
    const limiter = createSendRateLimiter(sendRateLimits(10));
    const sent: number[] = [];
    let now = T0;
    for (let i = 0; i < 30; i += 1) {
      now = limiter.earliest(`user-${i}`, now);
      limiter.record(`user-${i}`, now);
      sent.push(now);
    }
    expect(sent.slice(0, 7).map((at) => at - T0)).toEqual([0, 0, 0, 330, 330, 330, 660]);
    const most = (span: number) => Math.max(...sent.map((start) => sent.filter((at) => at >= start && at <= start + span).length));
    expect(most(329)).toBe(3);
    expect(most(1_000)).toBeLessThanOrEqual(10);
  });

  it('limits the whole app across conversations, and conversations separately', () => {
    const limiter = perSecond(10);
    for (let i = 0; i < 10; i += 1) {
      expect(limiter.earliest(`user-${i}`, T0)).toBe(T0);
      limiter.record(`user-${i}`, T0);
    }
    expect(limiter.earliest('user-new', T0)).toBe(T0 + 1_001);
    expect(limiter.earliest('user-new', T0 + 1_001)).toBe(T0 + 1_001);
  });

  it('still counts sends exactly one window ago: [T0, T0 + 1 s] is one closed span', () => {
    const limiter = perSecond(10);
    for (let i = 0; i < 10; i += 1) limiter.record(`user-${i}`, T0);
    // Asked exactly at T0 + 1 s (a sleep of one whole second lands there), the answer is still later.
    expect(limiter.earliest('user-new', T0 + 1_000)).toBe(T0 + 1_001);
  });

  it('counts a send that opens the chat as two of the app\'s requests, and one send into the chat', () => {
    const limiter = perSecond(10);
    for (let i = 0; i < 4; i += 1) {
      expect(limiter.earliest(`user-${i}`, T0, 2)).toBe(T0);
      limiter.record(`user-${i}`, T0, 2);
    }
    limiter.record('user-4', T0, 1);
    // 9 of 10 used: one more request fits, two do not.
    expect(limiter.earliest('user-new', T0, 1)).toBe(T0);
    expect(limiter.earliest('user-new', T0, 2)).toBe(T0 + 1_001);
    // The conversation sees one send, not two: six in the chat, the seventh of 7/s still fits.
    const chat = perSecond(50);
    chat.record('a', T0, 2);
    for (let i = 0; i < 5; i += 1) chat.record('a', T0, 1);
    expect(chat.earliest('a', T0, 1)).toBe(T0);
    chat.record('a', T0, 1);
    expect(chat.earliest('a', T0, 1)).toBe(T0 + 1_001);
  });

  const holds: Array<{ name: string; apply: (l: ReturnType<typeof createSendRateLimiter>) => void; key: string; expected: number }> = [
    { name: 'a key hold delays that key', apply: (l) => l.holdKey('a', T0 + 30_000), key: 'a', expected: T0 + 30_000 },
    { name: 'a key hold leaves other keys alone', apply: (l) => l.holdKey('a', T0 + 30_000), key: 'b', expected: T0 },
    { name: 'an app hold delays every key', apply: (l) => l.holdApp(T0 + 2_000), key: 'b', expected: T0 + 2_000 },
    { name: 'a shorter hold never shortens a longer one', apply: (l) => { l.holdApp(T0 + 5_000); l.holdApp(T0 + 1_000); }, key: 'b', expected: T0 + 5_000 },
    { name: 'a hold in the past is no hold', apply: (l) => l.holdKey('a', T0 - 1), key: 'a', expected: T0 },
  ];
  it.each(holds)('$name', ({ apply, key, expected }) => {
    const limiter = createSendRateLimiter();
    apply(limiter);
    expect(limiter.earliest(key, T0)).toBe(expected);
  });

  it('forgets conversations idle for over an hour (bounded memory)', () => {
    const limiter = createSendRateLimiter();
    for (let i = 0; i < 5_000; i += 1) limiter.record(`user-${i}`, T0 + i * 10);
    limiter.holdKey('held', T0 + 2 * 3_600_000);
    expect(limiter.trackedKeys()).toBe(5_001);
    const later = T0 + 50_000 + 3_600_001;
    expect(limiter.earliest('someone', later)).toBe(later);
    // Only the conversation still on hold is kept.
    expect(limiter.trackedKeys()).toBe(1);
  });

  it('keeps counting correctly when the clock steps back', () => {
    const limiter = createSendRateLimiter();
    for (let i = 0; i < 6; i += 1) limiter.record('a', T0 + 500);
    limiter.record('a', T0 + 100);
    expect(limiter.earliest('a', T0 + 500)).toBe(T0 + 1_101);
  });

  it.each([1, 8, 25, 40, 50])('keeps arrivals at Teams to %s/s when each request leaves up to the margin after its slot', (rate) => {
    // A greedy sender takes every slot the limiter gives; each request then reaches Teams 0 to
    // SLOT_TO_WIRE_MARGIN_MS later (seeded, the same every run), the worst being the edges.
    let seed = rate;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const limiter = createSendRateLimiter(sendRateLimits(rate));
    const arrivals: number[] = [];
    let now = T0;
    for (let i = 0; i < rate * 20; i += 1) {
      now = limiter.earliest(`user-${i}`, now);
      limiter.record(`user-${i}`, now);
      const late = random() < 0.5 ? (random() < 0.5 ? 0 : SLOT_TO_WIRE_MARGIN_MS) : random() * SLOT_TO_WIRE_MARGIN_MS;
      arrivals.push(now + late);
    }
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(rate);
    // And the margin costs at most a tenth of the rate.
    expect(arrivals.length / ((now - T0) / 1_000)).toBeGreaterThanOrEqual(rate * 0.9);
  });

  it.each([0, 51, 2.5, Number.NaN])('refuses an app rate of %s sends/s', (rate) => {
    expect(() => sendRateLimits(rate)).toThrow(RangeError);
  });
});
