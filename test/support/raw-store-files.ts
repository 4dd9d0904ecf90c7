/**
 * What someone with the raw files of the embedded store sees: every byte under DATA_DIR, the
 * write-ahead log included, read without SQLite. Used by the survey unlinkability tests to play
 * an operator, a backup or a disk image trying to pair answers with who answered.
 *
 * `timeline` replays snapshots of the files as SQLite would: the database's pages overlaid by the
 * WAL's frames in order (frames with the log's current salt only), giving the set of tokens the
 * store holds after every commit. A token is whatever the caller's patterns pick out of a page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type FileSnapshot = Map<string, Buffer>;

export function snapshotFiles(dataDir: string): FileSnapshot {
  const files: FileSnapshot = new Map();
  for (const name of readdirSync(dataDir)) files.set(name, readFileSync(join(dataDir, name)));
  return files;
}

/** Named tokens in a page: each pattern's first capture group, prefixed with its name. */
export type TokenPatterns = Record<string, RegExp>;

function tokensOf(page: Buffer, patterns: TokenPatterns): string[] {
  const text = page.toString('latin1');
  const found: string[] = [];
  for (const [name, pattern] of Object.entries(patterns)) {
    for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) found.push(`${name}:${match[1]}`);
  }
  return found;
}

const DB = 'vbe-stod.sqlite';
const WAL = 'vbe-stod.sqlite-wal';

function pageSizeOf(db: Buffer | undefined, wal: Buffer | undefined): number {
  if (wal && wal.length >= 32) return wal.readUInt32BE(8);
  const size = db ? db.readUInt16BE(16) : 4096;
  return size === 1 ? 65536 : size;
}

/**
 * The store's states in the order they were written: one set of tokens per commit seen. A later
 * snapshot with the same log continues where the earlier one ended; after the log was reset (a
 * checkpoint) it starts from the database file, which then holds what was checkpointed.
 */
export function timeline(snapshots: FileSnapshot[], patterns: TokenPatterns): Array<Set<string>> {
  const states: Array<Set<string>> = [];
  let previous: { salt: string; commits: number } | undefined;
  for (const files of snapshots) {
    const db = files.get(DB);
    const wal = files.get(WAL);
    const pageSize = pageSizeOf(db, wal);
    const pages = new Map<number, string[]>();
    const counts = new Map<string, number>();
    const setPage = (pageNumber: number, page: Buffer) => {
      for (const token of pages.get(pageNumber) ?? []) counts.set(token, counts.get(token)! - 1);
      const tokens = tokensOf(page, patterns);
      pages.set(pageNumber, tokens);
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    };
    const present = () => new Set([...counts].filter(([, count]) => count > 0).map(([token]) => token));
    for (let offset = 0; db && offset + pageSize <= db.length; offset += pageSize) setPage(offset / pageSize + 1, db.subarray(offset, offset + pageSize));

    const salt = wal && wal.length >= 32 ? wal.subarray(16, 24).toString('hex') : '';
    const continues = previous !== undefined && previous.salt === salt && salt !== '';
    if (!continues) states.push(present());
    let commits = 0;
    for (let offset = 32; wal && offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
      const header = wal.subarray(offset, offset + 24);
      if (header.subarray(8, 16).toString('hex') !== salt) break;
      setPage(header.readUInt32BE(0), wal.subarray(offset + 24, offset + 24 + pageSize));
      if (header.readUInt32BE(4) === 0) continue;
      commits += 1;
      if (!continues || commits > previous!.commits) states.push(present());
    }
    previous = { salt, commits: continues ? Math.max(commits, previous!.commits) : commits };
  }
  return states;
}

/** For each token: the first state holding it, and the first later state that no longer does. */
export function lifetimes(states: Array<Set<string>>): Map<string, { seen: number; gone: number }> {
  const result = new Map<string, { seen: number; gone: number }>();
  states.forEach((state, index) => {
    for (const token of state) if (!result.has(token)) result.set(token, { seen: index, gone: Infinity });
    for (const [token, life] of result) if (life.gone === Infinity && !state.has(token)) life.gone = index;
  });
  return result;
}

/** Pairs the i-th of one list with the i-th of the other (each sorted by when it was first seen); counts right pairs. */
export function rankPairingHits<T>(marks: readonly T[], answers: readonly T[], sameRespondent: (mark: T, answer: T) => boolean): number {
  return answers.filter((answer, i) => marks[i] !== undefined && sameRespondent(marks[i]!, answer)).length;
}
