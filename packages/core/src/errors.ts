/**
 * Errors that carry an API error code and the HTTP status it maps to. Every layer throws these
 * (or lets unknown errors become 500s with the details hidden), so the API's single error
 * handler can answer `{error:{code,message}}` without knowing where the error came from.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

export class AppError extends Error {
  readonly code: string;
  readonly status: ErrorStatus;
  readonly details: unknown;

  constructor(status: ErrorStatus, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (message = 'A valid API key is required') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'This key may not do that') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(422, code, message, details);

/** True for errors raised on purpose with a code; anything else is a bug or an outage. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
