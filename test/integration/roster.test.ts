import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamsAdapter } from '../../src/teams/adapter';
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
    const roster = await readTeamRoster(new TeamsAdapter(undefined, 15_000), { serviceUrl: connector.serviceUrl, teamId: '19:big-team@thread.tacv2' }, { pageMs: 15_000 });
    expect(roster).toHaveLength(250);
    expect(new Set(roster.map((m) => m.aadObjectId)).size).toBe(250);
    const pages = connector.requests.filter((request) => request.path.includes('pagedmembers'));
    expect(pages).toHaveLength(3);
  });

  it('asks again for a page Teams answered with a passing 503 or 429, and still reads every member once', async () => {
    connector.reset();
    connector.failNext({ status: 503, times: 1, match: { pathIncludes: 'pagedmembers' } });
    connector.failNext({ status: 429, retryAfterSeconds: 0, times: 1, match: { pathIncludes: 'pagedmembers' } });
    const roster = await readTeamRoster(new TeamsAdapter(undefined, 15_000), { serviceUrl: connector.serviceUrl, teamId: '19:big-team@thread.tacv2' }, { pageMs: 15_000 });
    expect(new Set(roster.map((m) => m.aadObjectId)).size).toBe(250);
    expect(roster).toHaveLength(250);
    expect(connector.requests.filter((request) => request.path.includes('pagedmembers'))).toHaveLength(5);
    connector.reset();
  });

  const read = (teamId = '19:big-team@thread.tacv2', deadlineMs?: number) =>
    readTeamRoster(new TeamsAdapter(undefined, 15_000), { serviceUrl: connector.serviceUrl, teamId }, { pageMs: 15_000, wholeMs: deadlineMs });

  it('fails loudly (not with a partial list) when the connector refuses, saying whether asking again can help', async () => {
    connector.setDown({ status: 403 });
    try {
      await expect(read()).rejects.toMatchObject({ name: 'RosterReadError', problem: 'not_found', status: 403 });
    } finally {
      connector.setDown(false);
    }
    // A team the app was never added to: Teams answers 404 "Conversation not found".
    await expect(read('19:app-not-added@thread.tacv2')).rejects.toMatchObject({ problem: 'not_found', status: 404 });
    connector.failNext({ status: 429, retryAfterSeconds: 0, times: 10, match: { pathIncludes: 'pagedmembers' } });
    await expect(read()).rejects.toMatchObject({ problem: 'try_again', status: 429 });
    connector.reset();
  });

  it('gives up at its deadline as "try again", and asks for no further page', async () => {
    connector.reset();
    // The first page answers later than the whole read may take; there are two more pages.
    connector.failNext({ status: 200, delayMs: 1_500, match: { pathIncludes: 'pagedmembers' } });
    const started = Date.now();
    await expect(read('19:big-team@thread.tacv2', 300)).rejects.toMatchObject({ problem: 'try_again' });
    expect(Date.now() - started).toBeLessThan(1_200);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(connector.requests.filter((request) => request.path.includes('pagedmembers'))).toHaveLength(1);
  });

  it('gives up on a page the connector never answers, at the deadline', async () => {
    connector.blackHole();
    const startedAt = Date.now();
    try {
      await expect(readTeamRoster(new TeamsAdapter(undefined, 15_000), { serviceUrl: connector.serviceUrl, teamId: '19:big-team@thread.tacv2' }, { pageMs: 300 })).rejects.toMatchObject({
        problem: 'try_again',
      });
      expect(Date.now() - startedAt).toBeLessThan(3_000);
    } finally {
      connector.release();
    }
  });
});
