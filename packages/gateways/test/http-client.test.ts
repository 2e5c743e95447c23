import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../src/http-client.js';
import type { HttpLimits } from '../src/http.js';
import { closedPort, closeServers, get, post, rawServer, serve } from './http-test-servers.js';

const LOCAL: HttpLimits = { connectTimeoutMs: 2_000, totalTimeoutMs: 5_000, maxResponseBytes: 64 * 1024, allowPrivate: true };

const clients: HttpClient[] = [];
function client(...args: Parameters<typeof createHttpClient>): HttpClient {
  const c = createHttpClient(...args);
  clients.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await closeServers();
});

const REQUEST_TIMEOUT_408 = 'HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createHttpClient: keep-alive', () => {
  it('sends method, headers and body and returns the response as executeRequest does', async () => {
    const srv = await serve((_req, res, body) => {
      res.writeHead(201, { 'X-Gateway-Id': 'abc', 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ echo: body }));
    });
    const result = await client(LOCAL).execute(post(`${srv.url}/send?x=1`, 'a=1&b=%2B'));
    expect(result).toEqual({
      kind: 'response',
      status: 201,
      headers: expect.objectContaining({ 'x-gateway-id': 'abc', 'content-type': 'application/json' }),
      body: JSON.stringify({ echo: 'a=1&b=%2B' }),
      truncated: false,
    });
    expect(srv.seen).toEqual([{ method: 'POST', url: '/send?x=1', body: 'a=1&b=%2B' }]);
  });

  it('sends sequential requests over one connection', async () => {
    const srv = await serve((req, res) => res.end(req.url));
    const http = client(LOCAL);
    for (let i = 0; i < 20; i += 1) {
      expect(await http.execute(post(`${srv.url}/send/${i}`, `n=${i}`))).toMatchObject({
        kind: 'response',
        status: 200,
        body: `/send/${i}`,
      });
    }
    expect(srv.connections).toBe(1);
    expect(srv.seen).toHaveLength(20);
  });

  it('opens at most connectionsPerOrigin sockets, queueing the rest', async () => {
    const srv = await serve((req, res) => setTimeout(() => res.end(req.url), 20));
    const http = client(LOCAL, { connectionsPerOrigin: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => http.execute(get(`${srv.url}/${i}`))));
    expect(results.map((r) => (r.kind === 'response' ? r.body : r.code))).toEqual(Array.from({ length: 8 }, (_, i) => `/${i}`));
    expect(srv.connections).toBe(2);
  });

  it('survives a provider that closes idle sockets without a Keep-Alive hint: no error, no duplicate', async () => {
    const srv = await rawServer({ idleMs: 100 });
    const http = client(LOCAL);
    const results = [];
    // Some requests reuse the socket within the idle time; others follow the server's FIN at once
    // (before this process may have read it) or well after it.
    const gaps = [0, 20, 'closed', 30, 'closed', 'closed', 250, 10, 'closed', 150] as const;
    let closes = 0;
    for (const [i, gap] of gaps.entries()) {
      if (gap === 'closed') {
        closes += 1;
        await srv.closedCount(closes);
      } else await pause(gap);
      results.push(await http.execute(post(`${srv.url}/send/${i}`, `id=${i}`)));
    }
    expect(results.filter((r) => r.kind !== 'response')).toEqual([]);
    expect(results.map((r) => r.kind === 'response' && r.body)).toEqual(gaps.map((_, i) => `POST /send/${i}`));
    // Each request reached the server exactly once.
    expect(srv.seen.map((s) => s.body)).toEqual(gaps.map((_, i) => `id=${i}`));
  });

  it.each([
    ['reset (RST)', (socket: Socket) => socket.resetAndDestroy(), ['ECONNRESET']],
    // undici drops a socket that answers while idle and requeues the request itself: no retry needed.
    ['closed after an unsolicited 408', (socket: Socket) => socket.end(REQUEST_TIMEOUT_408), []],
  ])('delivers a request whose pooled socket is %s as it is sent, exactly once', async (_name, kill, expectedRetries) => {
    const srv = await rawServer({ idleMs: 60_000 });
    const retries: string[] = [];
    const http = client(LOCAL, { onRetry: (_origin, code) => retries.push(code) });
    expect(await http.execute(post(`${srv.url}/a`, 'id=a'))).toMatchObject({ kind: 'response', body: 'POST /a' });
    expect(srv.connections).toBe(1);
    // The server drops the socket in the same tick as the next request leaves: what it sends is
    // on its way while undici already holds the request for that socket (undici checks an idle
    // socket for a pending close before writing; a failure there is before the write).
    const [socket] = srv.sockets;
    if (socket === undefined) throw new Error('no server socket');
    kill(socket);
    const result = await http.execute(post(`${srv.url}/b`, 'id=b'));
    expect(result).toMatchObject({ kind: 'response', status: 200, body: 'POST /b' });
    expect(retries).toEqual(expectedRetries);
    expect(srv.seen.map((s) => s.body)).toEqual(['id=a', 'id=b']);
    expect(srv.connections).toBe(2);
  });
});

describe('createHttpClient: keep-alive timeouts', () => {
  it('does not reuse a socket whose Keep-Alive hint leaves no safe margin', async () => {
    // timeout=2 minus undici's 2 s threshold leaves nothing: every request gets a new socket.
    const srv = await rawServer({ idleMs: 60_000, keepAliveHint: 'timeout=2' });
    const http = client(LOCAL);
    for (const id of ['a', 'b', 'c']) expect(await http.execute(get(`${srv.url}/${id}`))).toMatchObject({ kind: 'response' });
    expect(srv.connections).toBe(3);
  });

  it('closes an idle socket itself after keepAliveMaxTimeoutMs, whatever the hint says', async () => {
    const srv = await rawServer({ idleMs: 60_000, keepAliveHint: 'timeout=600' });
    const http = client(LOCAL, { keepAliveTimeoutMs: 20_000, keepAliveMaxTimeoutMs: 100 });
    expect(await http.execute(get(srv.url))).toMatchObject({ kind: 'response' });
    const idleSince = performance.now();
    await srv.closedCount(1);
    expect(performance.now() - idleSince).toBeLessThan(2_000);
    expect(await http.execute(get(srv.url))).toMatchObject({ kind: 'response' });
    expect(srv.connections).toBe(2);
  });

  it('closes an idle socket itself after keepAliveTimeoutMs when there is no hint', async () => {
    const srv = await rawServer({ idleMs: 60_000 });
    const http = client(LOCAL, { keepAliveTimeoutMs: 100 });
    expect(await http.execute(get(srv.url))).toMatchObject({ kind: 'response' });
    const idleSince = performance.now();
    await srv.closedCount(1);
    expect(performance.now() - idleSince).toBeLessThan(2_000);
    expect(srv.connections).toBe(1);
  });
});

describe('createHttpClient: written', () => {
  it('reports a reset after the request was read as written, and does not resend it', async () => {
    const srv = await serve((req) => req.socket.resetAndDestroy());
    const result = await client(LOCAL).execute(post(srv.url, 'id=1'));
    expect(result).toMatchObject({ kind: 'error', written: true });
    expect(srv.seen).toHaveLength(1);
  });

  it('reports a reset on a reused socket as written, and does not resend it', async () => {
    const srv = await serve((req, res) => (req.url === '/reset' ? req.socket.resetAndDestroy() : res.end('ok')));
    const http = client(LOCAL);
    expect(await http.execute(get(`${srv.url}/ok`))).toMatchObject({ kind: 'response', body: 'ok' });
    const result = await http.execute(post(`${srv.url}/reset`, 'id=2'));
    expect(result).toMatchObject({ kind: 'error', written: true });
    expect(srv.seen.map((s) => s.url)).toEqual(['/ok', '/reset']);
    expect(srv.connections).toBe(1);
  });

  it('reports a connection closed without an answer as written', async () => {
    const srv = await serve((req) => req.socket.destroy());
    const result = await client(LOCAL).execute(get(srv.url));
    expect(result).toMatchObject({ kind: 'error', written: true });
    expect(srv.seen).toHaveLength(1);
  });

  it('reports a refused connection as not written', async () => {
    const port = await closedPort();
    const retries: string[] = [];
    const result = await client(LOCAL, { onRetry: (_origin, code) => retries.push(code) }).execute(get(`http://127.0.0.1:${port}/`));
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'ECONNREFUSED' });
    // Retried once on a fresh connection, refused again, then reported.
    expect(retries).toEqual(['ECONNREFUSED']);
  });

  it('reports a body cut off by the deadline as written', async () => {
    const srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const result = await client({ ...LOCAL, totalTimeoutMs: 500 }).execute(get(srv.url));
    expect(result).toMatchObject({ kind: 'error', written: true, code: 'deadline_exceeded' });
  });

  it('never throws for an unusable request', async () => {
    const http = client(LOCAL);
    const port = await closedPort();
    for (const req of [
      { ...get(`http://127.0.0.1:${port}/`), headers: { 'bad\nname': 'x' } },
      get('not a url'),
      get(`ftp://127.0.0.1:${port}/`),
    ]) {
      expect(await http.execute(req)).toMatchObject({ kind: 'error', written: false });
    }
  });
});
