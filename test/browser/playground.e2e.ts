/**
 * Browser end-to-end test: a person files a concern report in the Microsoft 365 Agents Playground,
 * driven through Debian's chromium with playwright-core. `npm run test:browser` (own vitest config,
 * vitest.browser.config.mts; `npm test` does not run it, `.ci/run` does, after `npm test`).
 *
 * It starts the bot and the playground itself (scripts/playground.ts, fresh data, a free bot port,
 * the playground on 56150, or another port when that one is taken) and stops them afterwards,
 * also on failure.
 * Screenshots and logs go to test-artifacts/browser/ (git-ignored).
 *
 * Environment: CHROMIUM_PATH (/usr/bin/chromium), PLAYGROUND_PORT (56150).
 * Selectors are those of @microsoft/m365agentsplayground 0.2.28 (docs/playground.md).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths';
import { startPlaygroundStack, type PlaygroundStack } from './playground-stack';

const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts', 'browser');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STACK_TIMEOUT_MS = 90_000;
const BOT_ANSWER_MS = 20_000;
/** Nothing of this file may run longer than this, whatever hangs. */
const WATCHDOG_MS = 170_000;

const CARD = '.ac-adaptiveCard';
const COMPOSER = '[contenteditable="true"][role="textbox"]'; // the playground's Lexical editor
const FORM_TITLE = 'Blankett för avidentifierad information';
const SUBMIT = 'Skicka till samordnaren';
const RECEIPT_TITLE = 'Tack – din rapport är skickad';
const FORM_HAS_ERRORS = 'Blanketten skickades inte. Rätta det som är markerat nedan – allt du skrivit finns kvar.';
const PERSONNUMMER_FOUND = 'Texten verkar innehålla uppgifter som kan identifiera en person (personnummer).';
// 19121212-1212: a personnummer with a correct check digit (Luhn), which the detector must catch.
const DESCRIPTION_WITH_PERSONNUMMER = 'Eleven med personnummer 19121212-1212 visade en hakkorsflagga på rasten.';

let stack: PlaygroundStack | undefined;
let browser: Browser | undefined;

const watchdog = setTimeout(() => {
  process.stderr.write(`browser test: still running after ${WATCHDOG_MS / 1000} s; stopping the browser, bot and playground\n`);
  void browser?.close();
  void stack?.stop();
}, WATCHDOG_MS);
watchdog.unref();

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** A fresh page on the playground, in the personal chat, with the concern form asked for. */
async function openConcernForm(shotPrefix: string): Promise<{ page: Page; card: Locator }> {
  if (!browser || !stack) throw new Error('the browser or the playground did not start');
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  page.setDefaultTimeout(BOT_ANSWER_MS);
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `${shotPrefix}-failure`).catch(() => undefined);
    await context.close();
  });
  await page.goto(stack.url, { waitUntil: 'networkidle' });
  await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
  const composer = page.locator(COMPOSER).last();
  await composer.click();
  await composer.pressSequentially('rapportera');
  await page.getByRole('button', { name: 'Send Message' }).click();
  const card = page.locator(CARD).filter({ hasText: FORM_TITLE }).last();
  await card.waitFor();
  return { page, card };
}

/** English day labels of the playground's date picker, e.g. "27, November, 2026". */
function dayLabel(daysAgo: number): string {
  const day = new Date(Date.now() - daysAgo * 86_400_000);
  const [year, month, date] = [
    day.toLocaleString('en-US', { timeZone: 'Europe/Stockholm', year: 'numeric' }),
    day.toLocaleString('en-US', { timeZone: 'Europe/Stockholm', month: 'long' }),
    day.toLocaleString('en-US', { timeZone: 'Europe/Stockholm', day: 'numeric' }),
  ];
  return `${date}, ${month}, ${year}`;
}

/** Picks yesterday in the Input.Date picker (today when yesterday is not on the page shown). */
async function pickRecentDay(page: Page, card: Locator): Promise<void> {
  await card.getByRole('combobox', { name: /Datum för händelsen/ }).click();
  for (const label of [dayLabel(1), dayLabel(0)]) {
    const button = page.getByRole('button', { name: label, exact: true });
    if ((await button.count()) > 0) return button.click();
  }
  throw new Error(`no day button ${dayLabel(1)} or ${dayLabel(0)} in the date picker`);
}

/** A compact Input.ChoiceSet: a combobox with a listbox of options. */
async function choose(page: Page, card: Locator, field: RegExp, option: string): Promise<void> {
  await card.getByRole('combobox', { name: field }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const CHOSEN = [
  [/Vilken miljö/, 'Oklart/annat'],
  [/Typ av plats/, 'Offentlig miljö'],
  [/Område/, 'Aspudden'],
  [/Din enhet/, 'Enheten för ung fritid'],
] as const;

/** Fills in every required field; returns the date as the picker shows it. */
async function fillConcernForm(page: Page, card: Locator, description: string): Promise<string> {
  await pickRecentDay(page, card);
  await card.getByRole('checkbox', { name: 'Klotter' }).check();
  for (const [field, option] of CHOSEN) await choose(page, card, field, option);
  await card.getByRole('textbox', { name: /Beskriv/ }).fill(description);
  // The yes/no questions have no accessible name: by value, in card order (police, orosanmälan, IA).
  await card.locator('input[type=radio][value=no]').nth(0).check();
  await card.locator('input[type=radio][value=not_applicable]').nth(0).check();
  await card.locator('input[type=radio][value=not_applicable]').nth(1).check();
  const date = await card.getByRole('combobox', { name: /Datum för händelsen/ }).inputValue();
  expect(date).not.toBe('');
  return date;
}

describe('the concern form in the Agents Playground', () => {
  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    // Both at once; whichever of them started is stopped by afterAll, also when the other failed.
    const [started, launched] = await Promise.allSettled([
      startPlaygroundStack({ artifactsDir: ARTIFACTS, timeoutMs: STACK_TIMEOUT_MS, playgroundPort: Number(process.env.PLAYGROUND_PORT || 56150) }),
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
  });

  afterAll(async () => {
    clearTimeout(watchdog);
    await browser?.close();
    await stack?.stop();
  });

  it('files a report: rapportera, fill in the card, send, see the receipt with a reference', async () => {
    const { page, card } = await openConcernForm('report');
    await fillConcernForm(page, card, 'Nytt klotter med extremistiska symboler vid tunnelbanan.');
    await shot(page, 'report-1-filled');

    await card.getByRole('button', { name: SUBMIT }).click();
    const receipt = page.locator(CARD).filter({ hasText: RECEIPT_TITLE }).last();
    await receipt.waitFor();
    await receipt.scrollIntoViewIfNeeded();
    await shot(page, 'report-2-receipt');

    const text = await receipt.innerText();
    expect(text).toMatch(/VBE-\d{4}-\d{4}/);
    expect(text).toContain('Aspudden');
    expect(text).toContain('Enheten för ung fritid');
    // The receipt replaced the form.
    await expect.poll(() => page.locator(CARD).filter({ hasText: FORM_TITLE }).count()).toBe(0);
  });

  it('refuses a personnummer in the description and keeps every other value', async () => {
    const { page, card } = await openConcernForm('personnummer');
    const date = await fillConcernForm(page, card, DESCRIPTION_WITH_PERSONNUMMER);
    await card.getByRole('button', { name: SUBMIT }).click();

    const refused = page.locator(CARD).filter({ hasText: FORM_HAS_ERRORS }).last();
    await refused.waitFor();
    await refused.getByText(PERSONNUMMER_FOUND).scrollIntoViewIfNeeded();
    await shot(page, 'personnummer-1-refused');

    await expect(refused.getByText(PERSONNUMMER_FOUND).count()).resolves.toBe(1);
    await expect(refused.getByRole('textbox', { name: /Beskriv/ }).inputValue()).resolves.toBe(DESCRIPTION_WITH_PERSONNUMMER);
    await expect(refused.getByRole('checkbox', { name: 'Klotter' }).isChecked()).resolves.toBe(true);
    for (const [field, option] of CHOSEN) {
      await expect(refused.getByRole('combobox', { name: field }).inputValue()).resolves.toBe(option);
    }
    await expect(refused.getByRole('combobox', { name: /Datum för händelsen/ }).inputValue()).resolves.toBe(date);
    await expect(refused.locator('input[type=radio][value=no]').nth(0).isChecked()).resolves.toBe(true);
    await expect(refused.locator('input[type=radio][value=not_applicable]').nth(0).isChecked()).resolves.toBe(true);
    await expect(refused.locator('input[type=radio][value=not_applicable]').nth(1).isChecked()).resolves.toBe(true);
    await expect(page.locator(CARD).filter({ hasText: RECEIPT_TITLE }).count()).resolves.toBe(0);
  });
});
