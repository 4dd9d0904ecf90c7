import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (where package.json is), whether running from src/ with tsx or from dist/. */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const CARDS_DIR = join(PROJECT_ROOT, 'cards');
export const DEFAULT_DISTRICT_FILE = join(PROJECT_ROOT, 'config', 'district.hagersten-alvsjo.yaml');
