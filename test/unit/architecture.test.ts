import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths';

const SRC = join(PROJECT_ROOT, 'src');

function sourceFiles(root = SRC): Array<{ path: string; imports: string[] }> {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      const text = readFileSync(full, 'utf8');
      const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!);
      return { path: relative(root, full), imports };
    });
}

describe('architecture', () => {
  const files = sourceFiles();

  it('keeps every import of the Microsoft 365 Agents SDK inside src/teams/', () => {
    const offenders = files
      .filter((file) => !file.path.startsWith('teams/'))
      .filter((file) => file.imports.some((name) => /^(@microsoft\/agents-|jsonwebtoken|jwks-rsa)/.test(name)));
    expect(offenders.map((file) => file.path)).toEqual([]);
    expect(files.filter((file) => file.path.startsWith('teams/')).length).toBeGreaterThan(0);
  });

  it('imports the Bot Framework SDK and teams-ai nowhere: not in src, tests, benchmarks or scripts (support ended 2025-12-31)', () => {
    const everywhere = ['src', 'test', 'bench', 'scripts'].flatMap((folder) => sourceFiles(join(PROJECT_ROOT, folder)));
    const offenders = everywhere.filter((file) => file.imports.some((name) => /^(botbuilder|botframework-|@microsoft\/teams-ai)/.test(name)));
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  // Pure calculation libraries the domain may use: no I/O, no clock of their own.
  const PURE_LIBRARIES = ['zod'];

  it('keeps the domain pure: no I/O, no Teams, no store, no configuration, no logging', () => {
    const offenders = files
      .filter((file) => file.path.startsWith('domain/'))
      .flatMap((file) =>
        file.imports
          .filter((name) => !name.startsWith('./') && !name.startsWith('../') ? !PURE_LIBRARIES.includes(name) : /\.\.\/(\.\.\/)?(store|teams|http|config|outbox|services|cards)\b/.test(name))
          .map((name) => `${file.path} imports ${name}`),
      );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only where the process starts', () => {
    const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const readers = files
      .filter((file) => /process\.env\b/.test(withoutComments(readFileSync(join(SRC, file.path), 'utf8'))))
      .map((file) => file.path);
    expect(readers.sort()).toEqual(['cli.ts', 'main.ts']);
  });
});
