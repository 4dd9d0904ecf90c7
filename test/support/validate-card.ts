// The adaptivecards package ships a CommonJS build that works in Node without a DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

export interface CardCheck {
  errors: string[];
  version: string;
  /** Size as Teams counts it: UTF-16 code units × 2 bytes of the serialised message. */
  bytes: number;
}

/** Parses a card the way a renderer would and lists everything wrong with it. */
export function checkCard(card: unknown): CardCheck {
  const errors: string[] = [];
  const json = card as { type?: string; version?: string; body?: unknown[]; actions?: unknown[] };
  if (json.type !== 'AdaptiveCard') errors.push(`type is ${json.type}`);
  const version = json.version ?? '';
  const [major, minor] = version.split('.').map(Number);
  if (!(major === 1 && (minor ?? 99) <= 5)) errors.push(`version ${version} is above 1.5`);
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (const event of context.eventCount ? Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i)) : []) {
    errors.push(`parse: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    errors.push(`validate: ${event.message}`);
  }
  // Every input has a label; every required input has an error message (SPEC §1).
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Input.')) {
      if (!element.label) errors.push(`input ${String(element.id)} has no label`);
      if (element.isRequired && !element.errorMessage) errors.push(`required input ${String(element.id)} has no errorMessage`);
    }
    if (typeof element.text === 'string' && element.text.includes('${')) errors.push(`unexpanded template in "${element.text}"`);
    Object.values(element).forEach(walk);
  };
  walk(json.body);
  walk(json.actions);
  const serialized = JSON.stringify(card);
  if (serialized.includes('${')) errors.push('unexpanded template expression left in card');
  return { errors, version, bytes: serialized.length * 2 };
}
