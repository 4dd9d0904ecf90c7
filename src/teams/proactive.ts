import type { TurnContext } from '@microsoft/agents-hosting';
import { withDeadline } from '../deadline';
import type { DeliveryOutcome } from '../domain/delivery';
import { withOutboundSignal, type TeamsAdapter } from './adapter';
import { connectorFailureOf } from './connector-failure';
import { sdkReference } from './conversation-reference';

/** Turns a connector failure into the delivery state machine's terms. */
export function outcomeOfSendError(error: unknown): DeliveryOutcome {
  const { status, code, retryAfterSeconds } = connectorFailureOf(error);
  if (status === 429) return { kind: 'throttled', retryAfterMs: retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000 };
  if (status === 403 || status === 404) return { kind: 'unreachable', code: `http_${status}` };
  return { kind: 'transient', code: status ? `http_${status}` : code ?? 'network' };
}

/**
 * Runs `send` in a proactive turn of `reference` and rethrows what it threw. Caught inside the
 * turn: thrown out of it, the adapter would hand it to the turn error handler and resolve as if
 * the send had gone through.
 */
export async function inProactiveTurn(adapter: TeamsAdapter, reference: Record<string, unknown>, send: (context: TurnContext) => Promise<void>): Promise<void> {
  let failure: unknown;
  await adapter.continueConversation(adapter.proactiveIdentity(), sdkReference(reference), async (context) => {
    try {
      await send(context);
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw failure;
}

/**
 * A proactive send within `timeoutMs`: the deadline covers the token fetch, the SDK's own work
 * and the connector request, which gets the deadline's signal.
 */
export function sendProactively(adapter: TeamsAdapter, reference: Record<string, unknown>, what: string, timeoutMs: number, send: (context: TurnContext) => Promise<void>): Promise<void> {
  return withDeadline(timeoutMs, what, (signal) => withOutboundSignal(signal, () => inProactiveTurn(adapter, reference, send)));
}
