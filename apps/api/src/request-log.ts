/**
 * What a request looks like in the log. Fastify's default logs the raw URL, and ours carry
 * secrets and personal data in it: the callback token in `/callbacks/<gw>/<token>/…` and the
 * legacy `?token=`, phone numbers in `/v1/opt-outs/<number>`, `?to=`, `?from=`, and providers'
 * inbound message text in query strings (Kannel). So the log gets the route pattern and each
 * parameter by a rule for its name: secrets hidden, numbers masked, known-harmless values kept,
 * and anything else reduced to its length, since a provider may put any text under any name.
 */
import { maskPhone, redactText } from '@smsgw/core';

/** Names whose values are credentials: hidden entirely, not even their length. */
const SECRET = /token|secret|password|passwd|signature|^sig$|key|auth|hmac|credential/i;
/** Names that carry phone numbers (ours and the providers'): masked like every number we log. */
const PHONE =
  /^(to|from|number|phone|msisdn|mobile|sender|recipient|destination|dest|source|src|originator|receiver|oadc|adc)$|number$|phone$/i;
/**
 * Values that are ours (ids, names, paging) or a provider's status words: safe and useful.
 * `*` is the rest of a path under a wildcard route (Bull Board's and the docs' files).
 */
const HARMLESS = new Set([
  'id',
  'name',
  'gateway',
  '*',
  'limit',
  'cursor',
  'status',
  'scope',
  'billee',
  'format',
  'messageid',
  'message_id',
  'smsc',
  'type',
]);
/** Longer values are cut: a log line is not a place for a payload. */
const MAX_KEPT = 64;

/** The value a parameter shows in the log, by the rule for its name. */
export function loggableParam(name: string, value: string): string {
  if (SECRET.test(name)) return '[redacted]';
  if (PHONE.test(name)) return maskPhone(value);
  if (HARMLESS.has(name.toLowerCase())) return value.length > MAX_KEPT ? `${value.slice(0, MAX_KEPT)}…` : value;
  return redactText(value);
}

/** Every string (or list of strings) of a params or query object, made loggable; other values by type only. */
function loggableParams(input: unknown): Record<string, string | string[]> | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'string') out[name] = loggableParam(name, value);
    else if (Array.isArray(value)) out[name] = value.map((v) => loggableParam(name, String(v)));
    else out[name] = `[${typeof value}]`;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The first path segment of a URL no route matched: enough to tell scanners from typos, no more. */
function unmatchedPath(url: unknown): string {
  const path = typeof url === 'string' ? (url.split('?')[0] ?? '') : '';
  if (path === '' || path === '/') return '/';
  const first = /^\/[A-Za-z0-9._-]{1,40}/.exec(path)?.[0] ?? '';
  return first === path ? path : `${first}/…`;
}

/** The fields of a Fastify request the serializer reads; anything may be missing on odd requests. */
interface RequestLike {
  method?: unknown;
  url?: unknown;
  routeOptions?: { url?: unknown };
  params?: unknown;
  query?: unknown;
  host?: unknown;
  ip?: unknown;
  socket?: { remotePort?: unknown } | null;
}

/**
 * pino's `req` serializer for Fastify requests (the "incoming request" line and errors): the
 * route pattern instead of the URL, with params and query made loggable. Never throws, since
 * it runs inside logging, on requests that may have failed before routing.
 */
export function serializeRequest(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return {};
  const req = input as RequestLike;
  const pattern = req.routeOptions?.url;
  const routed = typeof pattern === 'string';
  const params = routed ? loggableParams(req.params) : undefined;
  const query = loggableParams(req.query);
  return {
    method: req.method,
    route: routed ? pattern : unmatchedPath(req.url),
    ...(params ? { params } : {}),
    ...(query ? { query } : {}),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
