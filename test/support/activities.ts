import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures', 'activities');
let counter = 0;

export type FixtureName =
  | 'message.personal'
  | 'message.channel'
  | 'message.submit.personal'
  | 'conversationUpdate.membersAdded.personal'
  | 'invoke.adaptiveCard.action';

export const STAFF = { id: '29:staff-user', name: 'Sara Lärare', aadObjectId: '11111111-1111-4111-8111-111111111111' };
export const COORDINATOR = { id: '29:coordinator-user', name: 'Kim Samordnare', aadObjectId: '22222222-2222-4222-8222-222222222222' };
export const TENANT_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

export interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

/**
 * A recorded Teams activity (test/fixtures/activities) with the fields a test varies: the
 * connector it must reply to, who sends it, the locale, a unique id.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActivityJson = Record<string, any>;

export function activity(name: FixtureName, options: { serviceUrl: string; from?: Person; locale?: string; conversationId?: string }): ActivityJson {
  const base = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as ActivityJson;
  counter += 1;
  base.id = `${base.id}-${counter}`;
  base.serviceUrl = options.serviceUrl;
  if (options.from) base.from = { ...options.from };
  if (options.locale) base.locale = options.locale;
  if (options.conversationId) base.conversation.id = options.conversationId;
  else if (options.from && base.conversation.conversationType === 'personal') base.conversation.id = `a:personal-${options.from.id}`;
  return base;
}

export function message(text: string, options: Parameters<typeof activity>[1]): ActivityJson {
  return { ...activity('message.personal', options), text };
}

export function channelMessage(text: string, options: Parameters<typeof activity>[1]): ActivityJson {
  return { ...activity('message.channel', options), text };
}

export function executeAction(verb: string, data: Record<string, unknown>, options: Parameters<typeof activity>[1]) {
  const invoke = activity('invoke.adaptiveCard.action', options);
  invoke.value = { action: { type: 'Action.Execute', id: 'action', verb, data }, trigger: 'manual' };
  return invoke;
}

export function submitAction(value: Record<string, unknown>, options: Parameters<typeof activity>[1]) {
  const submit = activity('message.submit.personal', options);
  submit.value = value;
  return submit;
}

/** A complete, valid concern form as the card would send it. */
export function validConcernData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventDate: '2026-11-20',
    eventTypes: 'posters,symbol',
    environment: 'white_power',
    placeType: 'school',
    area: 'hagersten',
    unit: 'ung-fritid',
    description: 'Klistermärken med en vit makt-symbol satt på busshållplatsen vid skolan, tre stycken.',
    policeInformed: 'no',
    socialServicesReport: 'not_applicable',
    reportedInIA: 'yes',
    contactMe: 'false',
    ...overrides,
  };
}
