import { randomUUID } from 'node:crypto';
import { Agent, type Dispatcher, request } from 'undici';
import { errorFromResponse, SmsgwError } from './errors.js';

/**
 * The POST routes that honour `Idempotency-Key` (a repeat answers with what the first request
 * stored): only these are retried after an error that may have come after the server acted.
 * packages/client/test/openapi-types.test.ts holds this list to the API's document.
 */
export const IDEMPOTENT_POSTS: readonly string[] = ['/v1/billing/runs', '/v1/messages', '/v1/messages/batch'];

/** Errors raised before the request reached the server: always safe to retry. */
const BEFORE_SENDING = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface TransportOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  apiKey: string;
  /** Further attempts after the first (default 3). */
  retries?: number;
  /** First backoff delay (default 200 ms), doubled per attempt up to `maxDelayMs` (default 10 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error is raised (default 60 s). */
  maxRetryAfterMs?: number;
  /** Per attempt, headers and body (default 30 s). */
  timeoutMs?: number;
  /** An undici dispatcher of the caller's (closed by the caller); otherwise the client has its own Agent. */
  dispatcher?: Dispatcher;
  userAgent?: string;
  /** Called before each retry (tests, progress output). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export interface HttpCall {
  method: string;
  /** Path template with `{name}` parameters. */
  path: string;
  params?: Record<string, string | number> | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
  headers?: Record<string, string> | undefined;
  retries?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** `/v1/messages/{id}` with `{id: 'msg_1'}` → `/v1/messages/msg_1` (each value URL-encoded). */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(String(value));
  });
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), if it is readable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * The HTTP layer: bearer key, JSON both ways, and retries. A 429 or 503 is retried for every
 * method (the API refused before acting); a lost connection or a 502/504 only when repeating is
 * harmless: GET/PUT/DELETE, a POST to a route in IDEMPOTENT_POSTS (which carries the same
 * `Idempotency-Key` on every attempt), or a connection that was never made. Delays double from
 * `minDelayMs` with jitter; a `Retry-After` is waited for as given.
 */
export class Transport {
  readonly baseUrl: string;
  readonly #apiKey: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownDispatcher: Agent | undefined;
  readonly #options: Required<Pick<TransportOptions, 'retries' | 'minDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'timeoutMs'>> &
    Pick<TransportOptions, 'userAgent' | 'onRetry'>;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    this.#ownDispatcher = options.dispatcher ? undefined : new Agent({ keepAliveTimeout: 10_000 });
    this.#dispatcher = options.dispatcher ?? (this.#ownDispatcher as Agent);
    this.#options = {
      retries: options.retries ?? 3,
      minDelayMs: options.minDelayMs ?? 200,
      maxDelayMs: options.maxDelayMs ?? 10_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 30_000,
      userAgent: options.userAgent,
      onRetry: options.onRetry,
    };
  }

  /** One call, retried as described above; non-2xx answers are thrown as SmsgwError. */
  async call(call: HttpCall): Promise<HttpAnswer> {
    const method = call.method.toUpperCase();
    const url = this.baseUrl + fillPath(call.path, call.params) + queryString(call.query);
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${this.#apiKey}` };
    if (this.#options.userAgent) headers['user-agent'] = this.#options.userAgent;
    // One key for every attempt of this call: a repeat is answered with what the first one stored.
    if (method === 'POST') headers['idempotency-key'] = randomUUID();
    let payload: string | undefined;
    if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(call.body);
    }
    Object.assign(headers, lowerCased(call.headers));
    const repeatable = method !== 'POST' && method !== 'PATCH' ? true : method === 'POST' && IDEMPOTENT_POSTS.includes(call.path);
    const retries = call.retries ?? this.#options.retries;

    for (let attempt = 0; ; attempt++) {
      let answer: HttpAnswer;
      try {
        answer = await this.#once(method, url, headers, payload, call.signal);
      } catch (err) {
        if (call.signal?.aborted) throw err;
        const code = errorCode(err) ?? 'unknown';
        const safe = repeatable || BEFORE_SENDING.has(code);
        if (!safe || attempt >= retries) {
          throw new SmsgwError({
            status: 0,
            code: 'network_error',
            message: `Cannot reach the API at ${this.baseUrl} (${code}${attempt > 0 ? `, after ${attempt + 1} attempts` : ''})`,
            cause: err,
          });
        }
        await this.#wait(attempt, undefined, `network error ${code}`, call.signal);
        continue;
      }
      if (answer.status < 300) return answer;
      const retryable = answer.status === 429 || answer.status === 503 || (repeatable && (answer.status === 502 || answer.status === 504));
      const asked = retryAfterMs(answer.headers['retry-after']);
      if (!retryable || attempt >= retries || (asked !== undefined && asked > this.#options.maxRetryAfterMs)) {
        throw errorFromResponse(answer.status, answer.body);
      }
      await this.#wait(attempt, asked, `HTTP ${answer.status}`, call.signal);
    }
  }

  async close(): Promise<void> {
    await this.#ownDispatcher?.close();
  }

  async #wait(attempt: number, asked: number | undefined, reason: string, signal: AbortSignal | undefined): Promise<void> {
    const backoff = Math.min(this.#options.maxDelayMs, this.#options.minDelayMs * 2 ** attempt);
    // Half fixed, half random: clients that failed together do not retry together.
    const delayMs = asked ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
    this.#options.onRetry?.({ attempt: attempt + 1, delayMs, reason });
    await sleep(delayMs, signal);
  }

  async #once(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal?: AbortSignal,
  ): Promise<HttpAnswer> {
    const res = await request(url, {
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      dispatcher: this.#dispatcher,
      headersTimeout: this.#options.timeoutMs,
      bodyTimeout: this.#options.timeoutMs,
      ...(signal ? { signal } : {}),
    });
    const text = await res.body.text();
    let parsed: unknown;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        // A proxy's HTML error page, a CSV export: the caller gets the text as it is.
        parsed = text;
      }
    }
    return { status: res.statusCode, headers: res.headers, body: parsed };
  }
}

function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}
