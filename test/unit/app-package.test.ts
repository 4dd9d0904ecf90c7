import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon } from '../../scripts/icons';
import { crc32 } from '../../scripts/lib/crc32';
import { decodePng, encodePng, type DecodedPng } from '../../scripts/lib/png';
import { readZip } from '../../scripts/lib/zip';
import { MANIFEST_DIR, PACKAGE_VARIABLES, buildAppPackage } from '../../scripts/package';
import { COMMANDS } from '../../src/domain/commands';
import { PROJECT_ROOT } from '../../src/paths';
import { problemsOf } from '../support/config-problems';

// What an administrator of a district would set (see manifest/README.md).
const SAMPLE_ENV = {
  TEAMS_APP_ID: '6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b',
  MicrosoftAppId: 'b2d4f6a8-1c3e-4a5b-8c7d-9e0f1a2b3c4d',
  BOT_DOMAIN: 'vbe-stod-hagersten.azurewebsites.net',
  APP_NAME: 'VBE-stöd Hägersten',
  DEVELOPER_NAME: 'Hägersten-Älvsjö sdf',
  DEVELOPER_WEBSITE_URL: 'https://start.stockholm/',
  DEVELOPER_PRIVACY_URL: 'https://start.stockholm/om-webbplatsen/personuppgifter/',
  DEVELOPER_TERMS_URL: 'https://start.stockholm/om-webbplatsen/',
} satisfies Record<string, string>;

const SCHEMA_DIR = join(PROJECT_ROOT, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');
const workDir = mkdtempSync(join(tmpdir(), 'vbe-app-package-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

type Json = Record<string, unknown>;
const zipFile = join(workDir, 'appPackage.zip');
buildAppPackage(SAMPLE_ENV, zipFile);
const files = new Map(readZip(readFileSync(zipFile)).map((entry) => [entry.name, Buffer.from(entry.data)]));
const jsonIn = (name: string) => JSON.parse(files.get(name)!.toString('utf8')) as Json;
const manifest = jsonIn('manifest.json');
const english = jsonIn('en.json');

/** The official schemas of the manifest's own manifestVersion, from @microsoft/app-manifest (offline). */
function schemaValidator(file: 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json') {
  const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `v${String(manifest.manifestVersion)}`, file), 'utf8')) as Json;
  expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  // The Localization schema has patterns (`\b]`) that only compile as non-unicode regular expressions.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document: unknown) => (validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`));
}

/** The value at a localization key such as `bots[0].commandLists[1].commands[2].title`. */
function valueAt(document: unknown, key: string): unknown {
  return key
    .split(/\.|(?=\[)/)
    .map((step) => (step.startsWith('[') ? Number(step.slice(1, -1)) : step))
    .reduce<unknown>((node, step) => (node as Record<string | number, unknown> | undefined)?.[step], document);
}

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string; description: string }>;
}
const commandLists = (manifest.bots as Array<{ commandLists: CommandList[] }>)[0]!.commandLists;

function copyOfManifestDir(): string {
  const dir = mkdtempSync(join(workDir, 'manifest-'));
  cpSync(MANIFEST_DIR, dir, { recursive: true });
  return dir;
}

describe('the app package (npm run package)', () => {
  it('holds the manifest, its localization file and both icons, all at the root of the zip', () => {
    expect([...files.keys()]).toEqual(['manifest.json', 'en.json', 'color.png', 'outline.png']);
    expect(files.get('color.png')).toEqual(readFileSync(join(MANIFEST_DIR, 'color.png')));
    expect(files.get('outline.png')).toEqual(readFileSync(join(MANIFEST_DIR, 'outline.png')));
  });

  // Our own reader could share a mistake with our writer; Info-ZIP, where installed, is a second opinion.
  it.skipIf(!existsSync('/usr/bin/unzip'))('is an archive Info-ZIP reads without errors', () => {
    expect(execFileSync('/usr/bin/unzip', ['-t', zipFile], { encoding: 'utf8' })).toMatch(/No errors detected/);
    expect(execFileSync('/usr/bin/unzip', ['-Z1', zipFile], { encoding: 'utf8' }).trim().split('\n')).toEqual([...files.keys()]);
  });

  it('writes a manifest that the official schema of its manifestVersion (1.19 or later) accepts', () => {
    const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
    expect(major === 1 && minor! >= 19).toBe(true);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.schema.json`);
    expect(schemaValidator('MicrosoftTeams.schema.json')(manifest)).toEqual([]);
  });

  it('is checked by a schema validator that does refuse a broken manifest', () => {
    const validate = schemaValidator('MicrosoftTeams.schema.json');
    const broken = structuredClone(manifest) as Json & { bots: Array<Json> };
    broken.bots[0]!.botId = 'not-a-guid';
    delete broken.icons;
    expect(validate(broken).join('\n')).toMatch(/botId[\s\S]*icons|icons[\s\S]*botId/);
  });

  it('fills every placeholder from the environment: app id, bot id, name, domain, publisher', () => {
    for (const [name, text] of files) if (name.endsWith('.json')) expect(text.toString('utf8'), name).not.toContain('${');
    expect(manifest).toMatchObject({
      id: SAMPLE_ENV.TEAMS_APP_ID,
      version: JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version,
      bots: [{ botId: SAMPLE_ENV.MicrosoftAppId, scopes: ['personal', 'team'] }],
      validDomains: [SAMPLE_ENV.BOT_DOMAIN],
      name: { short: SAMPLE_ENV.APP_NAME },
      developer: {
        name: SAMPLE_ENV.DEVELOPER_NAME,
        websiteUrl: SAMPLE_ENV.DEVELOPER_WEBSITE_URL,
        privacyUrl: SAMPLE_ENV.DEVELOPER_PRIVACY_URL,
        termsOfUseUrl: SAMPLE_ENV.DEVELOPER_TERMS_URL,
      },
    });
    expect(english['name.short']).toBe(SAMPLE_ENV.APP_NAME);
  });

  it('is Swedish by default with an English localization file the Localization schema accepts', () => {
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'sv', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
    expect(schemaValidator('MicrosoftTeams.Localization.schema.json')(english)).toEqual([]);
    // The schema only checks the shape of the keys; each must also name a string the manifest has.
    const keys = Object.keys(english).filter((key) => key !== '$schema');
    expect(keys.filter((key) => typeof valueAt(manifest, key) !== 'string')).toEqual([]);
    const translatable = commandLists.flatMap((list, l) => list.commands.flatMap((_, c) => ['title', 'description'].map((field) => `bots[0].commandLists[${l}].commands[${c}].${field}`)));
    expect(translatable.filter((key) => !(key in english))).toEqual([]);
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) expect(keys).toContain(key);
  });

  it('lists exactly the commands the bot understands, in Swedish and in English', () => {
    expect(commandLists.map((list) => list.scopes)).toEqual([['personal'], ['team']]);
    const listed = commandLists.flatMap((list, l) =>
      list.commands.map((command, c) => ({ sv: command.title, en: english[`bots[0].commandLists[${l}].commands[${c}].title`] })),
    );
    const known = COMMANDS.map((command) => command.words);
    expect(listed.filter((command) => !known.some((words) => words.sv === command.sv && words.en === command.en))).toEqual([]);
    expect(known.filter((words) => !listed.some((command) => command.sv === words.sv))).toEqual([]);
    const teamTitles = commandLists[1]!.commands.map((command) => command.title);
    expect(teamTitles).toContain(COMMANDS.find((command) => command.name === 'bindChannel')!.words.sv);
  });
});

describe('the app icons', () => {
  const color = decodePng(files.get('color.png')!);
  const outline = decodePng(files.get('outline.png')!);
  const alphaAt = (image: DecodedPng, x: number, y: number) => image.rgba[(y * image.width + x) * 4 + 3];

  it('are 192×192 (colour, opaque) and 32×32 (outline, with transparency)', () => {
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    expect(color.rgba.filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true);
    const corner = [...color.rgba.subarray(0, 3)].map((channel) => channel.toString(16).padStart(2, '0')).join('');
    expect(`#${corner}`.toUpperCase()).toBe(manifest.accentColor);
    expect(outline.hasAlpha).toBe(true);
  });

  it('draw the outline white on a transparent background', () => {
    const alphas = outline.rgba.filter((_, i) => i % 4 === 3);
    expect([alphaAt(outline, 0, 0), alphaAt(outline, 31, 0), alphaAt(outline, 0, 31), alphaAt(outline, 31, 31)]).toEqual([0, 0, 0, 0]);
    expect(alphas.filter((alpha) => alpha === 0).length).toBeGreaterThan(32 * 32 * 0.3);
    expect(alphas.filter((alpha) => alpha === 255).length).toBeGreaterThan(32 * 32 * 0.2);
    const visibleNotWhite = [...Array(32 * 32).keys()].filter((p) => outline.rgba[p * 4 + 3]! > 0 && [0, 1, 2].some((c) => outline.rgba[p * 4 + c] !== 255));
    expect(visibleNotWhite).toEqual([]);
  });

  it('are what scripts/icons.ts draws (npm run icons makes them again)', () => {
    expect(Buffer.from(color.rgba).equals(Buffer.from(colorIcon().rgba))).toBe(true);
    expect(Buffer.from(outline.rgba).equals(Buffer.from(outlineIcon().rgba))).toBe(true);
  });
});

describe('refusals, each naming what is wrong', () => {
  it('names a missing required variable, and only that one', () => {
    const { TEAMS_APP_ID: _, ...withoutAppId } = SAMPLE_ENV;
    const problems = problemsOf(() => buildAppPackage({ ...withoutAppId, MicrosoftAppId: '  ' }, join(workDir, 'missing.zip')));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^TEAMS_APP_ID: is required/);
    expect(problems[1]).toMatch(/^MicrosoftAppId: is required/);
  });

  it('names malformed values: a URL as domain, http, a name too long for Teams', () => {
    const problems = problemsOf(() =>
      buildAppPackage(
        { ...SAMPLE_ENV, BOT_DOMAIN: 'https://vbe.example.org/api', DEVELOPER_PRIVACY_URL: 'http://start.stockholm/', APP_NAME: 'x'.repeat(31) },
        join(workDir, 'bad.zip'),
      ),
    );
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['BOT_DOMAIN', 'APP_NAME', 'DEVELOPER_PRIVACY_URL']);
  });

  it('documents every variable it reads in manifest/README.md', () => {
    const readme = readFileSync(join(MANIFEST_DIR, 'README.md'), 'utf8');
    expect(PACKAGE_VARIABLES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('refuses icons Teams would refuse: wrong size, an outline that is not white on transparent', () => {
    const dir = copyOfManifestDir();
    const solid = (size: number, rgba: number[]) => encodePng({ width: size, height: size, rgba: Uint8Array.from({ length: size * size * 4 }, (_, i) => rgba[i % 4]!) });
    writeFileSync(join(dir, 'color.png'), solid(96, [11, 94, 168, 255]));
    writeFileSync(join(dir, 'outline.png'), solid(32, [11, 94, 168, 255]));
    const problems = problemsOf(() => buildAppPackage(SAMPLE_ENV, join(workDir, 'icons.zip'), dir));
    expect(problems).toEqual([
      'manifest/color.png: must be 192×192 pixels, is 96×96',
      'manifest/outline.png: the outline icon needs a transparent background',
      'manifest/outline.png: the outline icon must be white only; 1024 visible pixels are not white',
    ]);
  });

  it('refuses a placeholder that is not a package variable', () => {
    const dir = copyOfManifestDir();
    const template = readFileSync(join(dir, 'manifest.json'), 'utf8').replace('${BOT_DOMAIN}', '${BOT_HOST}');
    writeFileSync(join(dir, 'manifest.json'), template);
    expect(problemsOf(() => buildAppPackage(SAMPLE_ENV, join(workDir, 'placeholder.zip'), dir))[0]).toMatch(/^manifest\/manifest.json: \$\{BOT_HOST\} is not a package variable/);
  });
});

describe('PNG decoding of icons from other tools', () => {
  // PNG's row filters (sub, up, average, Paeth), applied here as another encoder would.
  function filtered(rows: number[][], bytesPerPixel: number, filter: number): Buffer {
    const out: number[] = [];
    rows.forEach((row, y) => {
      out.push(filter);
      row.forEach((byte, x) => {
        const left = x >= bytesPerPixel ? row[x - bytesPerPixel]! : 0;
        const up = y > 0 ? rows[y - 1]![x]! : 0;
        const upLeft = y > 0 && x >= bytesPerPixel ? rows[y - 1]![x - bytesPerPixel]! : 0;
        const p = left + up - upLeft;
        const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
        out.push((byte - [0, left, up, (left + up) >> 1, paeth][filter]! + 256) & 0xff);
      });
    });
    return Buffer.from(out);
  }
  function png(width: number, height: number, colorType: number, idat: Buffer, extra: Array<[string, Buffer]> = []): Buffer {
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length);
      head.write(type, 4, 'latin1');
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(head.subarray(4), data));
      return Buffer.concat([head, data, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, colorType, 0, 0, 0], 8);
    const chunks = [chunk('IHDR', header), ...extra.map(([type, data]) => chunk(type, data)), chunk('IDAT', deflateSync(idat)), chunk('IEND', Buffer.alloc(0))];
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
  }
  const rgbaRows = [
    [10, 20, 30, 255, 200, 100, 50, 0, 1, 2, 3, 4],
    [40, 50, 60, 128, 7, 8, 9, 10, 250, 240, 230, 220],
  ];

  it.each([1, 2, 3, 4])('undoes row filter %i', (filter) => {
    const image = decodePng(png(3, 2, 6, filtered(rgbaRows, 4, filter)));
    expect([...image.rgba]).toEqual(rgbaRows.flat());
  });

  it('expands palette images with tRNS transparency to RGBA', () => {
    const palette = Buffer.from([255, 255, 255, 0, 0, 0]);
    const image = decodePng(png(2, 1, 3, Buffer.from([0, 0, 1]), [['PLTE', palette], ['tRNS', Buffer.from([0])]]));
    expect([...image.rgba]).toEqual([255, 255, 255, 0, 0, 0, 0, 255]);
    expect(image.hasAlpha).toBe(true);
  });

  it('refuses a damaged chunk', () => {
    const file = encodePng(outlineIcon());
    file[40] = file[40]! ^ 0xff;
    expect(() => decodePng(file)).toThrow(/bad CRC/);
  });
});
