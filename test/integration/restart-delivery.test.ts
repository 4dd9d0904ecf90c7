import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATOR, channelMessage, executeAction, validConcernData } from '../support/activities';
import { startTestBot } from '../support/bot-harness';
import { FakeConnector } from '../support/fake-connector';

const CHANNEL_ID = '19:coordinators-channel@thread.tacv2';

describe('a channel post survives a restart', () => {
  let connector: FakeConnector;
  let dataDir: string;
  beforeAll(async () => {
    connector = await FakeConnector.start();
    dataDir = mkdtempSync(join(tmpdir(), 'vbe-restart-'));
  });
  afterAll(async () => {
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a report stored while the channel was down after the bot comes back', async () => {
    const first = await startTestBot({ dataDir });
    await first.post(channelMessage('<at>VBE-stöd</at> koppla kanal', { serviceUrl: connector.serviceUrl, from: COORDINATOR }));
    connector.setDown({ status: 500 }, { conversationId: CHANNEL_ID });
    const filed = await first.post(executeAction('concern.submit', validConcernData(), { serviceUrl: connector.serviceUrl }));
    const reference = /VBE-\d{4}-\d{4}/.exec(JSON.stringify(filed.body.value))![0];
    await first.stop();
    // The failed post was recorded as such, not taken for delivered.
    expect(first.logLines.some((line) => line.includes('"event":"channel_post"') && line.includes('"outcome":"transient"'))).toBe(true);
    expect(first.logLines.some((line) => line.includes('"outcome":"delivered"'))).toBe(false);
    expect(connector.sentTo(CHANNEL_ID)).toHaveLength(0);

    connector.setDown(false);
    const second = await startTestBot({ dataDir });
    try {
      const post = await connector.waitFor(
        (a) => a.conversationId === CHANNEL_ID && JSON.stringify(a.activity.attachments ?? []).includes(reference),
        15_000,
      );
      expect(post.activity.attachments[0].content.type).toBe('AdaptiveCard');
    } finally {
      await second.stop();
    }
  }, 30_000);
});
