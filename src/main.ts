import { ConfigError } from './config/config-error';
import { loadEnv } from './config/env';
import { createLogger, errorFields, routeProcessOutput } from './log';

const STOP_BACKSTOP_MS = 5_000;

/** Reads the environment (the only place besides cli.ts that does), starts, stops on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  // Before the app's modules and the SDK write anything (a library's warning, an SDK console.error).
  routeProcessOutput(log);
  // OpenTelemetry must patch http before the app's modules load; unset, it is never loaded.
  const telemetry = config.appInsightsConnectionString
    ? (await import('./telemetry')).startTelemetry(config.appInsightsConnectionString)
    : undefined;
  if (telemetry) log.info({ event: 'telemetry.on' }, 'exporting traces and metrics to Application Insights');
  const { startApp } = await import('./app');
  const app = await startApp(config, { log }).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'stopping', signal }, 'stopping');
    // A backstop past the app's own bound, for a store close or telemetry flush that hangs.
    setTimeout(() => {
      log.error({ event: 'stop_failed', err: { message: 'stop did not finish in time' } }, 'stop failed');
      process.exit(1);
    }, config.shutdownTimeoutMs + STOP_BACKSTOP_MS).unref();
    app
      .stop()
      // Telemetry that cannot be sent is lost, but the bot itself stopped cleanly.
      .then(() => telemetry?.shutdown().catch((error: unknown) => log.warn({ event: 'telemetry.flush_failed', err: errorFields(error) }, 'telemetry not sent')))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ event: 'stop_failed', err: errorFields(error) }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main().catch((error: unknown) => {
  process.stderr.write(`VBE-stöd failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
