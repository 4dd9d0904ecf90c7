import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/** The request a log line belongs to: every line written while a turn runs carries its id. */
const currentRequest = new AsyncLocalStorage<{ requestId: string }>();

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
