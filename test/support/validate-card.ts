// The adaptivecards package ships a CommonJS build that works in Node without a DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

export interface CardCheck {
  errors: string[];
  version: string;
  /** Size as Teams counts it: UTF-16 code units × 2 bytes of the serialised message. */
  bytes: number;
}

/**
 * Elements only Teams renders (TEAMS-NOTES.md). The parser does not know them: it logs "Unknown
 * element type … Fallback will be used if present" and renders the element's `fallback` instead —
 * which is how the Adaptive Cards spec means host-specific elements to be used. So that event is no
 * error for these types as long as every use carries a fallback *element* (the parser then parses
 * and validates that element like any other); without one, other clients would show nothing.
 */
const TEAMS_CHART_ELEMENTS = new Set([
  'Chart.VerticalBar',
  'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar',
  'Chart.HorizontalBar.Stacked',
  'Chart.Pie',
  'Chart.Donut',
  'Chart.Line',
  'Chart.Gauge',
]);

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
    const unknownType = event.event === AC.ValidationEvent.UnknownElementType ? /"([^"]+)"/.exec(event.message)?.[1] : undefined;
    if (unknownType && TEAMS_CHART_ELEMENTS.has(unknownType)) continue; // its fallback is checked in the walk below
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
    if (typeof element.type === 'string' && TEAMS_CHART_ELEMENTS.has(element.type)) {
      const fallback = element.fallback as { type?: unknown } | undefined;
      if (typeof fallback !== 'object' || fallback === null || typeof fallback.type !== 'string')
        errors.push(`${element.type} has no fallback element: clients other than Teams would show nothing`);
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
