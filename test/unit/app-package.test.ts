import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { colorIcon, encodePng, outlineIcon, type RgbaImage } from '../../scripts/icons';
import { MANIFEST_DIR, PACKAGE_VARIABLES, buildAppPackage, iconProblems } from '../../scripts/package';
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
const files = new Map(Object.entries(unzipSync(readFileSync(zipFile))).map(([name, data]) => [name, Buffer.from(data)]));
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

  // fflate writes and reads the zip, so it could share a mistake with itself; Info-ZIP, where installed, is a second opinion.
  it.skipIf(!existsSync('/usr/bin/unzip'))('is an archive Info-ZIP reads without errors', () => {
    expect(execFileSync('/usr/bin/unzip', ['-t', zipFile], { encoding: 'utf8' })).toMatch(/No errors detected/);
    expect(execFileSync('/usr/bin/unzip', ['-Z1', zipFile], { encoding: 'utf8' }).trim().split('\n')).toEqual([...files.keys()]);
  });

  // One fixed date (the zip epoch) for every entry, so the same input gives the same archive.
  it.skipIf(!existsSync('/usr/bin/unzip'))('dates every entry 1980-01-01 00:00, and stores the PNGs, which are compressed already', () => {
    const listing = execFileSync('/usr/bin/unzip', ['-Z', '-T', zipFile], { encoding: 'utf8' }).trim().split('\n').slice(2, -1);
    expect(listing.map((line) => line.split(/\s+/).slice(-3))).toEqual([
      ['defN', '19800101.000000', 'manifest.json'],
      ['defN', '19800101.000000', 'en.json'],
      ['stor', '19800101.000000', 'color.png'],
      ['stor', '19800101.000000', 'outline.png'],
    ]);
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
  const color = PNG.sync.read(files.get('color.png')!);
  const outline = PNG.sync.read(files.get('outline.png')!);
  const alphaAt = (image: PNG, x: number, y: number) => image.data[(y * image.width + x) * 4 + 3];

  it('are 192×192 (colour, opaque) and 32×32 (outline, with transparency)', () => {
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    expect(color.data.filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true);
    const corner = [...color.data.subarray(0, 3)].map((channel) => channel.toString(16).padStart(2, '0')).join('');
    expect(`#${corner}`.toUpperCase()).toBe(manifest.accentColor);
    expect(outline.alpha).toBe(true);
  });

  it('draw the outline white on a transparent background', () => {
    const alphas = outline.data.filter((_, i) => i % 4 === 3);
    expect([alphaAt(outline, 0, 0), alphaAt(outline, 31, 0), alphaAt(outline, 0, 31), alphaAt(outline, 31, 31)]).toEqual([0, 0, 0, 0]);
    expect(alphas.filter((alpha) => alpha === 0).length).toBeGreaterThan(32 * 32 * 0.3);
    expect(alphas.filter((alpha) => alpha === 255).length).toBeGreaterThan(32 * 32 * 0.2);
    const visibleNotWhite = [...Array(32 * 32).keys()].filter((p) => outline.data[p * 4 + 3]! > 0 && [0, 1, 2].some((c) => outline.data[p * 4 + c] !== 255));
    expect(visibleNotWhite).toEqual([]);
  });

  it('are what scripts/icons.ts draws (npm run icons makes them again)', () => {
    expect(color.data.equals(Buffer.from(colorIcon().rgba))).toBe(true);
    expect(outline.data.equals(Buffer.from(outlineIcon().rgba))).toBe(true);
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

describe('icons saved by other tools: judged by size and colours, whatever their encoding', () => {
  const BLUE = [11, 94, 168, 255];
  /** A square icon, transparent but for a white square in the middle, with `blue` pixels at the given points. */
  function squareIcon(size: number, blue: Array<[number, number]> = [], background = [0, 0, 0, 0]): RgbaImage {
    const rgba = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const inside = x >= size / 4 && x < (size * 3) / 4 && y >= size / 4 && y < (size * 3) / 4;
        const pixel = blue.some(([bx, by]) => bx === x && by === y) ? BLUE : inside ? [255, 255, 255, 255] : background;
        rgba.set(pixel, (y * size + x) * 4);
      }
    return { width: size, height: size, rgba };
  }

  // Adam7: each pass's first column and row, and its steps across and down.
  const ADAM7_PASSES = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
  /**
   * A PNG in an encoding pngjs reads but does not write: Adam7-interlaced, or with a palette. Rows
   * are unfiltered; `pixels` holds `bytesPerPixel` bytes for each pixel of the colour type.
   */
  function pngFile(width: number, height: number, colorType: 3 | 6, pixels: Uint8Array, interlaced: boolean, extra: Array<[string, Buffer]> = []): Buffer {
    const bytesPerPixel = colorType === 6 ? 4 : 1;
    const rows: Uint8Array[] = [];
    for (const [x0, y0, dx, dy] of interlaced ? ADAM7_PASSES : [[0, 0, 1, 1] as const])
      for (let y = y0; y < height && x0 < width; y += dy) {
        rows.push(Uint8Array.of(0));
        for (let x = x0; x < width; x += dx) rows.push(pixels.subarray((y * width + x) * bytesPerPixel, (y * width + x + 1) * bytesPerPixel));
      }
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length);
      head.write(type, 4, 'latin1');
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))));
      return Buffer.concat([head, data, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, colorType, 0, 0, interlaced ? 1 : 0], 8);
    const chunks = [chunk('IHDR', header), ...extra.map(([type, data]) => chunk(type, data)), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))];
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
  }
  const interlacedPng = (image: RgbaImage) => pngFile(image.width, image.height, 6, image.rgba, true);

  /** The image as a 16-bit RGBA PNG, each 8-bit sample v stretched to v × 257 (255 → 65535). */
  function sixteenBitPng(image: RgbaImage): Buffer {
    const png = new PNG({ width: image.width, height: image.height });
    png.data = Buffer.from(Uint16Array.from(image.rgba, (sample) => sample * 257).buffer);
    return PNG.sync.write(png, { bitDepth: 16 });
  }

  it('reads an interlaced icon to the same pixels, so it is accepted when it is right', () => {
    const outline = squareIcon(32);
    const file = interlacedPng(outline);
    const read = PNG.sync.read(file);
    expect(read.interlace).toBe(true);
    expect(read.data.equals(Buffer.from(outline.rgba))).toBe(true);
    expect(iconProblems('outline', 'manifest/outline.png', file)).toEqual([]);
    expect(iconProblems('color', 'manifest/color.png', interlacedPng(colorIcon()))).toEqual([]);
  });

  it('refuses an interlaced icon only for its size or colours', () => {
    // 33 is not a multiple of 8: the Adam7 passes come out of unequal sizes.
    expect(iconProblems('color', 'manifest/color.png', interlacedPng(squareIcon(33, [], BLUE)))).toEqual(['manifest/color.png: must be 192×192 pixels, is 33×33']);
    const outline = interlacedPng(squareIcon(32, [[0, 0], [13, 7], [31, 31]]));
    expect(iconProblems('outline', 'manifest/outline.png', outline)).toEqual(['manifest/outline.png: the outline icon must be white only; 3 visible pixels are not white']);
  });

  it('reads a 16-bit icon as the 8-bit colours it shows, so it is accepted when it is right', () => {
    const file = sixteenBitPng(squareIcon(32));
    expect(PNG.sync.read(file).depth).toBe(16);
    expect(iconProblems('outline', 'manifest/outline.png', file)).toEqual([]);
    expect(iconProblems('color', 'manifest/color.png', sixteenBitPng(colorIcon()))).toEqual([]);
  });

  it('refuses a 16-bit icon only for its size or colours', () => {
    expect(iconProblems('color', 'manifest/color.png', sixteenBitPng(squareIcon(96, [], BLUE)))).toEqual(['manifest/color.png: must be 192×192 pixels, is 96×96']);
    expect(iconProblems('outline', 'manifest/outline.png', sixteenBitPng(squareIcon(32, [[5, 5], [20, 12]])))).toEqual([
      'manifest/outline.png: the outline icon must be white only; 2 visible pixels are not white',
    ]);
    expect(iconProblems('outline', 'manifest/outline.png', sixteenBitPng(squareIcon(32, [], [255, 255, 255, 255])))).toEqual([
      'manifest/outline.png: the outline icon needs a transparent background',
    ]);
  });

  it('accepts a palette outline whose transparency comes from a tRNS chunk', () => {
    const palette = Buffer.from([0, 0, 0, 255, 255, 255]);
    const indices = Uint8Array.from({ length: 32 * 32 }, (_, p) => (p % 32 >= 8 && p % 32 < 24 ? 1 : 0));
    const file = pngFile(32, 32, 3, indices, false, [['PLTE', palette], ['tRNS', Buffer.from([0])]]);
    expect(iconProblems('outline', 'manifest/outline.png', file)).toEqual([]);
  });

  it('refuses a damaged file, naming it', () => {
    const file = encodePng(outlineIcon());
    file[50] = file[50]! ^ 0xff; // inside the image data
    // The reason in brackets is pngjs's wording, not ours.
    expect(iconProblems('outline', 'manifest/outline.png', file)).toEqual([expect.stringMatching(/^manifest\/outline\.png: not a readable PNG \(.+\)$/)]);
  });
});
