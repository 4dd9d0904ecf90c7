// The adaptivecards package ships a CommonJS build that works in Node without a DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');
import { ACTIVITY_FIELDS } from '../../src/domain/activity/activity';
import { FOLLOW_UP_FIELDS } from '../../src/domain/activity/follow-up';
import { CONCERN_FIELDS } from '../../src/domain/concern/concern-options';
import { FORUM_FIELDS } from '../../src/domain/forum/forum';
import { SURVEY_FIELDS } from '../../src/domain/survey/survey-questions';
import { ROUND_FIELDS } from '../../src/domain/survey/survey-round';

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

/**
 * The verbs that submit a form, with the inputs their handler reads (src/teams/handlers/*). Every
 * other verb reads only its action's `data`.
 *
 * Why it matters: for an action whose `associatedInputs` is "auto" (the default, in Teams too) a
 * renderer collects and validates every input of the action's card and of each card around it (an
 * action inside an Action.ShowCard also takes the parent card's inputs, not those of other
 * ShowCards). One empty required field of a form the action does not submit blocks the click and
 * nothing reaches the bot. So the rule, checked on the parsed card with the renderer's own
 * `getReferencedInputs`:
 * - an action whose verb submits a form collects only that form's inputs (and not "none");
 * - every other Action.Execute/Action.Submit, fallbacks included, has `associatedInputs: "none"`.
 */
export const FORM_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'concern.submit': CONCERN_FIELDS,
  'survey.submit': SURVEY_FIELDS,
  'survey.create': ROUND_FIELDS,
  'survey.update': ROUND_FIELDS,
  'forum.save': FORUM_FIELDS,
  'agenda.skip': ['reason'],
  'meeting.move': ['newDate', 'newTime'],
  'meeting.followup': ['discussed', 'note'],
  'concern.close': ['outcome', 'note'],
  'followup.ask': ['question'],
  'followup.answer': ['answer'],
  'followup.add': ['addition'],
  'activity.save': ACTIVITY_FIELDS,
  'activity.followup.answer': FOLLOW_UP_FIELDS,
};

type ParsedAction = InstanceType<typeof AC.Action>;

/** Every action of a parsed card: its actions, those of ActionSets at any depth, and of ShowCards. */
function actionsOf(element: object, found: ParsedAction[] = []): ParsedAction[] {
  if (element instanceof AC.Action) {
    found.push(element);
    if (element instanceof AC.ShowCardAction) actionsOf(element.card, found);
    return found;
  }
  const node = element as { getItemCount?: () => number; getItemAt?: (i: number) => object; getActionCount?: () => number; getActionAt?: (i: number) => object };
  for (let i = 0; i < (node.getItemCount?.() ?? 0); i++) actionsOf(node.getItemAt!(i), found);
  for (let i = 0; i < (node.getActionCount?.() ?? 0); i++) actionsOf(node.getActionAt!(i), found);
  return found;
}

function verbOf(action: { verb?: unknown; data?: unknown }): string {
  if (typeof action.verb === 'string') return action.verb;
  const data = action.data as { verb?: unknown } | undefined;
  return typeof data?.verb === 'string' ? data.verb : '';
}

/** The problems of the rule above, one line per action. */
function inputProblems(parsed: InstanceType<typeof AC.AdaptiveCard>): string[] {
  const problems: string[] = [];
  for (const action of actionsOf(parsed)) {
    if (!(action instanceof AC.SubmitActionBase)) continue;
    const verb = verbOf(action as unknown as { verb?: unknown; data?: unknown });
    const own = FORM_INPUTS[verb];
    const collected = Object.values(action.getReferencedInputs() ?? {});
    const name = `"${action.title ?? ''}" (${verb || 'no verb'})`;
    if (own && action.associatedInputs === 'none') problems.push(`${name} submits a form but sends none of its inputs`);
    const foreign = collected.filter((input) => !own?.includes(input.id ?? ''));
    if (foreign.length > 0) {
      const required = foreign.filter((input) => input.isRequired).map((input) => input.id);
      problems.push(
        `${name} collects inputs it does not submit (${foreign.map((input) => input.id).join(', ')})` +
          (required.length > 0 ? `; the empty required ${required.join(', ')} would block the click` : '') +
          (own ? '' : ': give it associatedInputs "none"'),
      );
    }
  }
  return problems;
}

/** Starts with a capital (or a quote), has at least two words and ends with a full stop, ! or ?. */
export function isSentence(text: string): boolean {
  return /^["“”'A-ZÅÄÖ]/.test(text) && /[.!?]$/.test(text) && text.trim().split(/\s+/).length >= 2;
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
    const unknownType = event.event === AC.ValidationEvent.UnknownElementType ? /"([^"]+)"/.exec(event.message)?.[1] : undefined;
    if (unknownType && TEAMS_CHART_ELEMENTS.has(unknownType)) continue; // its fallback is checked in the walk below
    errors.push(`parse: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    errors.push(`validate: ${event.message}`);
  }
  errors.push(...inputProblems(parsed));
  // Every input has a label; every required input has an error message (SPEC §1).
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Input.')) {
      if (!element.label) errors.push(`input ${String(element.id)} has no label`);
      if (element.isRequired && !element.errorMessage) errors.push(`required input ${String(element.id)} has no errorMessage`);
      // The message stands in red under the field: it says what to do, it does not repeat the label.
      else if (element.isRequired && (element.errorMessage === element.label || !isSentence(String(element.errorMessage))))
        errors.push(`required input ${String(element.id)} has an errorMessage that is no sentence of its own: "${String(element.errorMessage)}"`);
    }
    if (typeof element.type === 'string' && TEAMS_CHART_ELEMENTS.has(element.type)) {
      const fallback = element.fallback as { type?: unknown } | undefined;
      if (typeof fallback !== 'object' || fallback === null || typeof fallback.type !== 'string')
        errors.push(`${element.type} has no fallback element: clients other than Teams would show nothing`);
    }
    // A fallback action is not parsed where the main one is known; the rule holds for it too.
    if ((element.type === 'Action.Execute' || element.type === 'Action.Submit') && !FORM_INPUTS[verbOf(element)] && element.associatedInputs !== 'none')
      errors.push(`${element.type} "${String(element.title)}" (${verbOf(element) || 'no verb'}) reads no form: give it associatedInputs "none"`);
    if (typeof element.text === 'string' && element.text.includes('${')) errors.push(`unexpanded template in "${element.text}"`);
    Object.values(element).forEach(walk);
  };
  walk(json.body);
  walk(json.actions);
  const serialized = JSON.stringify(card);
  if (serialized.includes('${')) errors.push('unexpanded template expression left in card');
  return { errors, version, bytes: serialized.length * 2 };
}

/**
 * The narrow-card rule for tables: Teams may give a card body about 400 px (a phone, a narrow
 * window). A column gets its share of that by weight; a word longer than the column breaks in the
 * middle ("Påmi nda"). Bold 14 px Segoe UI averages about 7.5 px a character, regular 7 px; a cell
 * pads 8 px each side. Checked for the header row and for every cell but the first column (the
 * labels: option names and forum or unit names, text that wraps at its spaces).
 */
export const NARROW_CARD = { bodyPx: 400, boldCharPx: 7.5, regularCharPx: 7, cellPaddingPx: 16 } as const;

export function narrowTableProblems(card: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Table') {
      const widths = (element.columns as Array<{ width?: number }>).map((column) => (typeof column.width === 'number' ? column.width : 1));
      const sum = widths.reduce((a, b) => a + b, 0);
      (element.rows as Array<{ cells: Array<{ items: Array<{ text?: string }> }> }>).forEach((row, r) =>
        row.cells.forEach((cell, c) => {
          if (r > 0 && c === 0) return;
          const room = (widths[c]! / sum) * NARROW_CARD.bodyPx - NARROW_CARD.cellPaddingPx;
          const charPx = r === 0 ? NARROW_CARD.boldCharPx : NARROW_CARD.regularCharPx;
          for (const word of cell.items.flatMap((item) => (item.text ?? '').split(/\s+/)))
            if (word.length * charPx > room) problems.push(`"${word}" (row ${r}, column ${c}) needs ${word.length * charPx} px of ${Math.floor(room)}`);
        }),
      );
    }
    Object.values(element).forEach(walk);
  };
  walk((card as { body?: unknown }).body);
  return problems;
}
