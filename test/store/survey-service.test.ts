import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDistrictConfig } from '../../src/config/district';
import { surveyValuesSchema } from '../../src/domain/survey/survey-answer';
import { answerPoolKey, createPseudonymizer } from '../../src/services/pseudonym';
import { SurveyService, type SurveyRosterEntry } from '../../src/services/survey-service';
import { OutboxMessages } from '../../src/store/repositories/outbox-messages';
import { SurveyAnswerPool, SurveyResponses, SurveyRounds } from '../../src/store/repositories/survey-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';

const district = loadDistrictConfig();
const person = (n: number): SurveyRosterEntry => ({ id: `29:p${n}`, aadObjectId: `99999999-9999-4999-8999-${String(n).padStart(12, '0')}`, name: `P ${n}` });
const teamOf = (unitId: string) => district.units.find((unit) => unit.id === unitId)!.teamIds[0]!;

function answer(unit: string) {
  return surveyValuesSchema.parse({
    q_unit: unit,
    q_observed: 'no',
    q_met_sympathiser: 'no',
    q_threatened: 'no',
    q_reported_police: 'not_applicable',
    q_problem: '3',
    q_knows_routine: 'yes',
    q_knows_coordinator: 'yes',
    q_training_done: 'no',
    q_training_need: 'online',
  });
}

describe('survey service on the embedded store', () => {
  it('creates and starts a round, invites each person once, takes one anonymous answer each, and reports completion', async () => {
    const store = new SqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'vbe-survey-service-')) });
    const rosters: Record<string, SurveyRosterEntry[]> = {
      [teamOf('forskola-hagersten')]: [person(1), person(2), person(3)],
      // Person 3 is in two teams: counted once, in the first unit of the config.
      [teamOf('ung-fritid')]: [person(3), person(4), { id: '28:some-bot', aadObjectId: '', name: 'Bot', userRole: 'bot' }],
    };
    let queued = 0;
    const service = new SurveyService({
      district,
      rounds: new SurveyRounds(store),
      responses: new SurveyResponses(store),
      pool: new SurveyAnswerPool(store, answerPoolKey('survey-service-test-secret-0123456789')),
      outbox: new OutboxMessages(store),
      readRoster: async (teamId) => rosters[teamId] ?? [],
      pseudonymize: createPseudonymizer('survey-service-test-secret-0123456789'),
      clock: () => new Date('2026-11-28T10:00:00Z'),
      onQueued: () => (queued += 1),
    });
    const created = await service.createRound({
      year: '2026',
      opensOn: '2026-11-28',
      closesOn: '2026-12-18',
      targetUnitIds: 'forskola-hagersten,ung-fritid',
      reminderDaysBeforeClose: '7, 2',
    });
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    expect(await service.openRound()).toBeUndefined(); // a draft is not open
    const started = await service.startRound(created.round.id);
    expect(started).toMatchObject({ ok: true, invited: 4 });
    expect(queued).toBe(1);
    // Starting again is refused; a second open round is refused too.
    expect(await service.startRound(created.round.id)).toMatchObject({ ok: false, problem: 'not_draft' });
    expect((await service.openRound())?.id).toBe(created.round.id);

    expect(await service.answer(created.round.id, answer('forskola-hagersten'), person(1).aadObjectId)).toEqual({ kind: 'stored' });
    expect(await service.answer(created.round.id, answer('forskola-hagersten'), person(1).aadObjectId)).toEqual({ kind: 'already_answered' });
    expect(await service.answer(created.round.id, answer('ung-fritid'), person(3).aadObjectId)).toEqual({ kind: 'stored' });
    expect(await service.answer(created.round.id, answer('ung-fritid'), person(99).aadObjectId)).toEqual({ kind: 'not_invited' });
    // A district unit outside the round (the card offers only the round's) is not a choice.
    const outside = await service.answer(created.round.id, answer('socialtjanst-vuxen'), person(4).aadObjectId);
    expect(outside).toMatchObject({ kind: 'rejected', problems: { q_unit: { kind: 'invalid_choice' } } });
    const bad = await service.answer(created.round.id, { ...answer('ung-fritid'), q_comment: 'Ring mig på 070-123 45 67' }, person(4).aadObjectId);
    expect(bad).toMatchObject({ kind: 'rejected', problems: { q_comment: { kind: 'identifying_data' } } });

    const status = await service.status(created.round.id);
    const byUnit = Object.fromEntries(status!.units.map((row) => [row.unitId, row]));
    // Person 3 answered under the unit they were invited in (förskola), whatever they ticked.
    expect(byUnit['forskola-hagersten']).toMatchObject({ invited: 3, answered: 2 });
    expect(byUnit['ung-fritid']).toMatchObject({ invited: 1, answered: 0 });
    expect(status!.total).toMatchObject({ invited: 4, answered: 2 });

    // Two answers are fewer than a group: they wait in the pool until the round closes.
    expect(await new SurveyResponses(store).answers(created.round.id)).toEqual([]);
    expect(await service.closeRound(created.round.id)).toMatchObject({ ok: true });
    expect(await service.answer(created.round.id, answer('ung-fritid'), person(4).aadObjectId)).toEqual({ kind: 'closed' });
    expect((await new SurveyResponses(store).answers(created.round.id)).map((record) => record.answer.q_unit).sort()).toEqual(['forskola-hagersten', 'ung-fritid']);
    expect(await store.count('surveyAnswerPool', {})).toBe(0);
    await store.close();
  });
});
