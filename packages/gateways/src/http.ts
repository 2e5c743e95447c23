import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import type { RenderedRequest } from './render.js';
import { isPrivateAddress } from './ssrf.js';

/**
 * The one door through which smsgw talks HTTP to the outside (gateways, balance queries, webhooks).
 * Every call gets a connect timeout, a total deadline, a response size cap, no redirects and the
 * SSRF guard at connect time. Network trouble is returned, never thrown, together with the one
 * fact the sender needs to decide between "retry" and "unknown": could the request have been
 * written to the server?
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

class BlockedAddressError extends Error {
  readonly code = SSRF_BLOCKED_CODE;
  constructor(host: string) {
    super(`refused to connect to ${host}: private or reserved address`);
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect that refuses the host when any of its addresses is private.
 * It runs when the socket is opened, so a name that was public at save time and resolves to
 * 127.0.0.1 now (DNS rebinding) is still refused.
 */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const first = addresses[0];
    if (first === undefined || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(new BlockedAddressError(hostname), '', 0);
    }
    if (options.all === true) return callback(null, addresses);
    return callback(null, first.address, first.family);
  });
}

interface ConnectState {
  /** The socket connected (and finished TLS): from here on, request bytes may be on the wire. */
  connected: boolean;
}

/**
 * A dispatcher for one call. One agent per call keeps the "connected" fact per request (a pooled,
 * kept-alive socket would make every failure look written) and leaves no idle socket behind.
 */
function createAgent(limits: HttpLimits, state: ConnectState): Agent {
  const base = buildConnector({
    timeout: limits.connectTimeoutMs,
    ...(limits.allowPrivate ? {} : { lookup: guardedLookup }),
  });
  const connect: buildConnector.connector = (opts, callback) => {
    // net.connect skips `lookup` for IP literals, so those are checked here before any packet leaves.
    if (!limits.allowPrivate && isIP(opts.hostname) !== 0 && isPrivateAddress(opts.hostname)) {
      callback(new BlockedAddressError(opts.hostname), null);
      return;
    }
    base(opts, (...args) => {
      const [err, socket] = args;
      if (err !== null) return callback(err, null);
      const remote = (socket as Socket).remoteAddress;
      if (!limits.allowPrivate && (remote === undefined || isPrivateAddress(remote))) {
        socket.destroy();
        return callback(new BlockedAddressError(opts.hostname), null);
      }
      state.connected = true;
      return callback(null, socket);
    });
  };
  return new Agent({
    connect,
    connections: 1,
    pipelining: 1,
    headersTimeout: limits.totalTimeoutMs,
    bodyTimeout: limits.totalTimeoutMs,
  });
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readCapped(body: AsyncIterable<Buffer>, cap: number): Promise<{ body: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    if (size + chunk.length > cap) {
      chunks.push(chunk.subarray(0, cap - size));
      size = cap;
      truncated = true;
      // Leaving the loop destroys the stream: the rest of the response is never read.
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { body: Buffer.concat(chunks, size).toString('utf8'), truncated };
}

function errorCode(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'deadline_exceeded';
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

function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return 'request failed';
  if (err.name === 'TimeoutError') return 'total deadline exceeded';
  let message = err.message;
  if (message === '' && err instanceof AggregateError) {
    message = err.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ');
  }
  return (message || err.name).slice(0, 300);
}

/**
 * Sends a rendered request under the given limits. Returns the response (3xx included: redirects
 * are never followed) with lowercased header names and the body cut at `maxResponseBytes`
 * (`truncated: true`), or an error with `written`: false when the request cannot have reached the
 * server (DNS failure, refused or timed-out connect, SSRF refusal: safe to retry), true when it
 * was or may have been written (read timeout, reset, deadline after connect). Never throws.
 */
export async function executeRequest(req: RenderedRequest, limits: HttpLimits): Promise<HttpResult> {
  const state: ConnectState = { connected: false };
  let agent: Agent | undefined;
  const deadline = new AbortController();
  // undici lets a pending connect run to its own timeout even after the signal aborts, so the
  // deadline is enforced here around the whole exchange, connect included.
  const timer = setTimeout(() => deadline.abort(new DOMException('deadline', 'TimeoutError')), limits.totalTimeoutMs);
  try {
    agent = createAgent(limits, state);
    const dispatcher = agent;
    const exchange = (async (): Promise<HttpResult> => {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher,
        signal: deadline.signal,
      });
      const { body, truncated } = await readCapped(res.body, limits.maxResponseBytes);
      return { kind: 'response', status: res.statusCode, headers: flattenHeaders(res.headers), body, truncated };
    })();
    const expired = new Promise<never>((_resolve, reject) => {
      deadline.signal.addEventListener('abort', () => reject(deadline.signal.reason), { once: true });
    });
    // Whichever loses the race rejects later; nobody waits for it.
    exchange.catch(() => undefined);
    expired.catch(() => undefined);
    return await Promise.race([exchange, expired]);
  } catch (err) {
    return { kind: 'error', written: state.connected, code: errorCode(err), message: errorMessage(err) };
  } finally {
    clearTimeout(timer);
    // Destroying the agent also kills a connect still in flight after the deadline.
    agent?.destroy().catch(() => undefined);
  }
}
