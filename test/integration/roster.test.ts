import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/teams/adapter';
import { readTeamRoster } from '../../src/teams/roster';
import { FakeConnector, type FakeMember } from '../support/fake-connector';

const member = (n: number): FakeMember => ({
  id: `29:member-${n}`,
  name: `Medlem ${n}`,
  aadObjectId: `66666666-6666-4666-8666-${String(n).padStart(12, '0')}`,
});

describe('reading a team roster over the Bot Connector', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam('19:big-team@thread.tacv2', Array.from({ length: 250 }, (_, i) => member(i)));
  });
  afterAll(() => connector.close());

  it('reads every member exactly once, page by page', async () => {
    const roster = await readTeamRoster(createAdapter(undefined), '', { serviceUrl: connector.serviceUrl, teamId: '19:big-team@thread.tacv2' }, 15_000);
    expect(roster).toHaveLength(250);
    expect(new Set(roster.map((m) => m.aadObjectId)).size).toBe(250);
    const pages = connector.requests.filter((request) => request.path.includes('pagedmembers'));
    expect(pages).toHaveLength(3);
  });

  it('fails loudly (not with a partial list) when the connector refuses', async () => {
    connector.setDown({ status: 403 });
    await expect(readTeamRoster(createAdapter(undefined), '', { serviceUrl: connector.serviceUrl, teamId: '19:big-team@thread.tacv2' }, 15_000)).rejects.toMatchObject({
      statusCode: 403,
    });
    connector.setDown(false);
  });

  it('gives up on a page the connector never answers, at the deadline', async () => {
    connector.blackHole();
    const startedAt = Date.now();
    try {
      await expect(readTeamRoster(createAdapter(undefined), '', { serviceUrl: connector.serviceUrl, teamId: '19:big-team@thread.tacv2' }, 300)).rejects.toMatchObject({
        code: 'timeout',
      });
      expect(Date.now() - startedAt).toBeLessThan(3_000);
    } finally {
      connector.release();
    }
  });
});
