import pino, { type Logger } from 'pino';

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
    },
    destination,
  );
}
