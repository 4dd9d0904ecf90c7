/**
 * An in-process Cosmos DB emulator for tests: @vercel/cosmosdb-server on 127.0.0.1, a random port,
 * HTTPS with a throw-away self-signed certificate (the package's own expired in 2021) and
 * keep-alive on (about six times faster than a connection per request).
 *
 * - TLS verification is relaxed only for the returned `agent`; nothing global is changed
 *   (NODE_TLS_REJECT_UNAUTHORIZED stays untouched).
 * - Data lives in memory: `stop()` loses it, and `restart()` comes back on the same port, empty.
 * - The certificate is made once per test process with the `openssl` CLI (no extra dependency).
 *
 * Known gaps of the emulator (see docs/cosmos.md): no GROUP BY, OFFSET LIMIT, DISTINCT or LIKE;
 * TTL never expires; no change feed; transactional batch is not atomic and rejects Patch; ORDER BY
 * leaves out documents lacking the field; no query plans, one partition key range, a constant
 * request charge of 1; any key is accepted; a write into a container that no longer exists
 * (after a restart) fails with 500 and a stack trace on stderr.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:https';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpsServer } from '@vercel/cosmosdb-server';

export interface CosmosEmulator {
  /** `https://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  /** The emulator accepts any key. */
  key: string;
  /** keep-alive, and trusts the self-signed certificate: pass it to the CosmosClient. */
  agent: https.Agent;
  /** `{ agent }`, ready for `CosmosStore.open({ clientOptions })`. */
  clientOptions: { agent: https.Agent };
  /** Closes the server and every open connection; the data is gone. */
  stop(): Promise<void>;
  /** Listens again on the same port, empty (stops first when running). */
  restart(): Promise<void>;
}

let certificate: { cert: Buffer; key: Buffer } | undefined;

/** A self-signed certificate for localhost / 127.0.0.1, valid two days, made once per process. */
function selfSignedCertificate(): { cert: Buffer; key: Buffer } {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'vbe-cosmos-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '2',
        '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyPath, '-out', certPath],
      { stdio: 'pipe' },
    );
    certificate = { cert: readFileSync(certPath), key: readFileSync(keyPath) };
    return certificate;
  } catch (error) {
    throw new Error(`could not make a test certificate with the openssl CLI: ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listen(port: number): Promise<Server> {
  const { cert, key } = selfSignedCertificate();
  // `keepAlive` is read by cosmosdb-server (it answers `connection: keep-alive`) and by node:https.
  const server = createHttpsServer({ cert, key, keepAlive: true } as https.ServerOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

async function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

export async function startCosmosEmulator(): Promise<CosmosEmulator> {
  let server: Server | undefined = await listen(0);
  const port = (server.address() as AddressInfo).port;
  const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });
  const stop = async () => {
    const running = server;
    server = undefined;
    if (running) await close(running);
    // Sockets to the old server are dead; do not hand them to the next request.
    agent.destroy();
  };
  return {
    endpoint: `https://127.0.0.1:${port}`,
    port,
    key: 'any',
    agent,
    clientOptions: { agent },
    stop,
    async restart() {
      await stop();
      server = await listen(port);
    },
  };
}
