import { ConfigError } from '../../src/config/config-error';

/** The problems a ConfigError names, or none when the action succeeds; any other error is rethrown. */
export function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
