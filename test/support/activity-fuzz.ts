/**
 * Generated request bodies for /api/messages: recorded activities (test/fixtures/activities)
 * with fields removed, retyped or replaced, some raw bodies that are not activities at all, and
 * deep nesting. Seeded (mulberry32), so a failing body can be regenerated from its seed and index.
 *
 * Two things are never generated, so that a body can neither reach the network nor change the
 * store through a legitimate path: a serviceUrl naming any endpoint but the fake connector, and a
 * sender who is a coordinator (a coordinator's `koppla kanal` rightly writes).
 */
import { STAFF, TENANT_ID, activity, type ActivityJson, type FixtureName } from './activities';
import { seededRandom } from './fake-connector';

export interface FuzzBody {
  body: string;
  contentType: string;
  /** What was done to the fixture, for the failure message. */
  description: string;
}

const FIXTURES: FixtureName[] = ['message.personal', 'message.channel', 'message.submit.personal', 'conversationUpdate.membersAdded.personal', 'invoke.adaptiveCard.action'];
const TYPES = ['message', 'invoke', 'conversationUpdate', 'typing', 'messageReaction', 'messageUpdate', 'messageDelete', 'installationUpdate', 'event', 'endOfConversation', 'trace', '', 'Message', 'INVOKE'];
const NAMES = ['adaptiveCard/action', 'task/fetch', 'task/submit', 'composeExtension/query', 'signin/verifyState', 'handoff/action', 'config/fetch', 'healthCheck', 'application/vnd.microsoft.meetingStart', 'x/y'];
const TEXTS = ['rapportera', 'hjälp', 'enkät', 'enkäter', 'forum', 'koppla kanal', 'lägesbild', 'rutin', '<at>VBE-stöd</at> koppla kanal', '<at>VBE-stöd</at>', '', ' '];
const VERBS = ['concern.open', 'concern.submit', 'concern.handle', 'routine.open', 'forum.save', 'forum.edit', 'forum.remove', 'meeting.followup', 'survey.submit', 'survey.create', 'survey.start', 'survey.close', 'survey.status', 'survey.results', 'nope'];
const OTHER_TENANT = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const STRINGS = ['', ' ', 'null', 'undefined', '__proto__', 'constructor', '../../etc/passwd', '<script>alert(1)</script>', '\u0000\u2028\u2029\ud800', 'Ω≈ç√∫', '0', '-1', 'true', '{"a":1}', '19:x@thread.tacv2;messageid=1', 'a:personal-x'];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function randomString(random: Random): string {
  if (random() < 0.5) return pick(random, STRINGS);
  const length = random() < 0.05 ? 5000 : Math.floor(random() * 40);
  let text = '';
  for (let i = 0; i < length; i += 1) text += String.fromCharCode(random() < 0.8 ? 32 + Math.floor(random() * 95) : Math.floor(random() * 0xffff));
  return text;
}

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

function randomValue(random: Random, depth = 0): unknown {
  const choice = random();
  if (choice < 0.15) return Math.floor(random() * 2 ** 40) * (random() < 0.5 ? -1 : 1);
  if (choice < 0.2) return pick(random, [0, -0, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2]);
  if (choice < 0.45) return randomString(random);
  if (choice < 0.52) return random() < 0.5;
  if (choice < 0.6) return null;
  if (choice < 0.66) return nested(10 + Math.floor(random() * 40), randomString(random));
  if (depth > 3) return randomString(random);
  if (choice < 0.8) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i -= 1) object[random() < 0.3 ? pick(random, ['__proto__', 'constructor', 'toString', 'id', 'type', 'verb']) : randomString(random).slice(0, 12)] = randomValue(random, depth + 1);
  return object;
}

/** Paths the bot or the SDK reads, with values that are plausible there. */
const TARGETS: Array<{ path: string[]; special: (random: Random, serviceUrl: string) => unknown }> = [
  { path: ['type'], special: (random) => pick(random, TYPES) },
  { path: ['name'], special: (random) => pick(random, NAMES) },
  { path: ['id'], special: (random) => (random() < 0.5 ? 'x'.repeat(129_282) : randomString(random)) },
  { path: ['serviceUrl'], special: (random, serviceUrl) => pick(random, ['not a url', 'urn:x-evil:connector', 'data:text/plain,x', 'javascript:alert(1)', 'ftp://127.0.0.1/', serviceUrl.replace('http://', 'http://admin:secret@')]) },
  { path: ['channelId'], special: (random) => pick(random, ['msteams', 'emulator', 'webchat', '']) },
  { path: ['from'], special: (random) => ({ id: randomString(random), aadObjectId: randomValue(random) }) },
  { path: ['from', 'id'], special: randomString },
  { path: ['from', 'aadObjectId'], special: (random) => pick(random, [STAFF.aadObjectId.toUpperCase(), '', ' ', ['x'], { toLowerCase: 1 }]) },
  { path: ['from', 'name'], special: randomString },
  { path: ['recipient'], special: () => ({}) },
  { path: ['recipient', 'id'], special: (random) => pick(random, ['28:vbe-stod-bot', '28:other', '', `28:${'x'.repeat(300)}`]) },
  { path: ['conversation'], special: () => ({}) },
  { path: ['conversation', 'id'], special: randomString },
  { path: ['conversation', 'tenantId'], special: (random) => pick(random, [OTHER_TENANT, TENANT_ID.toUpperCase(), '', 42]) },
  { path: ['conversation', 'conversationType'], special: (random) => pick(random, ['personal', 'channel', 'groupChat', 'meeting', 5]) },
  { path: ['channelData'], special: (random) => pick(random, [{}, [], 'x', { tenant: 'x' }, { tenant: { id: OTHER_TENANT } }]) },
  { path: ['channelData', 'tenant', 'id'], special: (random) => pick(random, [OTHER_TENANT, TENANT_ID, '', null]) },
  { path: ['locale'], special: (random) => pick(random, ['en-US', 'sv', 'sv-SE', 'xx', '', 'en-US-x-very-long-'.repeat(50)]) },
  { path: ['text'], special: (random) => pick(random, TEXTS) },
  { path: ['value'], special: (random) => pick(random, [{}, [], 'x', { verb: pick(random, VERBS) }, { action: 'x' }]) },
  { path: ['value', 'action'], special: (random) => ({ type: 'Action.Execute', verb: pick(random, VERBS), data: randomValue(random) }) },
  { path: ['value', 'action', 'verb'], special: (random) => pick(random, VERBS) },
  { path: ['value', 'action', 'data'], special: (random) => randomValue(random) },
  { path: ['value', 'verb'], special: (random) => pick(random, VERBS) },
  { path: ['entities'], special: (random) => pick(random, [[], [{ type: 'mention' }], [{ type: 'mention', mentioned: { id: '28:vbe-stod-bot' }, text: '<at>VBE-stöd</at>' }], [{ type: 5 }], [null], 'x']) },
  { path: ['attachments'], special: (random) => pick(random, [[], [{ contentType: 'text/html', content: '<p>x</p>' }], [null], 'x']) },
  { path: ['membersAdded'], special: (random) => pick(random, [[], [{ id: '28:vbe-stod-bot' }], [{}], [null], 'x']) },
  { path: ['replyToId'], special: randomString },
  { path: ['deliveryMode'], special: (random) => pick(random, ['expectReplies', 'normal', 'notification', 1]) },
  { path: ['timestamp'], special: (random) => pick(random, ['not a date', 0, '2026-11-28T09:00:00.000Z']) },
];

function mutate(target: ActivityJson, path: string[], value: unknown | typeof DELETE): void {
  let parent: any = target;
  for (const key of path.slice(0, -1)) {
    if (typeof parent[key] !== 'object' || parent[key] === null) parent[key] = {};
    parent = parent[key];
  }
  const last = path.at(-1)!;
  if (value === DELETE) delete parent[last];
  else parent[last] = value;
}
const DELETE = Symbol('delete');

/**
 * Only the fake connector may be contacted: any other http(s) endpoint becomes it (one with
 * credentials in it stays, to show it is not kept; it still reaches only the fake connector).
 */
function keepToConnector(body: ActivityJson, serviceUrl: string): void {
  const value: unknown = body.serviceUrl;
  if (typeof value !== 'string' || !URL.canParse(value) || value === serviceUrl) return;
  const url = new URL(value);
  if (!['http:', 'https:'].includes(url.protocol)) return;
  const withCredentials = url.protocol === 'http:' && url.host === new URL(serviceUrl).host && url.username !== '';
  if (!withCredentials) body.serviceUrl = serviceUrl;
}

function rawBody(random: Random, serviceUrl: string): FuzzBody {
  const valid = JSON.stringify(activity('message.personal', { serviceUrl, from: STAFF }));
  const raw: Array<[string, () => string, string?]> = [
    ['truncated JSON', () => valid.slice(0, Math.floor(random() * valid.length))],
    ['a JSON array', () => `[${valid}]`],
    ['a JSON number', () => String(Math.floor(random() * 1000))],
    ['null', () => 'null'],
    ['text/plain', () => valid, 'text/plain'],
    ['50,000 nested arrays', () => valid.replace('"text":"rapportera"', `"text":"x","value":${'['.repeat(50_000)}${']'.repeat(50_000)}`)],
    ['50,000 nested objects in card data', () => valid.replace('"text":"rapportera"', `"value":${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`)],
    ['duplicate keys', () => valid.replace('{', '{"type":5,')],
  ];
  const [description, make, contentType] = pick(random, raw);
  return { body: make(), contentType: contentType ?? 'application/json', description: `raw: ${description}` };
}

/** `count` bodies from `seed`; the same seed gives the same bodies. */
export function fuzzBodies(seed: number, count: number, serviceUrl: string): FuzzBody[] {
  const random = seededRandom(seed);
  const bodies: FuzzBody[] = [];
  for (let index = 0; index < count; index += 1) {
    if (random() < 0.08) {
      bodies.push(rawBody(random, serviceUrl));
      continue;
    }
    const fixture = pick(random, FIXTURES);
    const body = activity(fixture, { serviceUrl, from: { ...STAFF, id: `29:fuzz-${index % 7}` } });
    const changes: string[] = [fixture];
    for (let n = 1 + Math.floor(random() * 3); n > 0; n -= 1) {
      const target = pick(random, TARGETS);
      const operation = random();
      const value = operation < 0.2 ? DELETE : operation < 0.6 ? target.special(random, serviceUrl) : randomValue(random);
      mutate(body, target.path, value);
      changes.push(`${value === DELETE ? 'delete' : 'set'} ${target.path.join('.')}`);
    }
    keepToConnector(body, serviceUrl);
    bodies.push({ body: JSON.stringify(body), contentType: 'application/json', description: changes.join(', ') });
  }
  return bodies;
}
