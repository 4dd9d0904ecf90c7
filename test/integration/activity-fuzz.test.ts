/**
 * A few thousand generated bodies (test/support/activity-fuzz.ts, fixed seed) against one bot
 * over keep-alive HTTP: none gets a 5xx, none takes 2 s, none writes to the store, and the bot
 * still serves a normal turn afterwards.
 */
import { describe, expect, it } from 'vitest';
import { STAFF, TENANT_ID, executeAction, message, validConcernData } from '../support/activities';
import { fuzzBodies } from '../support/activity-fuzz';
import { botWithConnector } from '../support/bot-harness';
import { storeSnapshot } from '../support/store-snapshot';

const SEED = 20261128;
const BODIES = 2000;
const PARALLEL = 4;
const SLOWEST_MS = 2000;

describe('generated activities', () => {
  const running = botWithConnector({ env: { ALLOWED_TENANT_ID: TENANT_ID } });

  it(`answers ${BODIES} bodies without a 5xx or a slow answer, writes nothing, and still works`, { timeout: 180_000 }, async () => {
    const { bot, connector } = running;
    // A normal turn first: it keeps the proactive target, which no generated body may change.
    expect((await bot.post(message('hjälp', { serviceUrl: connector.serviceUrl, from: STAFF }))).status).toBe(200);
    const before = await storeSnapshot(bot.app.store);
    const bodies = fuzzBodies(SEED, BODIES, connector.serviceUrl);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const index = next++;
        const { body, contentType, description } = bodies[index]!;
        const started = performance.now();
        const response = await bot.postRaw(body, contentType);
        const ms = performance.now() - started;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500 || ms > SLOWEST_MS) failures.push(`#${index} (${description}): ${response.status} in ${Math.round(ms)} ms`);
        if (index % 500 === 0) connector.reset();
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(failures).toEqual([]);
    // The generator reaches both sides of the door.
    expect(statuses.get(200)).toBeGreaterThan(BODIES / 10);
    expect(statuses.get(400)).toBeGreaterThan(BODIES / 10);
    expect(await storeSnapshot(bot.app.store)).toEqual(before);

    connector.reset();
    expect((await bot.post(message('hjälp', { serviceUrl: connector.serviceUrl, from: STAFF }))).status).toBe(200);
    await connector.waitFor((recorded) => recorded.conversationId === `a:personal-${STAFF.id}`, 5000);
    const filed = await bot.post(executeAction('concern.submit', validConcernData(), { serviceUrl: connector.serviceUrl, from: STAFF }));
    expect(JSON.stringify(filed.body)).toMatch(/VBE-\d{4}-\d{4}/);
  });
});
