import { Agent, request } from 'undici';
import { createGuardedConnector } from './http-connect.js';
import { deadlineError, errorResult, flattenHeaders, type HttpLimits, type HttpResult } from './http-types.js';
import type { RenderedRequest } from './render.js';

/**
 * The door through which smsgw talks HTTP to the outside (gateways, balance queries, webhooks).
 * Every call gets a connect timeout, a total deadline, a response size cap, no redirects and the
 * SSRF guard at connect time. Network trouble is returned, never thrown, together with the one
 * fact the sender needs to decide between "retry" and "unknown": could the request have been
 * written to the server? `executeRequest` opens a connection per call; the hot path uses
 * `createHttpClient` (http-client.ts), which keeps connections alive per gateway.
 */

export { DEFAULT_LIMITS, SSRF_BLOCKED_CODE, type HttpLimits, type HttpResult } from './http-types.js';

interface ConnectState {
  /** The socket connected (and finished TLS): from here on, request bytes may be on the wire. */
  connected: boolean;
}

/**
 * A dispatcher for one call. One agent per call keeps the "connected" fact per request (a pooled,
 * kept-alive socket would make every failure look written) and leaves no idle socket behind.
 */
function createAgent(limits: HttpLimits, state: ConnectState): Agent {
  return new Agent({
    connect: createGuardedConnector(limits, () => {
      state.connected = true;
    }),
    connections: 1,
    pipelining: 1,
    headersTimeout: limits.totalTimeoutMs,
    bodyTimeout: limits.totalTimeoutMs,
  });
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
  const timer = setTimeout(() => deadline.abort(deadlineError()), limits.totalTimeoutMs);
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
    return errorResult(state.connected, err);
  } finally {
    clearTimeout(timer);
    // Destroying the agent also kills a connect still in flight after the deadline.
    agent?.destroy().catch(() => undefined);
  }
}
