import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCardJson } from '../../src/cards/render-card';
import type { DeliveryOutcome, DeliveryState } from '../../src/domain/delivery';
import { ChannelPostOutbox, type ChannelPostSource, type PendingChannelPost } from '../../src/outbox/channel-post-outbox';

const now = new Date('2026-12-01T08:00:00Z');
const card = (id: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: id }] }) as AdaptiveCardJson;

/** An in-memory source: posts with their delivery states, claims as the store would make them. */
function memorySource(states: Record<string, DeliveryState>): ChannelPostSource {
  return {
    async due(by, limit) {
      return Object.entries(states)
        .filter(([, delivery]) => delivery.state === 'pending' && Date.parse(delivery.nextAttemptAt!) <= by.getTime())
        .slice(0, limit)
        .map(([id, delivery]): PendingChannelPost => ({
          id,
          kind: 'test',
          delivery,
          card: () => card(id),
          claim: async (until) => {
            if (states[id] !== delivery) return false; // written since it was read
            states[id] = { ...delivery, nextAttemptAt: until.toISOString(), claimedUntil: until.toISOString() };
            return true;
          },
          record: async (next) => void (states[id] = next),
        }));
    },
  };
}

function outbox(states: Record<string, DeliveryState>, outcome: DeliveryOutcome = { kind: 'delivered' }) {
  const posted: string[] = [];
  const box = new ChannelPostOutbox({
    sources: [memorySource(states)],
    poster: {
      post: async (c) => (posted.push(String((c.body as Array<{ text: string }>)[0]!.text)), outcome),
      update: async (id, c) => (posted.push(`${id}: ${String((c.body as Array<{ text: string }>)[0]!.text)}`), outcome),
    },
    clock: () => now,
    random: () => 0.5,
    log: pino({ level: 'silent' }),
  });
  return { box, posted };
}

describe('the channel outbox', () => {
  it('posts what is due, once, and leaves what is backing off', async () => {
    const states: Record<string, DeliveryState> = {
      due: { state: 'pending', attempts: 0, nextAttemptAt: '2026-12-01T07:59:00Z' },
      later: { state: 'pending', attempts: 2, nextAttemptAt: '2026-12-01T08:05:00Z' },
    };
    const { box, posted } = outbox(states);
    await box.kick();
    await box.kick();
    expect(posted).toEqual(['due']);
    expect(states.due).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(states.due!.claimedUntil).toBeUndefined();
  });

  it('on "everything now" skips backoff but never takes a post another instance has claimed', async () => {
    const states: Record<string, DeliveryState> = {
      backingOff: { state: 'pending', attempts: 3, nextAttemptAt: '2026-12-01T08:10:00Z', lastErrorCode: 'channel_not_bound' },
      claimedElsewhere: { state: 'pending', attempts: 0, nextAttemptAt: '2026-12-01T08:00:40Z', claimedUntil: '2026-12-01T08:00:40Z' },
    };
    const { box, posted } = outbox(states);
    await box.retryAllNow();
    expect(posted).toEqual(['backingOff']);
    expect(states.claimedElsewhere).toMatchObject({ state: 'pending', claimedUntil: '2026-12-01T08:00:40Z' });
  });

  it('ends a flush when every post on a full page is held by others', async () => {
    const states: Record<string, DeliveryState> = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`p${i}`, { state: 'pending', attempts: 0, nextAttemptAt: '2026-12-01T08:00:40Z', claimedUntil: '2026-12-01T08:00:40Z' } as DeliveryState]),
    );
    const { box, posted } = outbox(states);
    await box.retryAllNow(); // would spin forever on the same page without the guard
    expect(posted).toEqual([]);
  });

  it('edits a posted message through update, keeps the id a post was given, and goes on past an edit of a message that is gone', async () => {
    const sent: string[] = [];
    const recorded: Record<string, { next: DeliveryState; activityId?: string }> = {};
    const pending = (id: string, updates?: string): PendingChannelPost => ({
      id,
      kind: 'test',
      delivery: { state: 'pending', attempts: 0, nextAttemptAt: '2026-12-01T07:59:00Z' },
      ...(updates ? { updates } : {}),
      card: () => card(id),
      claim: async () => true,
      record: async (next, activityId) => void (recorded[id] = { next, ...(activityId ? { activityId } : {}) }),
    });
    let served = false;
    const box = new ChannelPostOutbox({
      sources: [{ due: async () => (served ? [] : ((served = true), [pending('gone', 'a-404'), pending('edit', 'a-1'), pending('new')])) }],
      poster: {
        post: async (c) => (sent.push(`post ${String((c.body as Array<{ text: string }>)[0]!.text)}`), { kind: 'delivered', activityId: 'a-2' }),
        update: async (id) => (sent.push(`update ${id}`), id === 'a-404' ? { kind: 'unreachable', code: 'http_404' } : { kind: 'delivered' }),
      },
      clock: () => now,
      random: () => 0.5,
      log: pino({ level: 'silent' }),
    });
    await box.kick();
    expect(sent).toEqual(['update a-404', 'update a-1', 'post new']);
    expect(recorded.gone!.next.state).toBe('unreachable');
    expect(recorded.edit).toEqual({ next: expect.objectContaining({ state: 'delivered' }) });
    expect(recorded.new).toEqual({ next: expect.objectContaining({ state: 'delivered' }), activityId: 'a-2' });
  });
});
