/**
 * Logging rules shared by every process: what pino must redact, how an error is made safe
 * to log (or to store as a failed job's reason in Redis), and whether lines are JSON or pretty.
 */
import { createRequire } from 'node:module';
import type { EnvReader } from './env.js';

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
 * SMSGW_LOG_FORMAT: `json` (one JSON object a line, for log collectors), `pretty` (colours and
 * aligned fields, for people; needs pino-pretty), or `auto` (the default): pretty when stdout is
 * a terminal and pino-pretty is installed, JSON otherwise. pino-pretty is a dev dependency, so
 * the production image (no dev dependencies) always logs JSON.
 */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormatSetting = (typeof LOG_FORMATS)[number];
export type LogFormat = Exclude<LogFormatSetting, 'auto'>;

/** Where pino-pretty is, or undefined when it is not installed (a production install). */
export function prettyTransportPath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('pino-pretty');
  } catch {
    return undefined;
  }
}

/** Reads SMSGW_LOG_FORMAT; asking for `pretty` where pino-pretty is not installed is a problem, not a silent fallback. */
export function readLogFormat(r: EnvReader, prettyInstalled: () => boolean = () => prettyTransportPath() !== undefined): LogFormatSetting {
  const value = r.str('SMSGW_LOG_FORMAT', 'auto').trim().toLowerCase();
  if (!(LOG_FORMATS as readonly string[]).includes(value)) {
    r.problem(`SMSGW_LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}`);
    return 'auto';
  }
  if (value === 'pretty' && !prettyInstalled()) {
    r.problem('SMSGW_LOG_FORMAT=pretty needs pino-pretty, a dev dependency (not in the production image): use json or auto');
  }
  return value as LogFormatSetting;
}

/** The format a process logs in, given its setting, whether stdout is a terminal, and whether pino-pretty is there. */
export function resolveLogFormat(setting: LogFormatSetting, isTTY: boolean, prettyInstalled: boolean): LogFormat {
  if (!prettyInstalled || setting === 'json') return 'json';
  return setting === 'pretty' || isTTY ? 'pretty' : 'json';
}

export interface LogOutput {
  /** SMSGW_LOG_FORMAT as read by the app's config; JSON when not given. */
  readonly format?: LogFormatSetting;
  /** `process.stdout.isTTY` of the entry point. */
  readonly isTTY?: boolean | undefined;
}

/**
 * pino options every smsgw process uses: redaction, an `err` serializer that makes errors
 * safe first, and pino-pretty as a transport when the output is pretty (loaded only then, so a
 * production install without it works). `stdErr` is pino's own serializer (passed in so this
 * package stays free of pino).
 */
export function loggerOptions(level: string, stdErr: (e: Error) => unknown, output: LogOutput = {}) {
  const pretty = output.format === undefined || output.format === 'json' ? undefined : prettyTransportPath();
  const format = resolveLogFormat(output.format ?? 'json', output.isTTY === true, pretty !== undefined);
  return {
    level,
    redact: LOG_REDACT,
    serializers: { err: (e: unknown) => (e instanceof Error ? stdErr(loggableError(e) as Error) : e) },
    ...(format === 'pretty' && pretty
      ? {
          transport: {
            target: pretty,
            options: { colorize: output.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
