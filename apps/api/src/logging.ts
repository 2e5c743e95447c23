/**
 * Paths pino removes from every log line: credentials, keys, phone numbers and message bodies
 * must never reach a log, whatever object a caller happens to log.
 */
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
 * An error as it may be logged. Drizzle's failed-query error carries the query's parameters in
 * its message and a `params` field (phone numbers, bodies, encrypted credentials), so only the
 * query text (placeholders, no values) and the database's own error stay.
 *
 * @param err - whatever was thrown
 */
export function loggableError(err: unknown): unknown {
  if (!(err instanceof Error) || !('params' in err) || !('query' in err)) return err;
  const cause: unknown = err.cause;
  const safe = new Error(`Failed query: ${String(err.query)}${cause instanceof Error ? ` (${cause.message})` : ''}`);
  safe.name = err.name;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) Object.assign(safe, { code: String(cause.code) });
  safe.stack = `${safe.name}: ${safe.message}\n${(err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n')}`;
  return safe;
}
