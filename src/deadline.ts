/**
 * Deadlines for outbound calls (Teams, the token endpoint, Cosmos DB). A peer that accepts the
 * connection and never answers must cost one failed attempt, not a stuck outbox or a shutdown that
 * never ends. SDK-agnostic on purpose: the transport will move to another SDK, the rule stays.
 */

/** A call that did not finish in time; `code` is what delivery records and logs show. */
export class DeadlineExceededError extends Error {
  readonly code = 'timeout';

  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'DeadlineExceededError';
  }
}

export function isDeadlineExceeded(error: unknown): error is DeadlineExceededError {
  return error instanceof DeadlineExceededError;
}

/**
 * Runs `work` and rejects with DeadlineExceededError after `ms`. The signal handed to `work` is
 * aborted at the deadline: pass it to the request so it is torn down, not only left behind. Where
 * a library takes no signal the call is abandoned (its result, if it ever comes, is ignored).
 */
export async function withDeadline<T>(ms: number, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineExceededError(what, ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
