/**
 * The shapes shared by the two ways smsgw talks HTTP to the outside: `executeRequest` (one
 * connection per call) and `createHttpClient` (kept-alive pools per origin).
 */

export interface HttpLimits {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxResponseBytes: number;
  allowPrivate: boolean;
}

export const DEFAULT_LIMITS: HttpLimits = Object.freeze({
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxResponseBytes: 256 * 1024,
  allowPrivate: false,
});

export type HttpResult =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string; truncated: boolean }
  | { kind: 'error'; written: boolean; code: string; message: string };

/** The error code of a connection refused by the SSRF guard. */
export const SSRF_BLOCKED_CODE = 'gateway_url_not_allowed';

/** The error code of a call whose total deadline passed (connect, queueing and retry included). */
export const DEADLINE_CODE = 'deadline_exceeded';

export function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function errorCode(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return DEADLINE_CODE;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if (err instanceof AggregateError) {
      const inner: unknown = err.errors[0];
      if (inner !== undefined) return errorCode(inner);
    }
    return err.name;
  }
  return 'unknown_error';
}

export function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return 'request failed';
  if (err.name === 'TimeoutError') return 'total deadline exceeded';
  let message = err.message;
  if (message === '' && err instanceof AggregateError) {
    message = err.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ');
  }
  return (message || err.name).slice(0, 300);
}

export function errorResult(written: boolean, err: unknown): HttpResult {
  return { kind: 'error', written, code: errorCode(err), message: errorMessage(err) };
}

/** The reason a deadline aborts with; `errorCode` maps it to `deadline_exceeded`. */
export function deadlineError(): DOMException {
  return new DOMException('deadline', 'TimeoutError');
}
