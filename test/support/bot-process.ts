import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

export interface BotProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the bot as `npm start` does (its own process) on a free port; resolves once it listens. */
export function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const started = output.split('\n').find((line) => line.includes('"event":"started"'));
      if (started) {
        clearTimeout(timer);
        const port = (JSON.parse(started) as { port: number }).port;
        resolve({
          child,
          port,
          url: `http://127.0.0.1:${port}`,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    void exited.then((code) => reject(new Error(`bot exited with ${code}:\n${output}`)));
  });
}

export async function postActivity(url: string, activity: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
