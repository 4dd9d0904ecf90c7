/**
 * DRAFT browser test: a person files a concern report in the Microsoft 365 Agents Playground and
 * it reaches the coordinators' channel. Not run by vitest (it only picks up test/**\/*.test.ts)
 * and playwright-core is not a dependency of this repository; see docs/playground.md,
 * "Driving it from a browser". To run it by hand:
 *
 *   npm run playground                                   # in another terminal, with fresh data
 *   (cd /tmp/pw && npm init -y && npm i playwright-core) # once, outside the repo
 *   NODE_PATH=/tmp/pw/node_modules npx tsx test/browser/playground.e2e.ts
 *
 * Environment: PLAYGROUND_URL (http://localhost:56150), CHROMIUM_PATH (/usr/bin/chromium),
 * SHOTS_DIR (/tmp/playground-shots). Assumes the config's currentUser is a coordinator (the
 * default of scripts/playground.ts). Exits non-zero on the first failed step.
 *
 * playwright-core is loaded with require() and typed here by the little of it we use, so the
 * repository's typecheck does not need the package.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Locator {
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  check(): Promise<void>;
  pressSequentially(text: string): Promise<void>;
  waitFor(options?: { timeout?: number }): Promise<void>;
  innerText(): Promise<string>;
  count(): Promise<number>;
  first(): Locator;
  last(): Locator;
  nth(index: number): Locator;
  filter(options: { hasText: string | RegExp }): Locator;
  locator(selector: string): Locator;
  getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
}
interface Page extends Pick<Locator, 'locator' | 'getByRole'> {
  getByText(text: string | RegExp): Locator;
  goto(url: string, options?: { waitUntil?: 'networkidle' | 'load' }): Promise<unknown>;
  screenshot(options: { path: string }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  evaluate<T>(fn: () => T): Promise<T>;
}
interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Chromium {
  launchPersistentContext(userDataDir: string, options: Record<string, unknown>): Promise<BrowserContext>;
}

const URL = process.env.PLAYGROUND_URL ?? 'http://localhost:56150';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/playground-shots';
const BOT_NAME = 'VBE-stöd';
const CHANNEL = /Samordnare$/; // tree item "<team> - Samordnare"

// Selectors that worked with @microsoft/m365agentsplayground 0.2.28.
const COMPOSER = '[contenteditable="true"][role="textbox"]'; // Lexical editor; the last one is the open one
const CARD = '.ac-adaptiveCard';

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  process.stdout.write(`- ${name} … `);
  const result = await run();
  process.stdout.write('ok\n');
  return result;
}

/** Types in the composer; "@Bot" text is turned into a real mention through the typeahead menu. */
async function write(page: Page, options: { mention?: boolean; text: string; send: 'Send Message' | 'Post' }): Promise<void> {
  const box = page.locator(COMPOSER).last();
  await box.click();
  if (options.mention) {
    await box.pressSequentially('@VBE');
    await page.getByRole('menuitem', { name: BOT_NAME }).click();
    await box.pressSequentially(' ');
  }
  await box.pressSequentially(options.text);
  await page.getByRole('button', { name: options.send }).click();
}

/** The Fluent date picker of Input.Date: open it and click a day ("27, November, 2026"). */
async function pickRecentDay(page: Page, card: Locator): Promise<void> {
  await card.getByRole('combobox', { name: /Datum för händelsen/ }).click();
  const labels = await page.evaluate(() =>
    [1, 0].map((daysAgo) => {
      const day = new Date(Date.now() - daysAgo * 86_400_000);
      return `${day.getDate()}, ${day.toLocaleString('en-US', { month: 'long' })}, ${day.getFullYear()}`;
    }),
  );
  for (const label of labels) {
    const button = page.getByRole('button', { name: label, exact: true });
    if ((await button.count()) > 0) return button.click();
  }
  throw new Error(`no day button ${labels.join(' / ')} in the date picker`);
}

/** Input.ChoiceSet style "compact" renders as a combobox with a listbox of options. */
async function choose(page: Page, card: Locator, field: RegExp, option: string): Promise<void> {
  await card.getByRole('combobox', { name: field }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function main(): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as { chromium: Chromium };
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pw-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => process.stdout.write(`\n  (page error: ${error.message})\n`));
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  try {
    await step('open the playground', () => page.goto(URL, { waitUntil: 'networkidle' }));

    await step('bind the coordinators\' channel', async () => {
      await page.getByRole('treeitem', { name: CHANNEL }).click();
      await write(page, { mention: true, text: 'koppla kanal', send: 'Post' });
      // .first(): the log panel on the right repeats the text of every message.
      await page.getByText('Den här kanalen är nu samordnarnas kanal').first().waitFor({ timeout: 15_000 });
      await shot('e2e-1-bound');
    });

    const card = await step('ask for the form in the personal chat', async () => {
      await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
      await write(page, { text: 'rapportera', send: 'Send Message' });
      const form = page.locator(CARD).filter({ hasText: 'Skicka till samordnaren' }).last();
      await form.waitFor({ timeout: 15_000 });
      return form;
    });

    await step('fill in the form', async () => {
      await pickRecentDay(page, card);
      await card.getByRole('checkbox', { name: 'Klotter' }).check();
      await choose(page, card, /Vilken miljö/, 'Oklart/annat');
      await choose(page, card, /Typ av plats/, 'Offentlig miljö');
      await choose(page, card, /Område/, 'Aspudden');
      await choose(page, card, /Din enhet/, 'Enheten för ung fritid');
      await card.getByRole('textbox', { name: /Beskriv/ }).fill('Nytt klotter med extremistiska symboler vid tunnelbanan.');
      // The three yes/no questions, in card order: police (yes/no/unknown), social services, IA.
      await card.locator('input[type=radio][value=no]').nth(0).check();
      await card.locator('input[type=radio][value=not_applicable]').nth(0).check();
      await card.locator('input[type=radio][value=not_applicable]').nth(1).check();
      await shot('e2e-2-filled');
    });

    const reference = await step('submit and get a receipt', async () => {
      await card.getByRole('button', { name: 'Skicka till samordnaren' }).click();
      const receipt = page.locator(CARD).filter({ hasText: 'Tack – din rapport är skickad' }).last();
      await receipt.waitFor({ timeout: 15_000 });
      await shot('e2e-3-receipt');
      const found = /VBE-\d{4}-\d{4}/.exec(await receipt.innerText())?.[0];
      if (!found) throw new Error('no reference VBE-YYYY-NNNN on the receipt');
      return found;
    });

    await step(`see ${reference} in the coordinators' channel`, async () => {
      await page.getByRole('treeitem', { name: CHANNEL }).click();
      const post = page.locator(CARD).filter({ hasText: `Ny rapport ${reference}` }).last();
      await post.waitFor({ timeout: 15_000 });
      await shot('e2e-4-channel');
      await post.getByRole('button', { name: 'Markera som hanterad' }).click();
      await page.locator(CARD).filter({ hasText: 'Hanterad av' }).last().waitFor({ timeout: 15_000 });
      await shot('e2e-5-handled');
    });
  } catch (error) {
    await shot('e2e-failure').catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

main().then(
  () => process.stdout.write('passed\n'),
  (error: unknown) => {
    process.stdout.write(`\nfailed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
