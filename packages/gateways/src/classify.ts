import type { GatewayConfig, ResponseRule } from './config/schema.js';
import { extract, getPath, scalarString, tryParseJson, type ExtractSource } from './extract.js';
import type { HttpResult } from './http.js';

/**
 * Decides what a gateway's answer means for the message. The classes drive everything after the
 * send: accepted → sent; permanent → failed (or failover when it is the gateway's fault);
 * temporary → retry; throttled → wait without spending an attempt; ambiguous → unknown, because
 * resending a request that may have been delivered would send the SMS twice.
 */

export type SendOutcome =
  | { kind: 'accepted'; gatewayMessageId: string | undefined }
  | { kind: 'permanent'; error: string; gatewayFault: boolean; httpStatus: number | undefined }
  | { kind: 'temporary'; error: string; httpStatus: number | undefined }
  | { kind: 'throttled'; error: string; retryAfterMs: number | undefined }
  | { kind: 'ambiguous'; error: string };

const MAX_ERROR_CHARS = 500;
const BODY_SNIPPET_CHARS = 200;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes from provider text.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]+/g;

function clean(text: string, max: number): string {
  return text.replace(CONTROL_CHARS, ' ').replace(/ {2,}/g, ' ').trim().slice(0, max);
}

function statusMatches(matcher: ResponseRule['status'], status: number): boolean {
  if (matcher === undefined) return true;
  if (typeof matcher === 'number') return matcher === status;
  if (Array.isArray(matcher)) return matcher.includes(status);
  return Math.floor(status / 100) === Number(matcher.charAt(0));
}

function regexMatches(pattern: string, body: string): boolean {
  try {
    return new RegExp(pattern, 'm').test(body);
  } catch {
    // The schema does not validate regexes; a broken one matches nothing rather than failing every send.
    return false;
  }
}

function jsonMatches(cond: NonNullable<ResponseRule['json']>, json: unknown): boolean {
  const value = getPath(json, cond.path);
  const present = value !== undefined && value !== null;
  if (cond.exists !== undefined && cond.exists !== present) return false;
  if (cond.equals !== undefined) {
    const actual = scalarString(value);
    if (actual === undefined) return false;
    const wanted = Array.isArray(cond.equals) ? cond.equals : [cond.equals];
    if (!wanted.some((w) => String(w) === actual)) return false;
  }
  return true;
}

function ruleMatches(rule: ResponseRule, status: number, src: ExtractSource): boolean {
  if (!statusMatches(rule.status, status)) return false;
  if (rule.bodyMatches !== undefined && !regexMatches(rule.bodyMatches, src.body)) return false;
  if (rule.json !== undefined && !jsonMatches(rule.json, src.json)) return false;
  return true;
}

/**
 * Parses Retry-After: delta-seconds or an HTTP-date, as milliseconds from `now` (never negative,
 * never more than `maxMs`). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date, maxMs = Number.POSITIVE_INFINITY): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Math.round(Number(text) * 1000);
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - now.getTime());
  }
  // A huge delta-seconds is Infinity here: the cap turns it into the longest wait we accept.
  return Math.min(ms, maxMs);
}

function defaultGatewayFault(status: number): boolean {
  return status === 401 || status === 402 || status === 403 || (status >= 300 && status < 400);
}

function errorText(config: GatewayConfig, rule: ResponseRule | undefined, status: number, src: ExtractSource): string {
  const extractor = rule?.error ?? config.response.errorText;
  const extracted = extractor === undefined ? undefined : extract(extractor, src);
  if (extracted !== undefined) {
    const text = clean(extracted, MAX_ERROR_CHARS);
    if (text !== '') return text;
  }
  const snippet = clean(src.body, BODY_SNIPPET_CHARS);
  return snippet === '' ? `HTTP ${status}` : `HTTP ${status}: ${snippet}`;
}

/**
 * Classifies an HTTP result by the gateway's config: its response rules first (every condition of
 * a rule must hold; the first matching rule wins), then the defaults: 2xx accepted, 429 throttled
 * (Retry-After capped at `response.maxRetryAfterMs`), 401/402/403 permanent and the gateway's
 * fault, a 2xx without the configured message id ambiguous, 3xx permanent and the gateway's fault
 * (redirects are not followed, so one means a misconfigured URL), other 4xx permanent, 503
 * temporary, every other 5xx ambiguous. A network error is ambiguous when the request may have
 * been written, otherwise temporary.
 */
export function classifyResult(config: GatewayConfig, result: HttpResult, now: Date = new Date()): SendOutcome {
  if (result.kind === 'error') {
    const error = clean(`${result.code}: ${result.message}`, MAX_ERROR_CHARS);
    return result.written ? { kind: 'ambiguous', error } : { kind: 'temporary', error, httpStatus: undefined };
  }
  const status = result.status;
  const src: ExtractSource = { body: result.body, json: tryParseJson(result.body), headers: result.headers };
  const rule = config.response.rules.find((r) => ruleMatches(r, status, src));
  const kind = rule?.outcome ?? defaultOutcome(status);
  switch (kind) {
    case 'accepted': {
      const ex = config.response.messageId;
      if (ex === undefined) return { kind: 'accepted', gatewayMessageId: undefined };
      const gatewayMessageId = extract(ex, src);
      // A bare success status without the id the gateway always gives is an answer we do not
      // understand: it may or may not have taken the message, so it must not be resent. (A rule
      // that says `accepted` outright is the config author's word and is taken.)
      if (gatewayMessageId === undefined && rule === undefined) {
        return { kind: 'ambiguous', error: clean(`HTTP ${status} without a message id: ${result.body}`, MAX_ERROR_CHARS) };
      }
      return { kind: 'accepted', gatewayMessageId };
    }
    case 'throttled':
      return {
        kind: 'throttled',
        error: errorText(config, rule, status, src),
        retryAfterMs: parseRetryAfter(result.headers['retry-after'], now, config.response.maxRetryAfterMs),
      };
    case 'ambiguous':
      return { kind: 'ambiguous', error: errorText(config, rule, status, src) };
    case 'temporary':
      return { kind: 'temporary', error: errorText(config, rule, status, src), httpStatus: status };
    case 'permanent':
      return {
        kind: 'permanent',
        error: errorText(config, rule, status, src),
        gatewayFault: rule?.gatewayFault ?? defaultGatewayFault(status),
        httpStatus: status,
      };
  }
}

function defaultOutcome(status: number): ResponseRule['outcome'] {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 429) return 'throttled';
  // 503 is the one server error that says the request was not taken ("come back later"). A 500
  // may come after the provider queued the message, and a 502/504 from a proxy whose upstream
  // did: resending those is how one SMS goes out twice, so they stay unknown unless a preset's
  // rule says its provider documents otherwise.
  if (status === 503) return 'temporary';
  if (status >= 500) return 'ambiguous';
  // 1xx never reaches here (undici consumes them); 3xx and 4xx are the request's or config's problem.
  return 'permanent';
}
