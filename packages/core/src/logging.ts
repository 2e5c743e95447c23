/**
 * Logging rules shared by every process: what pino must redact, and how an error is made safe
 * to log (or to store as a failed job's reason in Redis).
 */

/** Paths pino removes from every log line: credentials, keys, phone numbers and message bodies. */
export const LOG_REDACT = {
  paths: [
    'req.headers.authorization',
    'req.headers["x-api-key"]',
    'headers.authorization',
    '*.credentials',
    'credentials',
    '*.content',
    'content',
    '*.to',
    'to',
    '*.from',
    'from',
    '*.text',
    'text',
    'password',
    '*.password',
  ],
  censor: '[redacted]',
};

/**
 * An error as it may be logged or stored. Drizzle's failed-query error carries the query's
 * parameters in its message and a `params` field (phone numbers, bodies, encrypted
 * credentials), so only the query text (placeholders, no values) and the database's own error stay.
 *
 * @param err - whatever was thrown
 */
export function loggableError(err: unknown): unknown {
  if (!(err instanceof Error) || !('params' in err) || !('query' in err)) return err;
  const cause: unknown = err.cause;
  // PostgreSQL quotes offending values in some messages ("invalid input syntax … \"+4474…\""): cut them out.
  const params = Array.isArray(err.params) ? err.params.map(String).filter((p) => p.length >= 3) : [];
  const causeText = cause instanceof Error ? params.reduce((m, p) => m.split(p).join('[redacted]'), cause.message) : '';
  const safe = new Error(`Failed query: ${String(err.query)}${causeText ? ` (${causeText})` : ''}`);
  safe.name = err.name;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) Object.assign(safe, { code: String(cause.code) });
  safe.stack = `${safe.name}: ${safe.message}\n${(err.stack ?? '')
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .join('\n')}`;
  return safe;
}

/**
 * pino options every smsgw process uses: redaction, and an `err` serializer that makes errors
 * safe first. `stdErr` is pino's own serializer (passed in so this package stays free of pino).
 */
export function loggerOptions(level: string, stdErr: (e: Error) => unknown) {
  return {
    level,
    redact: LOG_REDACT,
    serializers: { err: (e: unknown) => (e instanceof Error ? stdErr(loggableError(e) as Error) : e) },
  };
}
