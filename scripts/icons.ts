/**
 * `npm run icons`: draws the Teams app icons into manifest/ — color.png (192×192, a white shield
 * with an exclamation mark on the accent colour) and outline.png (32×32, the same shield in white
 * on transparent, the mark cut out), as the manifest schema asks. The drawing is plain geometry,
 * so the committed PNGs can be made again from this file; the app-package test checks that they
 * still show exactly what this file draws.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';

const MANIFEST_DIR = resolve(__dirname, '..', 'manifest');
/** The manifest's accentColor, #0B5EA8. */
const ACCENT = [0x0b, 0x5e, 0xa8] as const;
const COLOR_ICON_SIZE = 192;
const OUTLINE_ICON_SIZE = 32;
// Samples a pixel side; 4 × 4 gives smooth edges without an anti-aliasing library.
const SUPERSAMPLING = 4;

/** The shield, in a unit square: a low peak on top, straight sides, then narrowing to a point. */
function inShield(x: number, y: number): boolean {
  const fromCentre = Math.abs(x - 0.5);
  const top = 0.15 + 0.25 * fromCentre;
  if (y < top || y > 0.88) return false;
  const halfWidth = y <= 0.5 ? 0.3 : 0.3 * (1 - ((y - 0.5) / 0.38) ** 2);
  return fromCentre <= halfWidth;
}

/** The exclamation mark inside the shield: a bar with round ends and a dot. */
function inMark(x: number, y: number): boolean {
  const barRadius = 0.045;
  const barY = Math.min(Math.max(y, 0.3), 0.55);
  const inBar = Math.hypot(x - 0.5, y - barY) <= barRadius;
  const inDot = Math.hypot(x - 0.5, y - 0.67) <= 0.05;
  return inBar || inDot;
}

/** The share of a pixel's samples that fall on white, from 0 to 1. */
function whiteCoverage(size: number, px: number, py: number): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLING; sy++)
    for (let sx = 0; sx < SUPERSAMPLING; sx++) {
      const x = (px + (sx + 0.5) / SUPERSAMPLING) / size;
      const y = (py + (sy + 0.5) / SUPERSAMPLING) / size;
      if (inShield(x, y) && !inMark(x, y)) hits++;
    }
  return hits / SUPERSAMPLING ** 2;
}

/** An image as 8-bit RGBA, row after row, 4 bytes a pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function draw(size: number, pixel: (white: number) => readonly number[]): RgbaImage {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) for (let px = 0; px < size; px++) rgba.set(pixel(whiteCoverage(size, px, py)), (py * size + px) * 4);
  return { width: size, height: size, rgba };
}

/** The image as an 8-bit RGBA PNG. */
export function encodePng({ width, height, rgba }: RgbaImage): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  // No row filter and zlib's default strategy: for these flat drawings, half the bytes of pngjs's defaults.
  return PNG.sync.write(png, { filterType: 0, deflateStrategy: 0 });
}

/** The full-colour icon: opaque, white drawn over the accent colour. */
export function colorIcon(): RgbaImage {
  return draw(COLOR_ICON_SIZE, (white) => [...ACCENT.map((channel) => Math.round(channel + (255 - channel) * white)), 255]);
}

/** The outline icon: white only, its coverage as alpha, transparent elsewhere. */
export function outlineIcon(): RgbaImage {
  return draw(OUTLINE_ICON_SIZE, (white) => [255, 255, 255, Math.round(255 * white)]);
}

const ICON_FILES = { color: join(MANIFEST_DIR, 'color.png'), outline: join(MANIFEST_DIR, 'outline.png') };

if (require.main === module) {
  writeFileSync(ICON_FILES.color, encodePng(colorIcon()));
  writeFileSync(ICON_FILES.outline, encodePng(outlineIcon()));
  console.log(`wrote ${ICON_FILES.color} and ${ICON_FILES.outline}`);
}
