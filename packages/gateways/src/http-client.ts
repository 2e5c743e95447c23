import { Client, Pool, type Dispatcher } from 'undici';
import { createGuardedConnector } from './http-connect.js';
import { dispatchOnce } from './http-exchange.js';
import { deadlineError, DEADLINE_CODE, errorResult, SSRF_BLOCKED_CODE, type HttpLimits, type HttpResult } from './http-types.js';
import type { RenderedRequest } from './render.js';

/**
 * The hot-path HTTP client: kept-alive connections per gateway origin, so an SMS costs a request,
 * not a TCP and TLS handshake. It keeps every guarantee of `executeRequest` (connect timeout,
 * total deadline, size cap, no redirects, SSRF guard at connect time, never throws) and keeps
 * `written` exact per request although sockets are shared (see http-exchange.ts).
 */

export interface HttpClientOptions {
  /** Sockets per origin; requests beyond wait in the pool (unwritten) within their deadline. */
  connectionsPerOrigin?: number;
  /** Origins kept at once; the least recently used one is closed (gracefully) past this. */
  maxOrigins?: number;
  /** How long an idle socket is kept when the server sends no Keep-Alive hint. */
  keepAliveTimeoutMs?: number;
  /** The longest a server's Keep-Alive hint may make us keep an idle socket. */
  keepAliveMaxTimeoutMs?: number;
  /** Told when a request failed unwritten and is being retried on a fresh connection (logs, metrics). */
  onRetry?: (origin: string, code: string) => void;
}

export interface HttpClient {
  /**
   * Sends a rendered request. Returns the response (3xx included) with lowercased header names
   * and the body cut at `maxResponseBytes`, or an error whose `written` is false only when this
   * request's bytes cannot have reached the server (safe to retry) and true otherwise
   * (ambiguous). A request that failed unwritten is first retried once on a fresh connection,
   * so a kept-alive socket found dead before the request was written never surfaces as an error;
   * a request that failed after it was written is never resent. Never throws.
   */
  execute(req: RenderedRequest): Promise<HttpResult>;
  /**
   * Waits for the calls in flight (each bounded by its deadline), then closes every connection.
   * Calls made after `close()` return an unwritten `http_client_closed` error.
   */
  close(): Promise<void>;
}

export const HTTP_CLIENT_DEFAULTS: Readonly<Required<Omit<HttpClientOptions, 'onRetry'>>> = Object.freeze({
  connectionsPerOrigin: 16,
  maxOrigins: 64,
  keepAliveTimeoutMs: 4_000,
  keepAliveMaxTimeoutMs: 30_000,
});

/** The error code of a call made after `close()`. */
export const CLIENT_CLOSED_CODE = 'http_client_closed';

// Failures that a second attempt cannot change: the address is refused, the request itself is
// unusable, or there is no time left.
const NOT_RETRIED = new Set([SSRF_BLOCKED_CODE, DEADLINE_CODE, 'UND_ERR_INVALID_ARG', 'ERR_INVALID_URL']);

/** Creates a client with its own pools; `limits` apply to every call made through it. */
export function createHttpClient(limits: HttpLimits, opts: HttpClientOptions = {}): HttpClient {
  const o = { ...HTTP_CLIENT_DEFAULTS, ...opts };
  const connectionOptions: Client.Options = {
    connect: createGuardedConnector(limits),
    // One request per socket at a time and HTTP/1.1 only: the write-stage hook in http-exchange.ts
    // is client-h1's, and a pipelined request would share its fate with the one ahead of it.
    pipelining: 1,
    allowH2: false,
    keepAliveTimeout: o.keepAliveTimeoutMs,
    keepAliveMaxTimeout: o.keepAliveMaxTimeoutMs,
    // A server's "timeout=N" is shortened by this margin, so we stop reusing a socket before the
    // server closes it rather than racing its close with our next request.
    keepAliveTimeoutThreshold: 2_000,
    headersTimeout: limits.totalTimeoutMs,
    bodyTimeout: limits.totalTimeoutMs,
  };
  // Insertion order is recency order: a hit is deleted and set again.
  const pools = new Map<string, Pool>();
  /** Pools evicted from `pools`, closing once their requests are done. */
  const retiring = new Set<Pool>();
  const inflight = new Set<Promise<HttpResult>>();
  let closed = false;

  function retire(pool: Pool): void {
    retiring.add(pool);
    void pool
      .close()
      .catch(() => undefined)
      .finally(() => retiring.delete(pool));
  }

  function poolFor(origin: string): Pool {
    let pool = pools.get(origin);
    if (pool !== undefined) {
      pools.delete(origin);
    } else {
      pool = new Pool(origin, { ...connectionOptions, connections: o.connectionsPerOrigin });
    }
    pools.set(origin, pool);
    for (const [oldest, old] of pools) {
      if (pools.size <= o.maxOrigins) break;
      pools.delete(oldest);
      retire(old);
    }
    return pool;
  }

  /** The retry's connection: a client of its own, so it cannot be handed another pooled socket. */
  async function onFreshConnection(origin: string, dispatch: Dispatcher.DispatchOptions, deadline: AbortSignal): Promise<HttpResult> {
    const client = new Client(origin, connectionOptions);
    try {
      return await dispatchOnce(client, dispatch, limits.maxResponseBytes, deadline);
    } finally {
      // Also kills a connect still in flight after the deadline.
      client.destroy().catch(() => undefined);
    }
  }

  async function attempt(req: RenderedRequest): Promise<HttpResult> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(deadlineError()), limits.totalTimeoutMs);
    try {
      const url = new URL(req.url);
      const dispatch: Dispatcher.DispatchOptions = {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers: req.headers,
        body: req.body,
      };
      const first = await dispatchOnce(poolFor(url.origin), dispatch, limits.maxResponseBytes, deadline.signal);
      if (first.kind === 'response' || first.written || NOT_RETRIED.has(first.code) || closed) return first;
      o.onRetry?.(url.origin, first.code);
      return await onFreshConnection(url.origin, dispatch, deadline.signal);
    } catch (err) {
      // Only a bad URL or an origin undici refuses (not http/https) gets here, before any dispatch.
      return errorResult(false, err);
    } finally {
      clearTimeout(timer);
    }
  }

  function execute(req: RenderedRequest): Promise<HttpResult> {
    if (closed) return Promise.resolve({ kind: 'error', written: false, code: CLIENT_CLOSED_CODE, message: 'HTTP client is closed' });
    const result = attempt(req);
    inflight.add(result);
    void result.finally(() => inflight.delete(result));
    return result;
  }

  async function close(): Promise<void> {
    closed = true;
    // Every call settles within its deadline. What is left in the pools after that is abandoned
    // work (a connect still running, a request that expired while queued and is reported as not
    // written), so the pools are destroyed rather than drained.
    await Promise.all([...inflight]);
    const all = [...pools.values(), ...retiring];
    pools.clear();
    retiring.clear();
    await Promise.all(all.map((pool) => pool.destroy().catch(() => undefined)));
  }

  return { execute, close };
}
