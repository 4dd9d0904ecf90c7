/**
 * Browser end-to-end test: every button of every card the bot sends, pressed in the Microsoft 365
 * Agents Playground by someone holding the role the card is for, driven through Debian's chromium
 * with playwright-core. `npm run test:browser` (own vitest config, vitest.browser.config.mts;
 * `npm test` does not run it, `.ci/run` does, after `npm test`).
 *
 * What to press is test/browser/card-catalogue.ts: each action's button, and the card (or link)
 * it must bring back. Each press checks that the card shows no button the catalogue does not know,
 * that the bot logged the verb (card_action.done), and that the expected card came; the last test
 * fails for any catalogue action nobody pressed. test/unit/card-catalogue.test.ts keeps the
 * catalogue in step with cards/.
 *
 * One playground, one bot, one page. The playground's current user is Sara: a coordinator, staff
 * of Enheten för ung fritid (the unit whose team is the playground's team) and the chair of the
 * forums this test registers in the bot's district; one refusal is sent as Lars (staff) through the
 * playground's own "Mock an Activity › Custom activity". Proactive cards come from the CLI
 * (`jobs run … --now`, against the bot's DATA_DIR) and from `sammanfattning`.
 *
 * It starts the bot and the playground itself (scripts/playground.ts, fresh data, a free bot port,
 * the playground on 56150, or another port when that one is taken) and stops them afterwards,
 * also on failure. Screenshots and logs go to test-artifacts/browser/ (git-ignored).
 *
 * Environment: CHROMIUM_PATH (/usr/bin/chromium), PLAYGROUND_PORT (56150).
 * Selectors are those of @microsoft/m365agentsplayground 0.2.28 (docs/playground.md).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { DistrictConfig } from '../../src/config/district';
import { addDays, workingDaysBefore } from '../../src/domain/calendar/working-days';
import { stringsFor } from '../../src/domain/i18n';
import { stockholmDate } from '../../src/domain/stockholm-time';
import { reminderDates } from '../../src/domain/survey/reminders';
import { PROJECT_ROOT } from '../../src/paths';
import { playgroundDistrict } from '../../scripts/lib/playground-district';
import { CARD_CATALOGUE, catalogueActions } from './card-catalogue';
import { startPlaygroundStack, type PlaygroundStack } from './playground-stack';

const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts', 'browser');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STACK_TIMEOUT_MS = 90_000;
const BOT_ANSWER_MS = 20_000;
/** Nothing of this file may run longer than this, whatever hangs (vitest.browser.config.mts, .ci/run). */
const WATCHDOG_MS = 330_000;

const sv = stringsFor('sv');
/** A card of the chat, not the card of an opened Action.ShowCard inside it. */
const CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';
const COMPOSER = '[contenteditable="true"][role="textbox"]'; // the playground's Lexical editor
// 19121212-1212: a personnummer with a correct check digit (Luhn), which the detector must catch.
const PERSONNUMMER = '19121212-1212';
const PERSONNUMMER_FOUND = sv.problems.identifying_data(sv.identifyingKinds.personnummer);

interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}
const playgroundConfig = parseYaml(readFileSync(join(PROJECT_ROOT, '.m365agentsplayground.yml'), 'utf8')) as {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  team: { id: string };
};
const SARA = playgroundConfig.currentUser;
const userCalled = (id: string) => playgroundConfig.users.find((user) => user.id === id)!;
const ALI = userCalled('29:ali-ordforande');
const LARS = userCalled('29:lars-larare');

// Dates, from Stockholm's today: the bot's own scheduler must find nothing due today, the CLI runs
// the nudges job on the nudge day of meetings three weeks ahead, when the follow-up of today's
// meeting is due too.
const TODAY = stockholmDate(new Date());
const MEETING_DAY = addDays(TODAY, 21);
const LEAD_DAYS = 5;
const NUDGE_DAY = workingDaysBefore(MEETING_DAY, LEAD_DAYS);
const SURVEY_CLOSES = addDays(TODAY, 21);
const SURVEY_REMINDER_DAYS = 7;
const SURVEY_REMINDER_DAY = reminderDates({ id: 'x', year: 0, opensOn: TODAY, closesOn: SURVEY_CLOSES, targetUnitIds: [], reminderDaysBeforeClose: [SURVEY_REMINDER_DAYS], state: 'open' })[0]!.date;
/** 10:00 or 11:00 in Stockholm: inside the jobs' office hours in winter and summer. */
const atOfficeHours = (date: string) => `${date}T09:00:00Z`;

/** Sara chairs one forum per nudge answer, and one that met today (the follow-up). */
const NUDGED = { confirm: 'SSPF Aspudden', snooze: 'SSPF Fruängen', skip: 'SSPF Gröndal', move: 'SSPF Liljeholmen', cancel: 'SSPF Västberga' } as const;
const MET_TODAY = 'Polis–skola Älvsjö';
const NEW_FORUM = 'Samverkan Midsommarkransen';
const NEW_ACTIVITY = 'Skolprogram om demokrati i årskurs 8';

function testDistrict(): DistrictConfig {
  const district = playgroundDistrict({ teamId: playgroundConfig.team.id, chair: { aadObjectId: ALI.aadObjectId, name: ALI.name, userId: ALI.id }, today: TODAY });
  const chair = { aadObjectId: SARA.aadObjectId, name: SARA.name, userId: SARA.id };
  const forum = (name: string, nextMeetingOn: string, leadWorkingDays: number) => ({
    id: name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z]+/g, '-'),
    name,
    chair,
    cadence: 'biweekly' as const,
    nextMeetingOn,
    time: name === MET_TODAY ? '08:00' : '13:00',
    leadWorkingDays,
  });
  district.forums.push(...Object.values(NUDGED).map((name) => forum(name, MEETING_DAY, LEAD_DAYS)), forum(MET_TODAY, TODAY, 1));
  return district;
}

let stack: PlaygroundStack | undefined;
let browser: Browser | undefined;
let page: Page;
/** "template action" for every press that did what the catalogue says. */
const pressed = new Set<string>();

const watchdog = setTimeout(() => {
  process.stderr.write(`browser test: still running after ${WATCHDOG_MS / 1000} s; stopping the browser, bot and playground\n`);
  void browser?.close();
  void stack?.stop();
}, WATCHDOG_MS);
watchdog.unref();

async function shot(name: string, target?: Locator): Promise<void> {
  await target?.scrollIntoViewIfNeeded().catch(() => undefined);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Cards showing `text` (case-sensitive: "Resultat" is not the admin card's "Visa resultat"). */
const cards = (text: string | RegExp) =>
  page.locator(CARD).filter({ hasText: typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text });

async function openChat(name: 'Personal Chat' | 'Samordnare'): Promise<void> {
  await page.getByRole('treeitem', { name: name === 'Personal Chat' ? name : /Samordnare$/ }).click();
}

/** Types a message in the personal chat. */
async function say(text: string): Promise<void> {
  const composer = page.locator(COMPOSER).last();
  await composer.click();
  await composer.pressSequentially(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/** Waits until one more card than `before` shows `text`; returns the newest. */
async function newCard(text: string | RegExp, before: number, timeout = BOT_ANSWER_MS): Promise<Locator> {
  await expect.poll(() => cards(text).count(), { timeout }).toBeGreaterThan(before);
  return cards(text).last();
}

/** The bot's log since `mark` has a line for this event (and verb). */
async function botLogged(mark: number, event: string, verb?: string): Promise<void> {
  const wanted = `"event":"${event}"${verb ? `,"verb":"${verb}"` : ''}`;
  await expect.poll(() => stack!.output().slice(mark).includes(wanted), { timeout: BOT_ANSWER_MS, message: `bot log: ${wanted}` }).toBe(true);
}

/** Every button of the card is one the catalogue has for its template. */
async function expectKnownButtons(card: Locator, template: string): Promise<void> {
  const known = Object.values(CARD_CATALOGUE[template]!.actions).map((action) => action.title);
  // Every Adaptive Card action renders as .ac-pushButton (an OpenUrl as role=link); the pickers' own buttons do not.
  const titles = (await card.locator('.ac-pushButton').allInnerTexts()).map((title) => title.trim());
  const unknown = titles.filter((title) => !known.some((entry) => (typeof entry === 'string' ? entry === title : entry.test(title))));
  expect(unknown, `buttons on the ${template} card without a catalogue entry`).toEqual([]);
}

/**
 * Presses one catalogue action on `card` (the button inside `within`, when a card has several
 * with that title) and returns the card it brought. A verb must reach the bot and be answered
 * with one more card showing the expected text (the playground re-renders a card answered by
 * Action.Execute in the same element, so a new element cannot be told from the old one).
 */
async function press(card: Locator, template: string, action: string, within: Locator = card): Promise<Locator> {
  const entry = CARD_CATALOGUE[template]?.actions[action];
  if (!entry) throw new Error(`no catalogue entry for ${template} ${action}`);
  await expectKnownButtons(card, template);
  const mark = stack!.output().length;
  const button = within.getByRole(action.startsWith('Action.OpenUrl') ? 'link' : 'button', { name: entry.title, exact: typeof entry.title === 'string' });
  let answer: Locator;
  if (action.startsWith('Action.ShowCard')) {
    await button.click();
    answer = card.getByText(entry.shows, { exact: typeof entry.shows === 'string' }).first();
    await answer.waitFor();
  } else if (action.startsWith('Action.OpenUrl')) {
    // The playground opens the link in a new window; offline, a stand-in page answers for Teams.
    await page.context().route('https://teams.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Teams</title>' }));
    const popup = page.context().waitForEvent('page');
    await button.click();
    const opened = await popup;
    await opened.waitForLoadState();
    expect(opened.url()).toMatch(entry.shows);
    await opened.close();
    answer = card;
  } else {
    const before = await cards(entry.shows).count();
    const alreadyShown = (await card.filter({ hasText: entry.shows }).count()) > 0;
    await button.click();
    await botLogged(mark, 'card_action.done', action);
    if (alreadyShown) {
      // A card that answers with itself (a refresh): the invoke's answer has gone back, and the card still says it.
      await expect.poll(() => stack!.output().slice(mark).includes('"event":"turn.done","activityType":"invoke"'), { timeout: BOT_ANSWER_MS }).toBe(true);
      await expect.poll(() => cards(entry.shows).count()).toBe(before);
      answer = cards(entry.shows).last();
    } else {
      answer = await newCard(entry.shows, before);
    }
  }
  pressed.add(`${template} ${action}`);
  return answer;
}

/** A compact Input.ChoiceSet or the people picker: a combobox with a listbox of options. */
async function choose(card: Locator, field: string | RegExp, option: string): Promise<void> {
  await card.getByRole('combobox', { name: field }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** An Input.Date or Input.Time: the playground's pickers take typed text. */
async function type(card: Locator, field: string | RegExp, value: string): Promise<void> {
  const input = card.getByRole('combobox', { name: field });
  await input.fill(value);
  await input.press('Tab');
}

/** English day labels of the playground's date picker, e.g. "27, November, 2026". */
function dayLabel(daysAgo: number): string {
  const day = new Date(Date.now() - daysAgo * 86_400_000);
  const part = (options: Intl.DateTimeFormatOptions) => day.toLocaleString('en-US', { timeZone: 'Europe/Stockholm', ...options });
  return `${part({ day: 'numeric' })}, ${part({ month: 'long' })}, ${part({ year: 'numeric' })}`;
}

const cf = sv.concernForm;
/** The report's free text: in the receipt's and post's place it never shows, only behind Visa rapporten. */
const DESCRIPTION = 'Nytt klotter med extremistiska symboler vid tunnelbanan.';
const CHOSEN = [
  [cf.environment, sv.options.environments.unclear],
  [cf.placeType, sv.options.placeTypes.public_space],
  [cf.area, 'Aspudden'],
  [cf.unit, 'Enheten för ung fritid'],
] as const;

/** Fills in every required field of the concern form, with consent to be contacted; returns the date as the picker shows it. */
async function fillConcernForm(card: Locator, description: string): Promise<string> {
  // Yesterday by the calendar (today when yesterday is not on the page shown).
  await card.getByRole('combobox', { name: new RegExp(cf.eventDate) }).click();
  const day = page.getByRole('button', { name: dayLabel(1), exact: true });
  await ((await day.count()) > 0 ? day : page.getByRole('button', { name: dayLabel(0), exact: true })).click();
  await card.getByRole('checkbox', { name: sv.options.eventTypes.graffiti }).check();
  for (const [field, option] of CHOSEN) await choose(card, new RegExp(field), option);
  await card.getByRole('textbox', { name: new RegExp(cf.description) }).fill(description);
  // The yes/no questions have no accessible name: by value, in card order (police, orosanmälan, IA).
  await card.locator('input[type=radio][value=no]').nth(0).check();
  await card.locator('input[type=radio][value=not_applicable]').nth(0).check();
  await card.locator('input[type=radio][value=not_applicable]').nth(1).check();
  await card.getByRole('checkbox', { name: cf.contactMeYes }).check();
  const date = await card.getByRole('combobox', { name: new RegExp(cf.eventDate) }).inputValue();
  expect(date).not.toBe('');
  return date;
}

/** Answers every required survey question: my unit, "no" wherever it can be said, the first value elsewhere, no training need. */
async function fillSurvey(card: Locator): Promise<void> {
  await choose(card, new RegExp(sv.survey.questions.q_unit), 'Enheten för ung fritid');
  // One round trip for the dozen radio groups (a click per radio is slow on a busy machine).
  type Radio = { name: string; value: string; click(): void }; // an HTMLInputElement (no DOM types here)
  const checked = await card.locator('input[type=radio]').evaluateAll((radios) => {
    const groups = new Map<string, Radio[]>();
    for (const radio of radios as unknown as Radio[]) groups.set(radio.name, [...(groups.get(radio.name) ?? []), radio]);
    for (const group of groups.values()) (group.find((radio) => radio.value === 'no') ?? group[0])!.click();
    return groups.size;
  });
  expect(checked).toBeGreaterThan(5);
  await card.getByRole('checkbox', { name: sv.survey.options.none }).check();
}

/** Sends an activity as another user through "Mock an Activity › Custom activity". */
async function sendAs(user: PlaygroundUser, activity: Record<string, unknown>): Promise<void> {
  await page.getByRole('button', { name: 'Mock an Activity' }).click();
  await page.getByRole('menuitem', { name: 'Custom activity' }).click();
  await page.locator('.monaco-editor').waitFor();
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  const full = {
    id: `as-${user.id}-${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: `${stack!.url}/_connector`,
    recipient: { id: playgroundConfig.bot.id, name: playgroundConfig.bot.name },
    conversation: { id: playgroundConfig.personalChat.id, conversationType: 'personal', tenantId: playgroundConfig.tenantId },
    from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
    ...activity,
  };
  await page.keyboard.insertText(JSON.stringify(full));
  await page.getByRole('button', { name: 'Send activity' }).click();
}

describe('every button of every card, in the Agents Playground', () => {
  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    // Both at once; whichever of them started is stopped by afterAll, also when the other failed.
    const [started, launched] = await Promise.allSettled([
      startPlaygroundStack({ artifactsDir: ARTIFACTS, timeoutMs: STACK_TIMEOUT_MS, playgroundPort: Number(process.env.PLAYGROUND_PORT || 56150), district: testDistrict() }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        timeout: 30_000,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      }),
    ]);
    if (started.status === 'fulfilled') stack = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const result of [started, launched]) if (result.status === 'rejected') throw result.reason;
    const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US', timezoneId: 'Europe/Stockholm' });
    page = await context.newPage();
    page.setDefaultTimeout(BOT_ANSWER_MS);
    await page.goto(stack!.url, { waitUntil: 'networkidle' });
  });

  afterEach(async ({ task }) => {
    if ((task.result?.errors?.length ?? 0) > 0 && page) await shot(`failure-${task.name.split(' ')[0]}`).catch(() => undefined);
  });

  afterAll(async () => {
    clearTimeout(watchdog);
    await browser?.close();
    await stack?.stop();
  });

  it('binds the coordinators\' channel: "koppla kanal" with an @mention in Samordnare', async () => {
    await openChat('Samordnare');
    const composer = page.locator(COMPOSER).last();
    await composer.click();
    await composer.pressSequentially('@VBE');
    await page.getByRole('menuitem', { name: playgroundConfig.bot.name }).click();
    await composer.pressSequentially(' koppla kanal');
    await page.getByRole('button', { name: 'Post' }).click();
    await page.getByText(sv.channel.bound).first().waitFor();
  });

  it('welcome and routine (staff): Visa rutinen, Fyll i blanketten on both; hjälp', async () => {
    await openChat('Personal Chat');
    const welcome = cards(sv.welcome.title).last();
    await welcome.waitFor();
    await shot('welcome', welcome);
    const routine = await press(welcome, 'welcome', 'routine.open');
    await shot('routine', routine);
    await press(welcome, 'welcome', 'concern.open');
    await press(routine, 'routine', 'concern.open');
    let before = await cards(sv.help.title).count();
    await say('hjälp');
    const help = await newCard(sv.help.title, before);
    await shot('help', help);
    await expectKnownButtons(help, 'help');
    before = await cards(sv.help.notSent).count();
    await say('Hej! Jag såg något konstigt på skolgården idag');
    const unknown = await newCard(sv.help.notSent, before);
    await shot('help-unknown-text', unknown);
    await press(unknown, 'help', 'concern.open');
  });

  it('concern form (staff): a personnummer is refused with every value kept, then the report goes in', async () => {
    const forms = await cards(cf.title).count();
    const form = cards(cf.title).last();
    const date = await fillConcernForm(form, `Eleven med personnummer ${PERSONNUMMER} visade en hakkorsflagga på rasten.`);
    const mark = stack!.output().length;
    await form.getByRole('button', { name: cf.submit }).click();
    await botLogged(mark, 'card_action.done', 'concern.submit');
    const refused = cards(cf.formHasErrors).last();
    await refused.waitFor();
    await shot('concern-form-refused', refused.getByText(PERSONNUMMER_FOUND));
    await expect(refused.getByText(PERSONNUMMER_FOUND).count()).resolves.toBe(1);
    await expect(refused.getByRole('checkbox', { name: sv.options.eventTypes.graffiti }).isChecked()).resolves.toBe(true);
    for (const [field, option] of CHOSEN) await expect(refused.getByRole('combobox', { name: new RegExp(field) }).inputValue()).resolves.toBe(option);
    await expect(refused.getByRole('combobox', { name: new RegExp(cf.eventDate) }).inputValue()).resolves.toBe(date);
    await expect(refused.locator('input[type=radio][value=no]').nth(0).isChecked()).resolves.toBe(true);
    await expect(refused.getByRole('checkbox', { name: cf.contactMeYes }).isChecked()).resolves.toBe(true);

    await refused.getByRole('textbox', { name: new RegExp(cf.description) }).fill(DESCRIPTION);
    const receipt = await press(refused, 'concern-form', 'concern.submit');
    await shot('concern-receipt', receipt);
    const text = await receipt.innerText();
    expect(text).toMatch(/VBE-\d{4}-\d{4}/);
    expect(text).not.toContain(DESCRIPTION);
    expect(text).toContain('Aspudden');
    expect(text).toContain('Enheten för ung fritid');
    await expect.poll(() => cards(cf.title).count()).toBe(forms - 1); // the receipt replaced the form
  });

  it('channel post (coordinator): Kontakta rapportören, Visa rapporten and back, every case step to Avslutad and reopened', async () => {
    await openChat('Samordnare');
    const post = await newCard(/^Rapport VBE-\d{4}-\d{4}/, 0);
    await shot('concern-channel-post', post);
    // No free text in the channel: the description typed into the form is only behind Visa rapporten.
    expect(await post.innerText()).not.toContain(DESCRIPTION);
    await press(post, 'concern-channel-post', 'Action.OpenUrl contactReporter');
    const view = await press(post, 'concern-channel-post', 'concern.view');
    await shot('concern-report-view', view);
    expect(await view.innerText()).toContain(DESCRIPTION);
    await press(view, 'concern-report', 'concern.back');
    const received = await press(post, 'concern-channel-post', 'concern.acknowledge');
    const assessing = await press(received, 'concern-channel-post', 'concern.assess');
    await press(assessing, 'concern-channel-post', 'Action.ShowCard close');
    // The Fluent radio's input sits under its styled circle: checked as a person's click on it does.
    await assessing.getByRole('radio', { name: sv.case.outcomes.unit_support }).check({ force: true });
    await assessing.getByRole('textbox', { name: sv.case.note }).fill('Enheten fick stöd i samtalet med vårdnadshavare.');
    const closed = await press(assessing, 'concern-channel-post', 'concern.close');
    await shot('concern-channel-post-closed', closed);
    expect(await closed.innerText()).toContain(sv.case.outcomes.unit_support);
    const reopened = await press(closed, 'concern-channel-post', 'concern.reopen');
    await expect(reopened.getByRole('button', { name: sv.case.buttons.close }).count()).resolves.toBe(1);
  });

  it('follow-up (reporter, coordinator): add information from the receipt, a question answered and one declined', async () => {
    const fu = sv.followUp;
    await openChat('Personal Chat');
    const receipt = cards(sv.receipt.title).last();
    const reference = /VBE-\d{4}-\d{4}/.exec(await receipt.innerText())![0];
    // The receipt's button: the form takes its place; once sent, the card offers to add more.
    const addForm = await press(receipt, 'concern-receipt', 'followup.add.open');
    await addForm.getByRole('textbox', { name: new RegExp(fu.add.addition) }).fill('Det har hänt en gång till i dag.');
    const added = await press(addForm, 'followup-add', 'followup.add');
    await shot('followup-added', added);
    await press(added, 'followup-done', 'followup.add.open');
    // Sara is the coordinator too. The first question comes as the Action.Submit that "Fråga
    // rapportören"'s fallback sends, where the form comes as a new message in her chat; the second is
    // asked with the button on the channel post (the form takes the post's place for her alone).
    for (const [question, verb] of [['Vilken tid på dagen var det?', 'followup.answer'], ['Hur många var de?', 'followup.decline']] as const) {
      // Counted in the reporter's chat (open now), by the reporter's card title (the form's box holds the question too).
      const questions = await cards(fu.question.title(reference)).count();
      let ask: Locator;
      if (verb === 'followup.decline') {
        await openChat('Samordnare');
        ask = await press(cards(new RegExp(`^Rapport ${reference}`)).last(), 'concern-channel-post', 'followup.ask.open');
      } else {
        const asks = await cards(fu.ask.title(reference)).count();
        await sendAs(SARA, { type: 'message', value: { verb: 'followup.ask.open', reference } });
        ask = await newCard(fu.ask.title(reference), asks);
      }
      await ask.getByRole('textbox', { name: new RegExp(fu.ask.question) }).fill(question);
      await shot('followup-ask', ask);
      await press(ask, 'followup-ask', 'followup.ask');
      // Back to the reporter's chat from the channel (opening the chat already open draws it anew).
      if (verb === 'followup.decline') await openChat('Personal Chat');
      const asked = await newCard(fu.question.title(reference), questions);
      await shot(`followup-question-${verb}`, asked);
      expect(await asked.innerText()).toContain(question);
      if (verb === 'followup.answer') await asked.getByRole('textbox', { name: new RegExp(fu.question.answer) }).fill('Vid lunch.');
      await press(asked, 'followup-question', verb);
    }
  });

  it('survey (coordinator, then invited staff): create, start, invitation and reminder, status, answer, close, results', async () => {
    await openChat('Personal Chat');
    const admin = sv.survey.admin;
    let before = await cards(admin.title).count();
    await say('enkät admin');
    const empty = await newCard(admin.title, before);
    const fillRound = async (card: Locator) => {
      await type(card, new RegExp(admin.opensOn), TODAY);
      await type(card, new RegExp(admin.closesOn), SURVEY_CLOSES);
      await card.getByRole('checkbox', { name: 'Enheten för ung fritid' }).check();
      await card.getByRole('textbox', { name: new RegExp(admin.reminderDays) }).fill(String(SURVEY_REMINDER_DAYS));
    };
    await fillRound(empty);
    const draft = await press(empty, 'survey-admin', 'survey.create');
    // A draft can be changed, and removed, before it starts.
    const editing = await press(draft, 'survey-admin', 'survey.edit');
    await shot('survey-admin-editing', editing);
    const edited = await press(editing, 'survey-admin', 'survey.update');
    await press(edited, 'survey-admin', 'Action.ShowCard ${$root.t.remove}');
    const removed = await press(edited, 'survey-admin', 'survey.delete');
    await fillRound(removed);
    const created = await press(removed, 'survey-admin', 'survey.create');
    await shot('survey-admin-created', created);

    const invitations = await cards(sv.survey.title).count();
    const started = await press(created, 'survey-admin', 'survey.start');
    // Everyone in the playground's team: the roster comes from the playground's pagedmembers.
    expect(await started.innerText()).toContain(admin.started(1 + playgroundConfig.users.length));
    await newCard(sv.survey.title, invitations);
    const invitation = cards(sv.survey.title).nth(invitations);
    await shot('survey-invitation', invitation);
    const reminded = JSON.parse(await stack!.cli(['jobs', 'run', 'survey-reminders', '--now', atOfficeHours(SURVEY_REMINDER_DAY)])) as { reminded?: number };
    expect(reminded.reminded).toBe(1 + playgroundConfig.users.length);
    await newCard(sv.survey.title, invitations + 1);
    const reminder = cards(/Påminnelse: du har inte svarat ännu/).last();
    await shot('survey-reminder', reminder);

    const status = await press(started, 'survey-admin', 'survey.status');
    await shot('survey-status', status);
    expect(await status.innerText()).toContain('Enheten för ung fritid');
    await press(status, 'survey-status', 'survey.status');

    await fillSurvey(reminder);
    await shot('survey-filled', reminder.getByRole('button', { name: sv.survey.submit }));
    await shot('survey-thanks', await press(reminder, 'survey', 'survey.submit'));
    // Answered through the reminder: the survey is not offered again.
    await say('enkät');
    await page.getByText(sv.survey.alreadyAnswered).first().waitFor();

    before = await cards(admin.title).count();
    await say('enkät admin');
    const open = await newCard(admin.title, before);
    const closed = await press(open, 'survey-admin', 'survey.close');
    const results = await press(closed, 'survey-admin', 'survey.results');
    await shot('survey-results', results);
    expect(await results.innerText()).toContain(sv.survey.results.tooFew(5));
  });

  it('forum registry (coordinator): add a forum with Sara as chair, edit it, remove it', async () => {
    const before = await cards(sv.forum.registry.title).count();
    await say('forum');
    const registry = await newCard(sv.forum.registry.title, before);
    const r = sv.forum.registry;
    await registry.getByRole('textbox', { name: new RegExp(r.name) }).fill(NEW_FORUM);
    const picker = registry.getByRole('combobox', { name: 'People Picker' });
    await picker.click();
    await picker.pressSequentially('Sara');
    await page.getByRole('option', { name: new RegExp(SARA.name) }).click();
    await choose(registry, new RegExp(r.cadence), sv.forum.cadences.biweekly);
    await type(registry, new RegExp(r.nextMeetingOn), addDays(TODAY, 30));
    await type(registry, new RegExp(r.time), '13:00');
    await shot('forum-registry-filled', registry.getByRole('button', { name: r.save }));
    const saved = await press(registry, 'forum-registry', 'forum.save');
    await shot('forum-registry-saved', saved.getByText(NEW_FORUM, { exact: true }));
    const entry = (card: Locator) => card.locator('.ac-container').filter({ has: page.getByText(NEW_FORUM, { exact: true }) }).last();
    const editing = await press(saved, 'forum-registry', 'forum.edit', entry(saved));
    expect(await editing.getByRole('textbox', { name: new RegExp(r.name) }).inputValue()).toBe(NEW_FORUM);
    await type(editing, new RegExp(r.time), '14:00');
    const edited = await press(editing, 'forum-registry', 'forum.save');
    expect(await entry(edited).innerText()).toContain('kl. 14:00');
    await press(edited, 'forum-registry', 'Action.ShowCard ${$root.t.remove}', entry(edited));
    const removed = await press(edited, 'forum-registry', 'forum.remove', entry(edited));
    await expect(removed.getByText(NEW_FORUM, { exact: true }).count()).resolves.toBe(0);
  });

  it('activities (coordinator, then the responsible person): add one with Sara responsible, edit it, answer its follow-up, retire it', async () => {
    const a = sv.activity.registry;
    const before = await cards(a.title).count();
    await say('aktiviteter');
    const registry = await newCard(a.title, before);
    await registry.getByRole('textbox', { name: new RegExp(`^${a.titleLabel}`) }).fill(NEW_ACTIVITY);
    await choose(registry, new RegExp(a.category), sv.activity.categories.preventive);
    await registry.getByRole('textbox', { name: a.responsibleRole }).fill('Enhetschef Enheten för ung fritid');
    const picker = registry.getByRole('combobox', { name: 'People Picker' });
    await picker.click();
    await picker.pressSequentially('Sara');
    await page.getByRole('option', { name: new RegExp(SARA.name) }).click();
    await choose(registry, new RegExp(a.scheduleKind), sv.activity.schedules.ongoing);
    const saved = await press(registry, 'activity-registry', 'activity.save');
    await shot('activity-registry-saved', saved);
    const entry = (card: Locator) => card.locator('.ac-container').filter({ has: page.getByText(NEW_ACTIVITY, { exact: true }) }).last();
    expect(await entry(saved).innerText()).toContain(SARA.name);
    const editing = await press(saved, 'activity-registry', 'activity.edit', entry(saved));
    await editing.getByRole('textbox', { name: a.responsibleRole }).fill('Enhetschef och bitr. enhetschef, Enheten för ung fritid');
    const edited = await press(editing, 'activity-registry', 'activity.save');
    expect(await entry(edited).innerText()).toContain('bitr. enhetschef');
    // Sara is named for it: the follow-up card she would get in November opens on demand.
    const followUp = await press(edited, 'activity-registry', 'activity.followup.open', entry(edited));
    await followUp.getByRole('radio', { name: sv.activity.statuses.on_track }).check({ force: true });
    await followUp.getByRole('textbox', { name: new RegExp(`^${sv.activity.followUp.whatWasDone.slice(0, 20)}`) }).fill('Två skolprogram under hösten.');
    await shot('activity-followup', followUp);
    await press(followUp, 'activity-followup', 'activity.followup.answer');
    const lists = await cards(a.title).count();
    await say('aktiviteter');
    const answered = await newCard(a.title, lists);
    expect(await entry(answered).innerText()).toContain(sv.activity.statuses.on_track);
    await press(answered, 'activity-registry', 'Action.ShowCard ${$root.t.retire}', entry(answered));
    const retired = await press(answered, 'activity-registry', 'activity.retire', entry(answered));
    await shot('activity-registry-retired', retired);
    expect(await retired.innerText()).toContain(a.retiredHeading);
  });

  it('refuses a coordinator\'s card action from staff: Lars (Custom activity) cannot remove a forum', async () => {
    const mark = stack!.output().length;
    await sendAs(LARS, { type: 'message', value: { verb: 'forum.remove', forumId: 'forum-playground-sspf' } });
    await botLogged(mark, 'card_action.forbidden', 'forum.remove');
    await page.getByText(sv.errors.forbidden).first().waitFor();
    await shot('refused-as-lars');
  });

  it('nudges and follow-up (chair): every answer to a nudge, and the follow-up that reaches the channel', async () => {
    const n = sv.forum.nudge;
    const nudges = await cards(/Sätt våldsbejakande extremism på dagordningen/).count();
    const followups = await cards(/Uppföljning: /).count();
    const ran = JSON.parse(await stack!.cli(['jobs', 'run', 'nudges', '--now', atOfficeHours(NUDGE_DAY)])) as { nudges?: number; followups?: number };
    expect(ran.nudges).toBeGreaterThanOrEqual(Object.keys(NUDGED).length);
    await expect.poll(() => cards(/Sätt våldsbejakande extremism på dagordningen/).count(), { timeout: BOT_ANSWER_MS }).toBe(nudges + Object.keys(NUDGED).length);
    const nudge = (forum: string) => cards(new RegExp(`${forum} möts`)).last();
    await shot('forum-nudge', nudge(NUDGED.confirm));

    await shot('forum-nudge-confirmed', await press(nudge(NUDGED.confirm), 'forum-nudge', 'agenda.confirm'));
    await press(nudge(NUDGED.snooze), 'forum-nudge', 'agenda.snooze');

    const skip = nudge(NUDGED.skip);
    await press(skip, 'forum-nudge', 'Action.ShowCard ${t.skip}');
    await skip.getByRole('textbox', { name: new RegExp(n.skipReason) }).fill(`Eleven ${PERSONNUMMER} är redan aktuell.`);
    await skip.getByRole('button', { name: n.skipSend }).click();
    await skip.getByText(PERSONNUMMER_FOUND).waitFor(); // the card again, with the reason refused
    await shot('forum-nudge-skip-refused', skip.getByText(PERSONNUMMER_FOUND));
    await press(skip, 'forum-nudge', 'Action.ShowCard ${t.skip}');
    await skip.getByRole('textbox', { name: new RegExp(n.skipReason) }).fill('Vi hade temat förra mötet.');
    await press(skip, 'forum-nudge', 'agenda.skip');

    const move = nudge(NUDGED.move);
    await press(move, 'forum-nudge', 'Action.ShowCard ${t.move}');
    await type(move, new RegExp(n.newDate), addDays(MEETING_DAY, 7));
    await type(move, new RegExp(n.newTime), '14:00');
    await shot('forum-nudge-move', move.getByRole('button', { name: n.moveSend }));
    await press(move, 'forum-nudge', 'meeting.move');
    const cancel = nudge(NUDGED.cancel);
    await press(cancel, 'forum-nudge', 'Action.ShowCard ${t.cancel}');
    await press(cancel, 'forum-nudge', 'meeting.cancel');

    const followup = await newCard(new RegExp(`Uppföljning: ${MET_TODAY}`), followups);
    await followup.locator('input[type=radio][value=yes]').check();
    await followup.getByRole('textbox', { name: /Något samordnaren bör veta/ }).fill('Bra samtal om läget på skolgården.');
    await shot('forum-followup', followup);
    await press(followup, 'forum-followup', 'meeting.followup');
    await openChat('Samordnare');
    await shot('forum-followup-post', await newCard(`Uppföljning från ${MET_TODAY}`, 0));
  });

  it('digest (coordinator): "sammanfattning" for this month posts it in the channel', async () => {
    const month = TODAY.slice(0, 7);
    const title = sv.digest.title(new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`)));
    const digests = await cards(title).count();
    await openChat('Personal Chat');
    await say(`sammanfattning ${month}`);
    await page.getByText(sv.channel.digestQueued(month)).first().waitFor();
    await openChat('Samordnare');
    const digest = await newCard(title, digests);
    await shot('digest', digest);
    expect(await digest.innerText()).toContain('Aspudden'); // this month's report
  });

  it('lägesbild (coordinator): "lägesbild ÅÅÅÅ" in the personal chat, and the link downloads the Word document once', async () => {
    const year = TODAY.slice(0, 4);
    const title = sv.lagesbild.card.title(Number(year));
    const before = await cards(title).count();
    await openChat('Personal Chat');
    await say(`lägesbild ${year}`);
    const card = await newCard(title, before);
    await shot('lagesbild', card);
    await expectKnownButtons(card, 'lagesbild');
    const entry = CARD_CATALOGUE.lagesbild!.actions['Action.OpenUrl download']!;
    // The new window turns into a download and closes itself; the request it makes is watched on
    // its way to the bot (route.fetch sends it on unchanged).
    let served: { url: string; status: number; disposition?: string } | undefined;
    await page.context().route(entry.shows as RegExp, async (route) => {
      const response = await route.fetch();
      served = { url: route.request().url(), status: response.status(), disposition: response.headers()['content-disposition'] };
      await route.fulfill({ response });
    });
    const popup = page.context().waitForEvent('page');
    await card.getByRole('link', { name: entry.title }).click();
    await popup;
    await expect.poll(() => served, { timeout: BOT_ANSWER_MS }).toBeDefined();
    await page.context().unroute(entry.shows as RegExp);
    expect(served!.status).toBe(200);
    expect(served!.disposition).toBe(`attachment; filename="lagesbild-${year}.docx"`);
    // Once: the same link now answers the page that says so.
    const again = await fetch(served!.url);
    expect(again.status).toBe(404);
    pressed.add('lagesbild Action.OpenUrl download');
  });

  it('pressed every action of the catalogue', () => {
    expect([...pressed].sort()).toEqual(catalogueActions());
  });
});
