/**
 * Every card template the bot sends (cards/*.json) and every action on it: who the card is for,
 * the button as the Swedish card shows it, and what pressing it must bring back. The browser test
 * (playground.e2e.ts) presses each action listed here in the Agents Playground; the unit test
 * (test/unit/card-catalogue.test.ts) fails when a template or an action has no entry, so a card
 * or button added later cannot go untested.
 *
 * An action is named by its verb (Action.Execute, Action.Submit's data.verb) or, having none, by
 * its type and id or title as written in the template ("Action.ShowCard ${t.skip}").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARDS_DIR } from '../../src/paths';
import { stringsFor } from '../../src/domain/i18n';

const sv = stringsFor('sv');
const nudge = sv.forum.nudge;
const registry = sv.forum.registry;
const admin = sv.survey.admin;
const followUp = sv.followUp;
const activities = sv.activity.registry;

/** Who a card is meant for; each is pressed by someone holding that role. */
export type CardRole = 'staff' | 'coordinator' | 'chair' | 'responsible';

export interface ActionEntry {
  /** The button's title on the Swedish card (a pattern where it names the forum). */
  title: string | RegExp;
  /** What the press must bring: the template of the card the bot answers with, or a link the client opens. */
  answers: string;
  /** Text that card (or the opened link) must show. */
  shows: string | RegExp;
}

export interface CardEntry {
  role: CardRole;
  /** How the card reaches its reader (for the reader of this file). */
  arrives: string;
  actions: Record<string, ActionEntry>;
}

export const CARD_CATALOGUE: Record<string, CardEntry> = {
  welcome: {
    role: 'staff',
    arrives: 'installing the app (every playground page load)',
    actions: {
      'concern.open': { title: sv.welcome.reportButton, answers: 'concern-form', shows: sv.concernForm.title },
      'routine.open': { title: sv.welcome.routineButton, answers: 'routine', shows: sv.routine.title },
    },
  },
  routine: {
    role: 'staff',
    arrives: '"rutin", or Visa rutinen on the welcome card',
    actions: { 'concern.open': { title: sv.routine.formButton, answers: 'concern-form', shows: sv.concernForm.title } },
  },
  help: {
    role: 'staff',
    arrives: '"hjälp"; any text the bot does not know gets it with the form button',
    actions: { 'concern.open': { title: sv.welcome.reportButton, answers: 'concern-form', shows: sv.concernForm.title } },
  },
  'concern-form': {
    role: 'staff',
    arrives: '"rapportera", or Fyll i blanketten',
    actions: { 'concern.submit': { title: sv.concernForm.submit, answers: 'concern-receipt', shows: sv.receipt.title } },
  },
  'concern-receipt': {
    role: 'staff',
    arrives: 'in place of the form once a report is accepted',
    actions: { 'followup.add.open': { title: followUp.add.button, answers: 'followup-add', shows: /Lägg till information till rapport VBE-\d{4}-\d{4}/ } },
  },
  'followup-ask': {
    role: 'coordinator',
    arrives: 'Fråga rapportören on the channel post (followup.ask.open), to the coordinator who pressed it only',
    actions: { 'followup.ask': { title: followUp.ask.send, answers: 'followup-done', shows: /Frågan om VBE-\d{4}-\d{4} är skickad/ } },
  },
  'followup-question': {
    role: 'staff',
    arrives: "the reporter's 1:1 chat, once a coordinator sent a question (the direct-message outbox)",
    actions: {
      'followup.answer': { title: followUp.question.send, answers: 'followup-done', shows: followUp.question.thanksTitle },
      'followup.decline': { title: followUp.question.decline, answers: 'followup-done', shows: followUp.question.declinedTitle },
    },
  },
  'followup-add': {
    role: 'staff',
    arrives: 'in place of the receipt (Lägg till information), for the report\'s own reporter',
    actions: { 'followup.add': { title: followUp.add.send, answers: 'followup-done', shows: /Informationen är tillagd till rapport VBE-\d{4}-\d{4}/ } },
  },
  'followup-done': {
    role: 'staff',
    arrives: 'in place of a follow-up form once it is sent',
    actions: { 'followup.add.open': { title: followUp.add.more, answers: 'followup-add', shows: /Lägg till information till rapport VBE-\d{4}-\d{4}/ } },
  },
  'concern-channel-post': {
    role: 'coordinator',
    arrives: "the coordinators' channel, for each accepted report",
    actions: {
      'Action.OpenUrl contactReporter': { title: sv.channelPost.contactButton, answers: 'link', shows: /^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=sara\.samordnare%40example\.org/ },
      'concern.view': { title: sv.case.view, answers: 'concern-report', shows: sv.case.viewNote },
      'followup.ask.open': { title: sv.followUp.ask.button, answers: 'followup-ask', shows: /Fråga rapportören om VBE-/ },
      'concern.acknowledge': { title: sv.channelPost.acknowledge, answers: 'concern-channel-post', shows: /Mottagen av Samordnare Sara Samordnare / },
      'concern.assess': { title: sv.case.buttons.assess, answers: 'concern-channel-post', shows: /Bedömning påbörjad av Samordnare Sara Samordnare / },
      'Action.ShowCard close': { title: sv.case.buttons.close, answers: 'concern-channel-post', shows: sv.case.outcome },
      'concern.close': { title: sv.case.closeSend, answers: 'concern-channel-post', shows: /Avslutad av Samordnare Sara Samordnare / },
      'concern.reopen': { title: sv.case.buttons.reopen, answers: 'concern-channel-post', shows: /Öppnad igen av Samordnare Sara Samordnare / },
    },
  },
  'concern-report': {
    role: 'coordinator',
    arrives: 'in place of the channel post, for the coordinator alone, on Visa rapporten',
    actions: { 'concern.back': { title: sv.case.back, answers: 'concern-channel-post', shows: sv.case.noText } },
  },
  'concern-deleted': { role: 'coordinator', arrives: "in place of a report's channel post when gallring deletes the report (jobs run retention)", actions: {} },
  'survey-admin': {
    role: 'coordinator',
    arrives: '"enkät admin"',
    actions: {
      'survey.create': { title: admin.create, answers: 'survey-admin', shows: admin.created },
      'survey.start': { title: admin.start, answers: 'survey-admin', shows: /Omgången är startad: \d+ personer får enkäten\./ },
      'survey.status': { title: admin.status, answers: 'survey-status', shows: sv.survey.status.title },
      'survey.edit': { title: admin.edit, answers: 'survey-admin', shows: /Ändra utkastet / },
      'survey.update': { title: admin.saveChanges, answers: 'survey-admin', shows: admin.edited },
      'Action.ShowCard ${$root.t.remove}': { title: admin.remove, answers: 'survey-admin', shows: /Ta bort utkastet .+\? Det går inte att ångra\./ },
      'survey.delete': { title: admin.confirmRemove, answers: 'survey-admin', shows: admin.deleted },
      'survey.close': { title: admin.close, answers: 'survey-admin', shows: admin.closedDone },
      'survey.results': { title: admin.results, answers: 'survey-results', shows: sv.survey.results.csvHint },
    },
  },
  survey: {
    role: 'staff',
    arrives: "each invited person's 1:1 chat when a round starts, and again as the reminder",
    actions: { 'survey.submit': { title: sv.survey.submit, answers: 'notice', shows: sv.survey.thanks } },
  },
  'survey-status': {
    role: 'coordinator',
    arrives: 'in place of the admin card (Visa status)',
    actions: { 'survey.status': { title: sv.survey.status.refresh, answers: 'survey-status', shows: sv.survey.status.title } },
  },
  'survey-results': { role: 'coordinator', arrives: 'in place of the admin card (Visa resultat)', actions: {} },
  notice: { role: 'staff', arrives: 'in place of a survey, nudge or follow-up card once answered', actions: {} },
  'forum-registry': {
    role: 'coordinator',
    arrives: '"forum"',
    actions: {
      'forum.save': { title: registry.save, answers: 'forum-registry', shows: registry.saved },
      'forum.edit': { title: registry.edit, answers: 'forum-registry', shows: registry.editTitle },
      'Action.ShowCard ${$root.t.remove}': { title: registry.remove, answers: 'forum-registry', shows: /Ta bort .+ ur registret\?/ },
      'forum.remove': { title: /^Ja, ta bort /, answers: 'forum-registry', shows: registry.removed },
    },
  },
  'forum-nudge': {
    role: 'chair',
    arrives: "the chair's 1:1 chat on the nudge day (jobs run nudges), and once more as the reminder",
    actions: {
      'agenda.confirm': { title: nudge.confirm, answers: 'notice', shows: nudge.confirmed },
      'agenda.snooze': { title: nudge.snooze, answers: 'notice', shows: /Jag påminner dig igen / },
      'Action.ShowCard ${t.skip}': { title: nudge.skip, answers: 'forum-nudge', shows: nudge.skipReason },
      'agenda.skip': { title: nudge.skipSend, answers: 'notice', shows: nudge.skipped },
      'Action.ShowCard ${t.move}': { title: nudge.move, answers: 'forum-nudge', shows: nudge.newDate },
      'meeting.move': { title: nudge.moveSend, answers: 'notice', shows: /Mötet är flyttat till / },
      'Action.ShowCard ${t.cancel}': { title: nudge.cancel, answers: 'forum-nudge', shows: nudge.cancelQuestion },
      'meeting.cancel': { title: nudge.cancelConfirm, answers: 'notice', shows: /Mötet är inställt\./ },
    },
  },
  'forum-followup': {
    role: 'chair',
    arrives: "the chair's 1:1 chat the working day after a meeting (jobs run nudges)",
    actions: { 'meeting.followup': { title: sv.forum.followup.send, answers: 'notice', shows: sv.forum.followup.thanks } },
  },
  'forum-followup-post': { role: 'coordinator', arrives: "the coordinators' channel, for each follow-up answered", actions: {} },
  'case-reminder': {
    role: 'coordinator',
    arrives: "the coordinators' channel, once per report past its acknowledgement deadline or near its close target (jobs run case-deadlines)",
    actions: {},
  },
  'activity-registry': {
    role: 'coordinator',
    arrives: '"aktiviteter"',
    actions: {
      'activity.save': { title: activities.save, answers: 'activity-registry', shows: activities.saved },
      'activity.edit': { title: activities.edit, answers: 'activity-registry', shows: activities.editTitle },
      'activity.followup.open': { title: activities.followUp, answers: 'activity-followup', shows: /Uppföljning \d{4} av handlingsplanen/ },
      'Action.ShowCard ${$root.t.retire}': { title: activities.retire, answers: 'activity-registry', shows: activities.retireQuestion },
      'activity.retire': { title: activities.retireConfirm, answers: 'activity-registry', shows: activities.retired },
    },
  },
  'activity-followup': {
    role: 'responsible',
    arrives: "each responsible person's 1:1 chat on the follow-up day (jobs run activity-followup), once more as the reminder; a coordinator's Uppföljning on the activity list",
    actions: { 'activity.followup.answer': { title: sv.activity.followUp.send, answers: 'notice', shows: /Tack! Uppföljningen \d{4} av aktiviteten är sparad\./ } },
  },
  digest: { role: 'coordinator', arrives: "the coordinators' channel, monthly (jobs run digest) or on \"sammanfattning\"", actions: {} },
  lagesbild: {
    role: 'coordinator',
    arrives: 'the coordinator\'s 1:1 chat, on "lägesbild ÅÅÅÅ"',
    // The link downloads the Word document once (GET /lagesbild/<token> on the bot itself).
    actions: { 'Action.OpenUrl download': { title: sv.lagesbild.card.download, answers: 'link', shows: /\/lagesbild\/[A-Za-z0-9_-]{43}$/ } },
  },
};

/** The templates in cards/, by name ("concern-form" for cards/concern-form.json). */
export function cardTemplates(): string[] {
  return readdirSync(CARDS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

function actionKey(action: Record<string, unknown>): string {
  if (typeof action.verb === 'string') return action.verb;
  const data = action.data as Record<string, unknown> | undefined;
  if (typeof data?.verb === 'string') return data.verb;
  return `${String(action.type)} ${String(action.id ?? action.title)}`;
}

/**
 * Every action a template can render, whatever its `$when`: card actions, ActionSets and the
 * actions inside a ShowCard's card. A fallback repeats its action for older clients and is not
 * an action of its own.
 */
export function templateActions(template: unknown): string[] {
  const keys = new Set<string>();
  const walk = (node: unknown, key?: string): void => {
    if (key === 'fallback') return;
    if (Array.isArray(node)) return node.forEach((item) => walk(item));
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Action.')) keys.add(actionKey(element));
    for (const [child, value] of Object.entries(element)) walk(value, child);
  };
  walk(template);
  return [...keys].sort();
}

export function readTemplate(name: string): unknown {
  return JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8'));
}

/** "template action" for every action of the catalogue: what the browser test must press. */
export function catalogueActions(): string[] {
  return Object.entries(CARD_CATALOGUE)
    .flatMap(([template, entry]) => Object.keys(entry.actions).map((action) => `${template} ${action}`))
    .sort();
}
