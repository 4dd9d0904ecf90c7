import { deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from './crc32';

/** An image as 8-bit RGBA, row after row, 4 bytes a pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export interface DecodedPng extends RgbaImage {
  /** Whether the file can hold transparency (an alpha channel or a tRNS chunk). */
  hasAlpha: boolean;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGBA = 6;
/** Bytes a pixel for each PNG colour type at bit depth 8. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(head.subarray(4), data), 0);
  return Buffer.concat([head, data, tail]);
}

/** A non-interlaced 8-bit RGBA PNG, every row with filter 0 (none). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, COLOR_TYPE_RGBA, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
}

/** Undoes the per-row filters of PNG (none, sub, up, average, Paeth) into a new buffer. */
function unfilter(data: Buffer, width: number, height: number, bytesPerPixel: number): Buffer {
  const stride = width * bytesPerPixel;
  if (data.length !== (stride + 1) * height) throw new Error('image data has the wrong length for its size');
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= bytesPerPixel ? out[y * stride + x - bytesPerPixel]! : 0;
      const up = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? out[(y - 1) * stride + x - bytesPerPixel]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`unknown row filter ${filter}`);
      out[y * stride + x] = (row[x]! + predictor) & 0xff;
    }
  }
  return out;
}

/**
 * Reads an 8-bit, non-interlaced PNG (grey, RGB, palette, grey+alpha or RGBA) into RGBA, checking
 * every chunk's CRC. Enough to check the app icons, including ones an administrator replaces.
 */
export function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let offset = 8;
  let header: Buffer | undefined;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const imageData: Buffer[] = [];
  while (offset + 12 <= file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (data.length !== length) throw new Error(`PNG chunk ${type} is cut short`);
    if (file.readUInt32BE(offset + 8 + length) !== crc32(file.subarray(offset + 4, offset + 8), data)) throw new Error(`PNG chunk ${type} has a bad CRC`);
    offset += 12 + length;
    if (type === 'IHDR') header = data;
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') imageData.push(data);
    else if (type === 'IEND') break;
  }
  if (!header) throw new Error('PNG has no IHDR chunk');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = header.subarray(8);
  const channels = CHANNELS[colorType!];
  if (bitDepth !== 8 || channels === undefined) throw new Error(`PNG colour type ${colorType} at bit depth ${bitDepth} is not supported (use 8-bit RGBA)`);
  if (interlace !== 0) throw new Error('interlaced PNGs are not supported');
  if (colorType === 3 && !palette) throw new Error('PNG palette image without a PLTE chunk');
  const pixels = unfilter(inflateSync(Buffer.concat(imageData)), width, height, channels);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, (i + 1) * channels);
    let rgbaPixel: number[];
    if (colorType === 0) rgbaPixel = [p[0]!, p[0]!, p[0]!, transparency && transparency.readUInt16BE(0) === p[0] ? 0 : 255];
    else if (colorType === 2) rgbaPixel = [p[0]!, p[1]!, p[2]!, transparency && transparency.readUInt16BE(0) === p[0] && transparency.readUInt16BE(2) === p[1] && transparency.readUInt16BE(4) === p[2] ? 0 : 255];
    else if (colorType === 3) rgbaPixel = [...palette!.subarray(p[0]! * 3, p[0]! * 3 + 3), transparency?.[p[0]!] ?? 255];
    else if (colorType === 4) rgbaPixel = [p[0]!, p[0]!, p[0]!, p[1]!];
    else rgbaPixel = [...p];
    rgba.set(rgbaPixel, i * 4);
  }
  return { width, height, rgba, hasAlpha: colorType === 4 || colorType === 6 || transparency !== undefined };
}
