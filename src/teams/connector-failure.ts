/**
 * What a failed connector call says, read once from whatever the SDK threw: its HTTP client
 * (native fetch) throws an HttpError with `status` and the response's Headers for an answer
 * outside 2xx, and fetch's own TypeError, with the socket error as `cause`, for no answer at all.
 */
export interface ConnectorFailure {
  status?: number;
  /** The socket error (ECONNREFUSED, …) or our own code (timeout) when there was no HTTP answer. */
  code?: string;
  retryAfterSeconds?: number;
}

export function connectorFailureOf(error: unknown): ConnectorFailure {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown;
    code?: unknown;
    cause?: { code?: unknown };
    response?: { headers?: { get?(name: string): string | null | undefined } };
  };
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  const code = typeof failure.code === 'string' ? failure.code : typeof failure.cause?.code === 'string' ? failure.cause.code : undefined;
  const retryAfter = Number(failure.response?.headers?.get?.('retry-after') ?? Number.NaN);
  return { status, code, retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined };
}
