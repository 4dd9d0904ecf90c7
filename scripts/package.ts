/**
 * `npm run package`: the Teams app package an administrator uploads to Teams — a zip with
 * manifest.json, its localization files and both icons at the root (Teams refuses folders).
 *
 * The `${NAME}` placeholders in manifest/manifest.json and manifest/en.json are filled from the
 * environment (PACKAGE_VARIABLES below; manifest/README.md documents them). They describe the
 * installation, not the running bot, so the bot's own configuration (src/config/env.ts) does not
 * read them; only MicrosoftAppId is shared, so the package names the same bot the server runs as.
 *
 *   npm run package [-- --env-file <file>] [--out <zip>]     default: build/appPackage.zip
 *
 * Variables set (not empty) in the environment win over those in the --env-file. Every problem — a missing
 * or malformed variable, an icon of the wrong size — is reported at once, naming each one.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { zipSync, type Zippable } from 'fflate';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { ConfigError, issuesToLines } from '../src/config/config-error';

const ROOT = resolve(__dirname, '..');
export const MANIFEST_DIR = join(ROOT, 'manifest');
export const DEFAULT_PACKAGE_FILE = join(ROOT, 'build', 'appPackage.zip');
const ICON_SIZES = { color: 192, outline: 32 } as const;
// Every entry gets the same time, 1980-01-01 00:00 (the zip epoch, local time as zip stores it), so the same input gives the same archive.
const ZIP_ENTRY_TIME = new Date(1980, 0, 1);

/** A file of the app package: its path inside the zip (Teams wants every file at the root) and content. */
export interface PackageFile {
  name: string;
  data: Uint8Array;
}

const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Empty counts as unset, as in the bot's own configuration. */
const variable = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value), schema);
const required = (what: string) => z.string({ required_error: `is required: ${what}` });
const guid = (what: string) => required(what).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const httpsUrl = (what: string) => required(what).url('must be a URL').startsWith('https://', 'must start with https://').max(2048);

const packageEnvSchema = z.object({
  TEAMS_APP_ID: variable(guid('the Teams app id, a GUID generated once and kept for every later version')),
  MicrosoftAppId: variable(guid("the bot's Microsoft App Id, the same value the bot runs with")),
  BOT_DOMAIN: variable(
    required("the bot's host name, e.g. vbe-stod.azurewebsites.net").regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
      'must be a host name only, without https:// or a path, e.g. vbe-stod.azurewebsites.net',
    ),
  ),
  // Teams shows at most 30 characters of the short name and 32 of the developer name.
  APP_NAME: variable(z.string().max(30, 'must be at most 30 characters').default('VBE-stöd')),
  APP_VERSION: variable(
    z
      .string()
      .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be a version like 1.2.3 (Teams needs a higher one for every update)')
      .default(packageVersion),
  ),
  DEVELOPER_NAME: variable(required('the publisher Teams shows, e.g. the district administration').max(32, 'must be at most 32 characters')),
  DEVELOPER_WEBSITE_URL: variable(httpsUrl("the publisher's web page")),
  DEVELOPER_PRIVACY_URL: variable(httpsUrl('the privacy statement (personuppgiftsbehandling)')),
  DEVELOPER_TERMS_URL: variable(httpsUrl('the terms of use')),
});

export type PackageValues = z.infer<typeof packageEnvSchema>;
/** The variables `npm run package` reads, in the order manifest/README.md lists them. */
export const PACKAGE_VARIABLES = Object.keys(packageEnvSchema.shape);

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Every string in a JSON value with its `${NAME}` placeholders filled; an unknown name is an error. */
export function fillPlaceholders(value: unknown, values: Readonly<Record<string, string>>, file: string): unknown {
  if (typeof value === 'string')
    return value.replace(PLACEHOLDER, (_, name: string) => {
      const filled = values[name];
      if (filled === undefined) throw new ConfigError([`${file}: \${${name}} is not a package variable (${PACKAGE_VARIABLES.join(', ')})`]);
      return filled;
    });
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values, file));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values, file)]));
  return value;
}

/** Problems with an icon Teams would refuse: wrong size, or an outline that is not white on transparent. */
export function iconProblems(kind: keyof typeof ICON_SIZES, file: string, png: Buffer): string[] {
  let image: PNG;
  try {
    // Any valid PNG (palette, grey, interlaced, 16-bit), read as 8-bit RGBA: 16-bit samples are rounded to the depth screens show.
    image = PNG.sync.read(png);
  } catch (error) {
    return [`${file}: not a readable PNG (${(error as Error).message})`];
  }
  const size = ICON_SIZES[kind];
  if (image.width !== size || image.height !== size) return [`${file}: must be ${size}×${size} pixels, is ${image.width}×${image.height}`];
  if (kind === 'color') return [];
  let transparent = 0;
  let coloured = 0;
  const rgba = image.data;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) transparent++;
    else if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) coloured++;
  }
  const problems: string[] = [];
  if (transparent === 0) problems.push(`${file}: the outline icon needs a transparent background`);
  if (coloured > 0) problems.push(`${file}: the outline icon must be white only; ${coloured} visible pixels are not white`);
  return problems;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

interface ManifestFiles {
  localizationInfo?: { defaultLanguageFile?: string; additionalLanguages?: Array<{ file: string }> };
  icons: { color: string; outline: string };
}

/**
 * The files of the app package, in the order they are zipped. Reads the manifest template and
 * every file it names (localization files, icons) from `manifestDir`.
 */
export function appPackageFiles(source: NodeJS.ProcessEnv, manifestDir = MANIFEST_DIR): PackageFile[] {
  const parsed = packageEnvSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError(issuesToLines(parsed.error));
  const values = parsed.data as Record<string, string>;
  const template = readJson(join(manifestDir, 'manifest.json'));
  const manifest = fillPlaceholders(template, values, 'manifest/manifest.json') as ManifestFiles;
  const json = (data: unknown) => Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
  const localization = manifest.localizationInfo;
  const languageFiles = [localization?.defaultLanguageFile, ...(localization?.additionalLanguages ?? []).map((language) => language.file)].filter(
    (file): file is string => file !== undefined,
  );
  const entries: PackageFile[] = [{ name: 'manifest.json', data: json(manifest) }];
  for (const file of languageFiles)
    entries.push({ name: file, data: json(fillPlaceholders(readJson(join(manifestDir, file)), values, `manifest/${file}`)) });
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const file = manifest.icons[kind];
    const png = readFileSync(join(manifestDir, file));
    problems.push(...iconProblems(kind, `manifest/${file}`, png));
    entries.push({ name: file, data: png });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return entries;
}

/** Writes the app package zip to `outFile` (folders created) and returns what it holds. */
export function buildAppPackage(source: NodeJS.ProcessEnv, outFile = DEFAULT_PACKAGE_FILE, manifestDir = MANIFEST_DIR): PackageFile[] {
  const entries = appPackageFiles(source, manifestDir);
  mkdirSync(dirname(outFile), { recursive: true });
  // PNGs are compressed already: stored, the JSON files deflated.
  const zippable: Zippable = {};
  for (const { name, data } of entries) zippable[name] = [data, { level: name.endsWith('.png') ? 0 : 9 }];
  writeFileSync(outFile, zipSync(zippable, { mtime: ZIP_ENTRY_TIME }));
  return entries;
}

if (require.main === module) {
  try {
    const { values: options } = parseArgs({ options: { 'env-file': { type: 'string' }, out: { type: 'string' } } });
    const fromFile = options['env-file'] ? parseEnv(readFileSync(options['env-file'], 'utf8')) : {};
    const outFile = resolve(options.out ?? DEFAULT_PACKAGE_FILE);
    const fromEnvironment = Object.entries(process.env).filter(([, value]) => value?.trim());
    const entries = buildAppPackage({ ...fromFile, ...Object.fromEntries(fromEnvironment) }, outFile);
    console.log(`wrote ${outFile}: ${entries.map((entry) => entry.name).join(', ')}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
