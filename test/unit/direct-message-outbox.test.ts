import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS } from '../../src/domain/delivery';
import { createSendRateLimiter, sendRateLimits, TEAMS_CONVERSATION_WINDOWS } from '../../src/domain/send-rate-limit';
import { createLogger } from '../../src/log';
import { DirectMessageOutbox, type DirectMessageSender, type RequestSlot } from '../../src/outbox/direct-message-outbox';
import {
  OutboxMessages,
  recipientKeyOf,
  type OutboxPayloadRef,
  type OutboxRecipient,
  type SendResult,
} from '../../src/store/repositories/outbox-messages';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const T0 = Date.parse('2026-11-28T09:00:00.000Z');
const SURVEY = { kind: 'survey', roundId: 'round-2026' };
const person = (n: number): OutboxRecipient => ({ aadObjectId: `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Person ${n}` });
const people = (count: number) => Array.from({ length: count }, (_, i) => person(i + 1));

/**
 * Virtual time: `sleep` parks the caller on a timer; once every other task has run (store calls
 * and the fake sender resolve in microtasks), the clock jumps to the earliest timer.
 */
class VirtualTime {
  now = T0;
  private timers: Array<{ at: number; resolve: () => void }> = [];
  private scheduled = false;
  clock = () => new Date(this.now);
  sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      this.timers.push({ at: this.now + Math.max(0, ms), resolve });
      this.schedule();
    });
  advance(ms: number) {
    this.now += ms;
  }
  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at);
      this.now = Math.max(this.now, this.timers[0]!.at);
      const due = this.timers.filter((timer) => timer.at <= this.now);
      this.timers = this.timers.filter((timer) => timer.at > this.now);
      for (const timer of due) timer.resolve();
      if (this.timers.length) this.schedule();
    });
  }
}

interface SentRecord {
  key: string;
  at: number;
  conversationId?: string;
  payloadRef: OutboxPayloadRef;
}

/** Records every send; `respond` decides each outcome (default: delivered after 50 ms). */
class FakeSender implements DirectMessageSender {
  sent: SentRecord[] = [];
  /** When each request (createConversation or send) left. */
  requests: number[] = [];
  inFlight = new Map<string, number>();
  maxInFlightPerKey = 0;
  maxInFlight = 0;
  latencyMs = 50;
  respond: (key: string, attempt: number) => SendResult = () => ({ kind: 'delivered' });

  constructor(private readonly time: VirtualTime) {}

  async send(recipient: OutboxRecipient, payloadRef: OutboxPayloadRef, requestSlot: RequestSlot): Promise<SendResult> {
    const key = recipientKeyOf(recipient);
    // As the Teams sender does: createConversation first when no chat is stored, each request in its slot.
    const request = async () => {
      await requestSlot();
      this.requests.push(this.time.now);
    };
    if (!recipient.conversationId) await request();
    await request();
    this.sent.push({ key, at: this.time.now, conversationId: recipient.conversationId, payloadRef });
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    this.maxInFlightPerKey = Math.max(this.maxInFlightPerKey, this.inFlight.get(key)!);
    this.maxInFlight = Math.max(this.maxInFlight, [...this.inFlight.values()].reduce((a, b) => a + b, 0));
    try {
      await this.time.sleep(this.latencyMs);
      const result = this.respond(key, this.sent.filter((s) => s.key === key).length);
      return { conversationId: recipient.conversationId ?? `a:conv-${key}`, ...result };
    } finally {
      this.inFlight.set(key, this.inFlight.get(key)! - 1);
    }
  }

  sendsTo(n: number) {
    return this.sent.filter((s) => s.key === recipientKeyOf(person(n)));
  }
}

/** The most sends inside any closed span of `windowMs`. */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((start) => sorted.filter((t) => t >= start && t <= start + windowMs).length));
}

describe('DirectMessageOutbox', () => {
  let store: SqliteStore;
  let messages: OutboxMessages;
  let time: VirtualTime;
  let sender: FakeSender;
  const log = createLogger('silent');
  const outbox = (options: { concurrency?: number; appPerSecond?: number; owner?: string } = {}) =>
    new DirectMessageOutbox({
      messages,
      sender,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      log,
      limiter: createSendRateLimiter(sendRateLimits(options.appPerSecond ?? 40)),
      concurrency: options.concurrency,
      owner: options.owner,
    });
  const enqueue = (recipients: OutboxRecipient[], batchId = 'round-2026') => messages.enqueueAll(batchId, recipients, SURVEY, time.clock());

  beforeEach(() => {
    store = new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'vbe-dm-outbox-')) });
    messages = new OutboxMessages(store, { maxAttempts: 8 });
    time = new VirtualTime();
    sender = new FakeSender(time);
  });
  afterEach(async () => store.close());

  it('delivers to everyone once, in parallel but never over the app rate, and stores the conversation', async () => {
    await enqueue(people(120));
    await outbox().flush();
    expect(await messages.countsByState('round-2026')).toEqual({ pending: 0, delivered: 120, unreachable: 0, failed: 0 });
    expect(new Set(sender.sent.map((s) => s.key)).size).toBe(120);
    expect(sender.sent).toHaveLength(120);
    // Each first message opens the chat (createConversation + send): two of the app's 40 requests/s.
    expect(sender.requests).toHaveLength(240);
    expect(busiest(sender.requests, 1_000)).toBeLessThanOrEqual(40);
    expect(sender.maxInFlight).toBeGreaterThan(1);
    expect(sender.maxInFlight).toBeLessThanOrEqual(8);
    // 120 at 20/s take six seconds, not much more.
    expect(time.now - T0).toBeGreaterThanOrEqual(5_000);
    expect(time.now - T0).toBeLessThan(7_000);
    expect((await messages.get('round-2026', recipientKeyOf(person(7))))?.body.recipient.conversationId).toBe(`a:conv-${recipientKeyOf(person(7))}`);
  });

  it('honours a configured app rate', async () => {
    await enqueue(people(30));
    await outbox({ appPerSecond: 10 }).flush();
    expect(sender.sent).toHaveLength(30);
    expect(busiest(sender.requests, 1_000)).toBeLessThanOrEqual(10);
  });

  it('sends one recipient many messages one at a time, within every Teams window', async () => {
    for (let batch = 0; batch < 70; batch += 1) await enqueue([person(1)], `batch-${batch}`);
    const engine = outbox();
    // Waits beyond 10 s hand the message back to the store; the app timer would kick again.
    for (let round = 0; round < 20 && sender.sent.length < 70; round += 1) {
      await engine.flush();
      time.advance(5_000);
    }
    expect(sender.sent).toHaveLength(70);
    expect(sender.maxInFlightPerKey).toBe(1);
    const times = sender.sent.map((s) => s.at);
    for (const window of TEAMS_CONVERSATION_WINDOWS) expect(busiest(times, window.windowMs)).toBeLessThanOrEqual(window.limit);
  });

  it('waits Retry-After for a throttled recipient and briefly pauses the whole app', async () => {
    await enqueue([person(1)]);
    time.advance(1);
    await enqueue([person(2), person(3)]);
    sender.respond = (key, attempt) => (key === recipientKeyOf(person(1)) && attempt === 1 ? { kind: 'throttled', retryAfterMs: 30_000 } : { kind: 'delivered' });
    const engine = outbox({ concurrency: 1 });
    await engine.flush();
    const throttledAt = sender.sendsTo(1)[0]!.at + sender.latencyMs;
    // The others went only after the app-wide pause (capped at 5 s).
    expect(sender.sendsTo(2)[0]!.at).toBeGreaterThanOrEqual(throttledAt + 5_000);
    expect(sender.sendsTo(1)).toHaveLength(1);
    time.now = throttledAt + 29_000;
    await engine.flush();
    expect(sender.sendsTo(1)).toHaveLength(1);
    time.now = throttledAt + 30_000;
    await engine.flush();
    expect(sender.sendsTo(1)).toHaveLength(2);
    expect(await messages.countsByState('round-2026')).toMatchObject({ delivered: 3 });
  });

  it('retries a 5xx with backoff, reusing the conversation it created, then delivers', async () => {
    await enqueue([person(1)]);
    sender.respond = (_key, attempt) => (attempt <= 2 ? { kind: 'transient', code: 'http_503' } : { kind: 'delivered' });
    const engine = outbox();
    const attempts: number[] = [];
    for (let round = 0; round < 40 && attempts.length < 3; round += 1) {
      await engine.flush();
      attempts.splice(0, attempts.length, ...sender.sendsTo(1).map((s) => s.at));
      time.advance(500);
    }
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
    expect(sender.sendsTo(1).map((s) => s.conversationId)).toEqual([undefined, `a:conv-${recipientKeyOf(person(1))}`, `a:conv-${recipientKeyOf(person(1))}`]);
    expect((await messages.get('round-2026', recipientKeyOf(person(1))))?.body.delivery).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('marks a 403 unreachable and never retries it', async () => {
    await enqueue([person(1), person(2)]);
    sender.respond = (key) => (key === recipientKeyOf(person(1)) ? { kind: 'unreachable', code: 'http_403' } : { kind: 'delivered' });
    const engine = outbox();
    await engine.flush();
    time.advance(60 * 60_000);
    await engine.flush();
    expect(sender.sendsTo(1)).toHaveLength(1);
    expect(await messages.countsByState('round-2026')).toEqual({ pending: 0, delivered: 1, unreachable: 1, failed: 0 });
  });

  it('gives up after the bounded number of attempts', async () => {
    await enqueue([person(1)]);
    sender.respond = () => ({ kind: 'transient', code: 'http_502' });
    const engine = outbox();
    for (let round = 0; round < 20; round += 1) {
      await engine.flush();
      time.advance(20 * 60_000);
    }
    expect(sender.sendsTo(1)).toHaveLength(8);
    expect((await messages.get('round-2026', recipientKeyOf(person(1))))?.body.delivery).toMatchObject({ state: 'failed', attempts: 8, lastErrorCode: 'http_502' });
  });

  it('treats a sender that throws as a transient failure', async () => {
    await enqueue([person(1)]);
    sender.respond = () => {
      throw new TypeError('socket hang up');
    };
    await outbox().flush();
    expect((await messages.get('round-2026', recipientKeyOf(person(1))))?.body.delivery).toMatchObject({ state: 'pending', attempts: 1, lastErrorCode: 'TypeError' });
  });

  it('leaves a message claimed by a dead process alone until the claim expires', async () => {
    await enqueue([person(1)]);
    await messages.claim((await messages.due(time.clock(), 1))[0]!, 'dead-process', time.clock());
    const engine = outbox();
    time.advance(59_000);
    await engine.flush();
    expect(sender.sent).toHaveLength(0);
    time.advance(1_000);
    await engine.flush();
    expect(sender.sent).toHaveLength(1);
    expect((await messages.get('round-2026', recipientKeyOf(person(1))))?.body.delivery).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('never lets two processes send the same message', async () => {
    await enqueue(people(40));
    const [first, second] = [outbox({ owner: 'a' }), outbox({ owner: 'b' })];
    await Promise.all([first.flush(), second.flush()]);
    expect(sender.sent).toHaveLength(40);
    expect(new Set(sender.sent.map((s) => s.key)).size).toBe(40);
  });

  it('re-enqueueing a batch sends nobody a second message', async () => {
    await enqueue(people(5));
    const engine = outbox();
    await engine.flush();
    expect(await enqueue(people(6))).toEqual({ created: 1, existing: 5 });
    await engine.flush();
    expect(sender.sent).toHaveLength(6);
    expect(await messages.countsByState('round-2026')).toMatchObject({ delivered: 6, pending: 0 });
  });

  it('stops cleanly: sends in flight finish and are recorded, nothing new starts', async () => {
    await enqueue(people(100));
    const engine = outbox({ concurrency: 4 });
    const flushing = engine.flush();
    while (sender.sent.length < 10) await time.sleep(10);
    await engine.stop();
    await flushing;
    const sentAtStop = sender.sent.length;
    expect(sentAtStop).toBeLessThan(100);
    const counts = await messages.countsByState('round-2026');
    expect(counts.delivered).toBe(sentAtStop);
    expect(counts.pending).toBe(100 - sentAtStop);
    // Nothing is left claimed: a restart can send the rest at once.
    expect(await messages.due(time.clock(), 200)).toHaveLength(100 - sentAtStop);
    await engine.flush();
    expect(sender.sent).toHaveLength(sentAtStop);
  });
});
