import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import { errorFields } from '../log';
import { linkGonePage } from './link-gone-page';

export interface HttpServerDeps {
  /** Hands a Bot Framework activity request to the Teams transport, which checks its shape. */
  processActivity: (req: Request, res: Response) => Promise<void>;
  /** Resolves when the store answers; rejects when it does not. */
  checkReady: () => Promise<void>;
  log: Logger;
  /** The document behind a single-use download link; undefined when the link is used, expired or unknown. */
  download?: (token: string) => Promise<{ filename: string; contentType: string; body: Buffer } | undefined>;
}

export interface HttpServer {
  server: Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Stops accepting requests and waits for the turns in progress to finish. */
  close(timeoutMs?: number): Promise<void>;
}

export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const server = restify.createServer({ name: 'vbe-stod', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let closing = false;

  server.post('/api/messages', async (req, res) => {
    if (closing) {
      res.send(503, { error: 'shutting_down' });
      return;
    }
    inFlight += 1;
    try {
      await deps.processActivity(req, res);
    } catch (error) {
      deps.log.error({ event: 'http.activity_failed', err: errorFields(error) }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal' });
    } finally {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    }
  });

  // The lägesbild's download link. Nothing of it may be kept on the way: no-store, and no
  // referrer, so the token does not travel on to another site.
  server.get('/lagesbild/:token', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const token = typeof req.params?.token === 'string' ? req.params.token : '';
    let file: Awaited<ReturnType<NonNullable<HttpServerDeps['download']>>>;
    try {
      file = await deps.download?.(token);
    } catch (error) {
      deps.log.error({ event: 'download.failed', err: errorFields(error) }, 'download failed');
      file = undefined;
    }
    if (!file) {
      deps.log.info({ event: 'download.refused' }, 'download link used, expired or unknown');
      const page = Buffer.from(linkGonePage(), 'utf8');
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length });
      res.end(page);
      return;
    }
    deps.log.info({ event: 'download.served', bytes: file.body.length }, 'download served');
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Content-Length': file.body.length,
    });
    res.end(file.body);
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await deps.checkReady();
      res.send(200, { status: 'ready' });
    } catch {
      res.send(503, { status: 'store_unavailable' });
    }
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve({ port: (server.address() as { port: number }).port }));
      }),
    close: async (timeoutMs = 10_000) => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      // Idle keep-alive connections would hold close() open; in-flight turns are done by now.
      (server.server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      await Promise.race([stopped, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
