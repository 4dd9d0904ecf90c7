/**
 * The closed set of failures a user can meet. Callers switch on `code`, never on a message;
 * each code is mapped once to a sentence in both languages (see i18n `errors`).
 */
export type AppErrorCode =
  | 'validation'
  | 'identifying_data'
  | 'forbidden'
  | 'rate_limited'
  | 'store_unavailable'
  | 'unknown_action'
  | 'channel_not_bound'
  | 'not_in_channel';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string = code,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
