import type { ZodError } from 'zod';

/** Invalid configuration: one error that names every bad setting, so an operator fixes all at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function issuesToLines(error: ZodError, prefix?: string): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.join('.');
    const where = prefix ? (path ? `${prefix}: ${path}` : prefix) : path || '(root)';
    return `${where}: ${issue.message}`;
  });
}
