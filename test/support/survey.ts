import { queryAll, type DocumentStore } from '../../src/store/document-store';
import type { FakeMember } from './fake-connector';

/** A team member for a fake roster; `n` keeps ids and names unique across units. */
export function surveyMember(n: number, unit: string): FakeMember {
  return {
    id: `29:${unit}-${n}`,
    name: `Medarbetare ${unit} ${n}`,
    aadObjectId: `aaaabbbb-0000-4000-8000-${String(n).padStart(12, '0')}`,
  };
}

/** A complete, valid survey answer as the card would send it. */
export function validSurveyAnswer(roundId: string, unit: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    roundId,
    q_unit: unit,
    q_observed: 'yes',
    q_types: 'posters,symbol',
    q_frequency: '1-2',
    q_environment: 'white_power',
    q_met_sympathiser: 'no',
    q_threatened: 'no',
    q_reported_police: 'no',
    q_problem: '3',
    q_knows_routine: 'yes',
    q_knows_coordinator: 'no',
    q_training_done: 'no',
    q_training_need: 'symbols,online',
    q_comment: '',
    ...overrides,
  };
}

/** Waits until every invitation of the round is final (delivered or unreachable); returns the counts by state. */
export async function waitForInvitations(store: DocumentStore, roundId: string, expected: number, timeoutMs = 20_000): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let status: Record<string, number> = {};
  while (Date.now() < deadline) {
    const records = await queryAll<{ delivery: { state: string } }>(store, 'outbox', { partitionKey: roundId });
    status = records.reduce((counts: Record<string, number>, record) => ({ ...counts, [record.body.delivery.state]: (counts[record.body.delivery.state] ?? 0) + 1 }), {});
    if ((status.delivered ?? 0) + (status.unreachable ?? 0) === expected) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return status;
}
