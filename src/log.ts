import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/** The request a log line belongs to: every line written while a turn runs carries its id. */
const currentRequest = new AsyncLocalStorage<{ requestId: string }>();

/** Longest request id logged; Teams' activity ids are under 100 characters. */
const MAX_REQUEST_ID_LENGTH = 128;

/**
 * A request id safe to put on every line: an activity id is chosen by the sender, so anything
 * but id characters is dropped and it is capped. Empty or absent: undefined (the caller makes one up).
 */
export function requestIdFrom(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const safe = value.replace(/[^A-Za-z0-9:;._@=-]/g, '').slice(0, MAX_REQUEST_ID_LENGTH);
  return safe === '' ? undefined : safe;
}

/**
 * How an error is logged: by its name and code, never its message (SDK messages quote the field
 * values of the request that caused them). Both are capped and reduced to identifier characters.
 */
export function errorFields(error: unknown): { name: string; code?: string } {
  const token = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 64) : '');
  const failure = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown; statusCode?: unknown };
  // Some SDK errors (AuthenticationError) keep the name `Error`: their class says more.
  const className = error instanceof Error && error.constructor.name !== 'Error' ? error.constructor.name : '';
  const ownName = token(failure.name);
  const name = (ownName === 'Error' ? token(className) : '') || ownName || token(className) || (error instanceof Error ? 'Error' : typeof error);
  const code = token(failure.code) || token(failure.statusCode);
  return code ? { name, code } : { name };
}

/** Runs `work` (and everything it starts) as part of the request `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return currentRequest.run({ requestId }, work);
}

/**
 * JSON-lines logs. Callers log event names, codes and reference numbers — never text a user
 * typed; as a second guard the fields that could carry it are redacted.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vbe-stod' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['text', 'description', 'values', 'data', 'activity', '*.text', '*.description'], censor: '[redacted]' },
      mixin: () => {
        const request = currentRequest.getStore();
        return request ? { requestId: request.requestId } : {};
      },
    },
    destination,
  );
}

const CONSOLE_METHODS = ['error', 'warn', 'info', 'log', 'debug', 'trace'] as const;

/**
 * Keeps stderr and stdout to one JSON line per event. Node prints warnings (a library's
 * deprecations, as restify 11's DEP0111 was) as text, and the Agents SDK writes configuration warnings with `console.warn`, quoting values
 * from the environment. Both become log lines naming only the warning's or error's name and code. Call once, before the modules that warn are loaded.
 */
export function routeProcessOutput(log: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => log.warn({ event: 'process.warning', err: errorFields(warning) }, 'process warning'));
  for (const method of CONSOLE_METHODS) {
    const level = method === 'error' ? 'error' : method === 'warn' ? 'warn' : 'debug';
    console[method] = (...args: unknown[]) => {
      const failure = args.find((arg) => arg instanceof Error);
      log[level]({ event: 'console', method, ...(failure ? { err: errorFields(failure) } : {}) }, 'console output (not logged)');
    };
  }
}
