/**
 * A store that cannot be reached is answered, in the user's language, with one message that asks
 * them to try again shortly: for a text command and for a card action alike (the concern form has
 * its own, which keeps what was typed: concern-flow tests it).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringsFor } from '../../src/domain/i18n';
import type { DocumentStore } from '../../src/store/document-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { StoreError } from '../../src/store/store-error';
import { COORDINATOR, executeAction, message } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector } from '../support/fake-connector';

/** The store, with every container but the settings one failing while `down` is set. */
function storeThatGoesDown(): { store: DocumentStore; down: { forums: boolean } } {
  const inner = new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'vbe-stod-outage-')) });
  const down = { forums: false };
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (down.forums && args[0] === 'forums') return Promise.reject(new StoreError('unavailable', 'the test took the store down'));
        return value.apply(target, args);
      };
    },
  });
  return { store, down };
}

describe('a store that cannot be reached', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  let down: { forums: boolean };

  beforeAll(async () => {
    connector = await FakeConnector.start();
    const failing = storeThatGoesDown();
    down = failing.down;
    bot = await startTestBot({ store: failing.store });
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
  });

  it('answers a text command with "try again shortly" in Swedish', async () => {
    down.forums = true;
    try {
      const sent = connector.activities.length;
      expect((await bot.post(message('forum', { serviceUrl: connector.serviceUrl, from: COORDINATOR }))).status).toBe(200);
      const reply = await connector.waitFor((recorded) => connector.activities.indexOf(recorded) >= sent, 10_000);
      expect(reply.activity.text).toBe(stringsFor('sv').errors.try_again_shortly);
    } finally {
      down.forums = false;
    }
  });

  it('answers a card action with "try again shortly" in English', async () => {
    down.forums = true;
    try {
      const response = await bot.post(executeAction('forum.edit', { forumId: 'forum-1' }, { serviceUrl: connector.serviceUrl, from: COORDINATOR, locale: 'en-GB' }));
      expect(response.status).toBe(200);
      expect(response.body?.value).toBe(stringsFor('en').errors.try_again_shortly);
    } finally {
      down.forums = false;
    }
  });
});
