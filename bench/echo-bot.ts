/**
 * A bare echo bot on the same stack as VBE-stöd (restify 11 + the Agents SDK's CloudAdapter, as
 * src/teams/adapter.ts configures it, + AgentApplication, same server and application options), used by bench/concern-flow.ts as the floor of the stack:
 * one message in → one text reply to the connector → HTTP 200.
 *
 * Runs as its own process: PORT (0 = free port) and HOST from the environment; prints one JSON line
 * `{"event":"listening","port":N}` on stdout when ready; exits on SIGTERM/SIGINT.
 * Authentication is off (no MicrosoftAppId), as in the benchmarked VBE-stöd child.
 */
import restify from 'restify';
import { ActivityTypes } from '@microsoft/agents-activity';
import { AgentApplication, type TurnState } from '@microsoft/agents-hosting';
import { TeamsAdapter } from '../src/teams/adapter';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const adapter = new TeamsAdapter(undefined, 15_000);
// Same application options as src/teams/bot.ts.
const app = new AgentApplication<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
app.onActivity(ActivityTypes.Message, async (context) => {
  await context.sendActivity(context.activity.text || '…');
});
app.onError(async (_context, error) => {
  process.stderr.write(`echo-bot turn failed: ${error.message}\n`);
});

// Same server set-up as src/http/server.ts (body parser limits, no uncaught-exception domain).
const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  try {
    await adapter.process(req as never, res as never, async (context) => {
      await app.run(context);
    });
  } catch (error) {
    if (!res.headersSent) res.send(500, { error: 'internal' });
    process.stderr.write(`echo-bot request failed: ${(error as Error).message}\n`);
  }
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});

server.listen(port, host, () => {
  const address = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ event: 'listening', port: address.port })}\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  (server.server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
