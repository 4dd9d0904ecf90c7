import { ConfigError } from './config/config-error';
import { loadEnv } from './config/env';
import { startApp } from './app';
import { createLogger } from './log';

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
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ event: 'stop_failed', err: { message: (error as Error).message } }, 'stop failed');
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
