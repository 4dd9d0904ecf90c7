/**
 * Optional Application Insights export, through the real process (`src/main.ts`). The exporter
 * always speaks https (it rewrites an http IngestionEndpoint to https), so the local ingestion
 * endpoint serves a self-signed certificate for 127.0.0.1 that the bot trusts through
 * NODE_EXTRA_CA_CERTS. Fixture made with: openssl req -x509 -newkey rsa:2048 -nodes -days 36500
 * -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -addext basicConstraints=critical,CA:TRUE
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths';
import { STAFF, message } from '../support/activities';
import { postActivity, startBotProcess } from '../support/bot-process';
import { FakeConnector } from '../support/fake-connector';

const TLS = join(PROJECT_ROOT, 'test/fixtures/tls');
const INSTRUMENTATION_KEY = '55555555-5555-4555-8555-555555555555';
const MARKER = 'Telemetrimarkör-51e2';
// The Agents SDK loads the OpenTelemetry API itself (a no-op without an SDK behind it); nothing else may load.
const TELEMETRY_MODULES = /[\\/]node_modules[\\/](@opentelemetry[\\/](?!api[\\/]|api-logs[\\/])|@azure[\\/]monitor-opentelemetry)/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Envelope = { iKey?: string; name?: string; data?: { baseType?: string; baseData?: any } };

/** Application Insights' ingestion API (`POST /v2.1/track`, gzipped JSON), recording envelopes. */
async function startIngestion(): Promise<{ url: string; envelopes: Envelope[]; close(): Promise<void> }> {
  const envelopes: Envelope[] = [];
  const server = https.createServer({ cert: readFileSync(join(TLS, 'ingestion-127.0.0.1.crt')), key: readFileSync(join(TLS, 'ingestion-127.0.0.1.key')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8').trim();
      const items: Envelope[] = text.startsWith('[') ? JSON.parse(text) : text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Envelope);
      if (req.url?.startsWith('/v2.1/track')) envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Application Insights export (OpenTelemetry)', () => {
  let connector: FakeConnector;
  let workDir: string;
  let preload: string;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    workDir = mkdtempSync(join(tmpdir(), 'vbe-stod-telemetry-'));
    // Writes, as the process exits, every module it had loaded: proof of what a start costs.
    preload = join(workDir, 'loaded-modules.cjs');
    writeFileSync(preload, "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(Object.keys(require.cache))));\n");
  });
  afterAll(async () => {
    await connector.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Runs the bot process for one turn and a clean stop; returns its output and loaded modules. */
  async function oneTurn(name: string, env: Record<string, string>) {
    const modulesFile = join(workDir, `${name}.modules.json`);
    const bot = await startBotProcess({
      DATA_DIR: join(workDir, name),
      NODE_OPTIONS: `--require ${preload}`,
      LOADED_MODULES_FILE: modulesFile,
      ...env,
    });
    const conversationId = `a:personal-telemetry-${name}`;
    const response = await postActivity(bot.url, message(`hjälp ${MARKER}`, { serviceUrl: connector.serviceUrl, from: STAFF, conversationId }));
    expect(response.status).toBe(200);
    await connector.waitFor((recorded) => recorded.conversationId === conversationId, 5000);
    expect(await bot.stop()).toBe(0);
    const modules = (JSON.parse(readFileSync(modulesFile, 'utf8')) as string[]).filter((path) => TELEMETRY_MODULES.test(path));
    return { output: bot.output(), modules, conversationId };
  }

  it('loads no OpenTelemetry module when APPLICATIONINSIGHTS_CONNECTION_STRING is unset', async () => {
    const run = await oneTurn('unset', {});
    expect(run.modules).toEqual([]);
    expect(run.output).not.toContain('telemetry.on');
  });

  it('exports the request to the ingestion endpoint on stop, without user text or conversation ids', async () => {
    const ingestion = await startIngestion();
    try {
      const run = await oneTurn('set', {
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=${ingestion.url}`,
        NODE_EXTRA_CA_CERTS: join(TLS, 'ingestion-127.0.0.1.crt'),
      });
      expect(run.output).toContain('"event":"telemetry.on"');
      expect(run.modules.some((path) => path.includes('monitor-opentelemetry'))).toBe(true);

      const requests = ingestion.envelopes.filter((envelope) => envelope.data?.baseType === 'RequestData');
      expect(requests.map((request) => `${request.data?.baseData.name} ${request.data?.baseData.responseCode}`)).toContain('POST /api/messages 200');
      expect(new Set(ingestion.envelopes.map((envelope) => envelope.iKey))).toEqual(new Set([INSTRUMENTATION_KEY]));
      const everything = JSON.stringify(ingestion.envelopes);
      expect(everything).not.toContain(MARKER);
      expect(everything).not.toContain(STAFF.name);
      // Outgoing calls are not traced: the Bot Connector URL names the (1:1) conversation.
      expect(everything).not.toContain(run.conversationId);
      expect(everything).not.toContain(encodeURIComponent(run.conversationId));
      expect(ingestion.envelopes.filter((envelope) => envelope.data?.baseType === 'RemoteDependencyData')).toEqual([]);
    } finally {
      await ingestion.close();
    }
  });
});
