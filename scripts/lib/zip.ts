import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';

export interface ZipEntry {
  /** Path inside the archive, with `/` between folders. */
  name: string;
  data: Uint8Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
const VERSION = 20; // 2.0: deflate, folders
const UTF8_NAMES = 0x0800;
// Every entry gets the same time, 1980-01-01 00:00 (the zip epoch), so the same input gives the same archive.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A zip archive (PKWARE APPNOTE, no zip64: entries and archive under 4 GiB) with each entry
 * deflated, or stored when deflate does not make it smaller (PNGs are compressed already).
 */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const method = deflated.length < entry.data.length ? DEFLATED : STORED;
    const body = method === DEFLATED ? deflated : Buffer.from(entry.data);
    const crc = crc32(entry.data);
    // The fields shared by the local header (from "version needed") and the central one.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(VERSION, 0);
    common.writeUInt16LE(UTF8_NAMES, 2);
    common.writeUInt16LE(method, 4);
    common.writeUInt16LE(DOS_TIME, 6);
    common.writeUInt16LE(DOS_DATE, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(body.length, 14);
    common.writeUInt32LE(entry.data.length, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24); // extra field length
    const local = Buffer.alloc(4);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    parts.push(local, common, name, body);
    const centralHead = Buffer.alloc(6);
    centralHead.writeUInt32LE(CENTRAL_HEADER, 0);
    centralHead.writeUInt16LE(VERSION, 4); // version made by: MS-DOS, 2.0
    const centralTail = Buffer.alloc(14); // comment length, disk, internal and external attributes: 0
    centralTail.writeUInt32LE(offset, 10);
    central.push(centralHead, common, centralTail, name);
    offset += local.length + common.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The entries of a zip archive, read through its central directory; sizes and CRCs are checked. */
export function readZip(archive: Buffer): ZipEntry[] {
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let position = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(position) !== CENTRAL_HEADER) throw new Error(`zip central directory entry ${i} is damaged`);
    const method = archive.readUInt16LE(position + 10);
    const crc = archive.readUInt32LE(position + 16);
    const compressedSize = archive.readUInt32LE(position + 20);
    const size = archive.readUInt32LE(position + 24);
    const nameLength = archive.readUInt16LE(position + 28);
    const centralExtra = archive.readUInt16LE(position + 30) + archive.readUInt16LE(position + 32);
    const localOffset = archive.readUInt32LE(position + 42);
    const name = archive.toString('utf8', position + 46, position + 46 + nameLength);
    position += 46 + nameLength + centralExtra;
    if (archive.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`zip entry ${name} has no local header`);
    const start = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const body = archive.subarray(start, start + compressedSize);
    if (method !== STORED && method !== DEFLATED) throw new Error(`zip entry ${name} uses compression method ${method}`);
    const data = method === DEFLATED ? inflateRawSync(body) : body;
    if (data.length !== size || crc32(data) !== crc) throw new Error(`zip entry ${name} is damaged (size or CRC)`);
    entries.push({ name, data });
  }
  return entries;
}
