/**
 * The card-action door parses every verb's data with the verb's schema: a shape no client sends is
 * refused with the validation message and reaches no handler; a form with gaps reaches it, typed.
 * The SDK is stood in for by the two routes the door installs.
 */
import type { TurnContext } from '@microsoft/agents-hosting';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { concernFormSchema } from '../../src/domain/concern/concern-form';
import { forumFormSchema } from '../../src/domain/forum/forum';
import { stringsFor } from '../../src/domain/i18n';
import { surveyValuesSchema } from '../../src/domain/survey/survey-answer';
import { newRoundSchema } from '../../src/domain/survey/survey-round';
import type { TeamsApp } from '../../src/teams/bot-deps';
import { CardActions } from '../../src/teams/card-actions';

const COORDINATOR = '22222222-2222-4222-8222-222222222222';
const refusal = stringsFor('sv').errors.validation;

/** The door with one verb, and the Action.Execute route it installs. */
function door(verb: string, data: z.ZodType<unknown, z.ZodTypeDef, unknown>) {
  const handle = vi.fn(async () => ({ text: 'handled' }));
  const actions = new CardActions(new Set([COORDINATOR]), pino({ level: 'silent' }));
  actions.add({ verb, roles: ['coordinator'], data, handle });
  let execute: ((context: TurnContext) => Promise<unknown>) | undefined;
  const app = { adaptiveCards: { actionExecute: (_: RegExp, route: typeof execute) => (execute = route) }, onMessage: () => undefined };
  actions.install(app as unknown as TeamsApp);
  const send = (payload: unknown) =>
    execute!({
      activity: { locale: 'sv-SE', from: { aadObjectId: COORDINATOR }, conversation: { conversationType: 'personal' }, value: { action: { verb, data: payload } } },
    } as unknown as TurnContext);
  return { handle, send };
}

const verbs: Array<[string, z.ZodType<unknown, z.ZodTypeDef, unknown>, string]> = [
  ['concern.submit', concernFormSchema, 'description'],
  ['survey.submit', surveyValuesSchema, 'q_types'],
  ['forum.save', forumFormSchema, 'name'],
  ['survey.create', newRoundSchema, 'targetUnitIds'],
];

const forgeries: Array<[string, unknown]> = [
  ['a number', 42],
  ['an array', ['a']],
  ['an object', { text: 'x' }],
  ['nested junk', [{ $where: ['1'] }]],
  ['a boolean', true],
];

describe('the card-action door', () => {
  describe.each(verbs)('%s', (verb, data, field) => {
    it.each(forgeries)(`refuses ${field} as %s and calls no handler`, async (_name, forged) => {
      const { handle, send } = door(verb, data);
      expect(await send({ [field]: forged })).toBe(refusal);
      expect(handle).not.toHaveBeenCalled();
    });

    it.each<[string, unknown]>([
      ['no data at all', undefined],
      ['an empty object', {}],
      [`only ${field}, empty`, { [field]: '' }],
      [`${field} as null`, { [field]: null }],
    ])('passes %s on to the handler, every field a string', async (_name, payload) => {
      const { handle, send } = door(verb, data);
      expect(await send(payload)).toBe('handled');
      expect(handle).toHaveBeenCalledTimes(1);
      const values = (handle.mock.calls[0] as unknown as [{ data: Record<string, unknown> }])[0].data;
      expect(values[field]).toBe('');
      expect(Object.values(values).every((value) => typeof value === 'string')).toBe(true);
    });
  });
});
