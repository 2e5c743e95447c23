/**
 * Every failure the client reports is an SmsgwError: an answer of the API that is not a success
 * (its status and `{error:{code,message}}`), or no answer at all (status 0, code `network_error`,
 * after the retries ran out). Callers switch on `code`, which is the API's closed error code list
 * plus the client's own `network_error` and `invalid_response`.
 */
export class SmsgwError extends Error {
  override readonly name = 'SmsgwError';
  /** The HTTP status, or 0 when the API could not be reached. */
  readonly status: number;
  /** The API's error code (`not_found`, `rate_limited`…), or `network_error` / `invalid_response`. */
  readonly code: string;
  /** The API's `error.details`, when it gave any. */
  readonly details: Record<string, unknown> | undefined;
  /** The whole parsed answer (a 422 of a batch carries its per-item results here). */
  readonly body: unknown;

  constructor(init: { status: number; code: string; message: string; details?: Record<string, unknown>; body?: unknown; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.body = init.body;
  }

  /** A plain object for logs and `--json` output. */
  toJSON(): { status: number; code: string; message: string; details?: Record<string, unknown> } {
    return { status: this.status, code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** True for an SmsgwError (also across copies of the package). */
export function isSmsgwError(err: unknown): err is SmsgwError {
  return err instanceof SmsgwError || (err instanceof Error && err.name === 'SmsgwError' && 'code' in err && 'status' in err);
}

/** The error of a non-2xx answer whose body is (or is not) the API's error shape. */
export function errorFromResponse(status: number, body: unknown): SmsgwError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string') {
      const details = typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : undefined;
      return new SmsgwError({ status, code: e.code, message: e.message, ...(details ? { details } : {}), body });
    }
  }
  return new SmsgwError({ status, code: 'invalid_response', message: `The API answered ${status} without an error body`, body });
}
