import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * Runs `npm run cli -- …` as an operator would (its own process), with the given environment.
 * Asynchronous on purpose: servers the test runs in-process (the Cosmos emulator) must keep
 * answering while the CLI talks to them.
 */
/** `stdoutBytes` is stdout as written, for a command that writes a binary file (the lägesbild). */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<{ status: number | null; stdout: string; stdoutBytes: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const bytes = Buffer.concat(stdout);
      resolve({ status, stdout: bytes.toString('utf8'), stdoutBytes: bytes, stderr });
    });
    child.stdin.end(input ?? '');
  });
}
