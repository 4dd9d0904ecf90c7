/**
 * Card data of a shape no Teams client sends is refused at the card-action door over real HTTP:
 * the validation message, and nothing stored. The same person's real answer is stored after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/working-days';
import { stockholmDate } from '../../src/domain/stockholm-time';
import { queryAll } from '../../src/store/document-store';
import { COORDINATOR, executeAction, type Person } from '../support/activities';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { FakeConnector } from '../support/fake-connector';
import { storeSnapshot } from '../support/store-snapshot';
import { surveyMember, validSurveyAnswer, waitForInvitations } from '../support/survey';

describe('card data of the wrong shape', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const member = surveyMember(1, 'forskola');
  const invited: Person = { id: member.id, name: member.name, aadObjectId: member.aadObjectId };
  let roundId = '';

  beforeAll(async () => {
    connector = await FakeConnector.start();
    connector.addTeam('19:forskola-hagersten@thread.tacv2', [member]);
    bot = await startTestBot();
    const opts = { serviceUrl: connector.serviceUrl, from: COORDINATOR };
    const today = stockholmDate(new Date());
    const round = { year: today.slice(0, 4), opensOn: today, closesOn: addDays(today, 20), targetUnitIds: 'forskola-hagersten', reminderDaysBeforeClose: '7, 2' };
    await bot.post(executeAction('survey.create', round, opts));
    roundId = (await queryAll<{ id: string }>(bot.app.store, 'surveyRounds', {}))[0]!.id;
    await bot.post(executeAction('survey.start', { roundId }, opts));
    await waitForInvitations(bot.app.store, roundId, 1);
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('refuses a survey answer with q_types as an array with the validation message, storing nothing', async () => {
    const before = await storeSnapshot(bot.app.store);
    const forged = { ...validSurveyAnswer(roundId, 'forskola-hagersten'), q_types: ['a'] };
    const response = await bot.post(executeAction('survey.submit', forged, { serviceUrl: connector.serviceUrl, from: invited }));
    expect(response.status).toBe(200);
    expect(response.body.value).toBe('Uppgifterna kunde inte tas emot. Kontrollera formuläret och försök igen.');
    expect(await storeSnapshot(bot.app.store)).toEqual(before);

    // The round is open and the person may answer: the same answer in the card's shape is taken.
    const real = await bot.post(executeAction('survey.submit', validSurveyAnswer(roundId, 'forskola-hagersten'), { serviceUrl: connector.serviceUrl, from: invited }));
    expect(JSON.stringify(real.body.value)).toContain('Tack för dina svar');
  });
});
