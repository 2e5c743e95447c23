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
