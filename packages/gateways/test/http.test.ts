import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, executeRequest, type HttpLimits } from '../src/http.js';
import type { RenderedRequest } from '../src/render.js';

const LOCAL: HttpLimits = { connectTimeoutMs: 2_000, totalTimeoutMs: 5_000, maxResponseBytes: 64 * 1024, allowPrivate: true };

interface TestServer {
  port: number;
  url: string;
  /** Requests seen, in order. */
  seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  connections: number;
  /** Resolves with the next request the server receives (its body read). */
  nextRequest: () => Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise<void>((resolve) => s.close(() => resolve()));
    }),
  );
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<TestServer> {
  const waiters: (() => void)[] = [];
  const state: TestServer = {
    port: 0,
    url: '',
    seen: [],
    connections: 0,
    nextRequest: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      waiters.shift()?.();
      handler(req, res, body);
    });
  });
  server.on('connection', () => {
    state.connections += 1;
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  return state;
}

function get(url: string): RenderedRequest {
  return { method: 'GET', url, headers: { 'user-agent': 'smsgw/0.1' }, body: undefined };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('executeRequest', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ connectTimeoutMs: 5_000, totalTimeoutMs: 15_000, maxResponseBytes: 262_144, allowPrivate: false });
  });

  it('sends method, headers and body, and returns status, lowercased headers and body', async () => {
    const srv = await serve((_req, res, body) => {
      res.writeHead(201, { 'X-Gateway-Id': 'abc', 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ echo: body }));
    });
    const result = await executeRequest(
      { method: 'POST', url: `${srv.url}/send?x=1`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=%2B' },
      LOCAL,
    );
    expect(result).toEqual({
      kind: 'response',
      status: 201,
      headers: expect.objectContaining({ 'x-gateway-id': 'abc', 'content-type': 'application/json' }),
      body: JSON.stringify({ echo: 'a=1&b=%2B' }),
      truncated: false,
    });
    expect(srv.seen[0]).toMatchObject({ method: 'POST', url: '/send?x=1', body: 'a=1&b=%2B' });
    expect(srv.seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('stops reading at the size cap and marks the body truncated', async () => {
    const srv = await serve((_req, res) => res.end('x'.repeat(100_000)));
    const result = await executeRequest(get(srv.url), { ...LOCAL, maxResponseBytes: 1000 });
    expect(result.kind).toBe('response');
    if (result.kind !== 'response') return;
    expect(result.body).toHaveLength(1000);
    expect(result.truncated).toBe(true);
  });

  it('does not follow redirects', async () => {
    const srv = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.end('followed');
    });
    const result = await executeRequest(get(`${srv.url}/start`), LOCAL);
    expect(result).toMatchObject({ kind: 'response', status: 302, headers: { location: '/elsewhere' } });
    expect(srv.seen.map((r) => r.url)).toEqual(['/start']);
  });

  it('reports a refused connection as not written', async () => {
    const port = await closedPort();
    const result = await executeRequest(get(`http://127.0.0.1:${port}/`), LOCAL);
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'ECONNREFUSED' });
  });

  it('reports a DNS failure as not written', async () => {
    const result = await executeRequest(get('http://does-not-exist.invalid/'), LOCAL);
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'ENOTFOUND' });
  });

  it('reports a server that hangs after reading the request as written', async () => {
    const srv = await serve(() => undefined);
    const received = srv.nextRequest();
    const result = await executeRequest(get(srv.url), { ...LOCAL, totalTimeoutMs: 750 });
    await received;
    expect(result).toMatchObject({ kind: 'error', written: true });
  });

  it('reports a reset after the request as written', async () => {
    const srv = await serve((req) => req.socket.resetAndDestroy());
    const result = await executeRequest(get(srv.url), LOCAL);
    expect(srv.seen).toHaveLength(1);
    expect(result).toMatchObject({ kind: 'error', written: true });
  });

  it('reports a connection closed without an answer as written', async () => {
    const srv = await serve((req) => req.socket.destroy());
    const result = await executeRequest(get(srv.url), LOCAL);
    expect(result).toMatchObject({ kind: 'error', written: true });
  });

  it('reports a body cut off by the deadline as written', async () => {
    const srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const result = await executeRequest(get(srv.url), { ...LOCAL, totalTimeoutMs: 750 });
    expect(result).toMatchObject({ kind: 'error', written: true });
  });

  it('never throws for an unusable request', async () => {
    const result = await executeRequest({ ...get('http://127.0.0.1:1/'), headers: { 'bad\nname': 'x' } }, LOCAL);
    expect(result).toMatchObject({ kind: 'error', written: false });
  });
});

// A listener whose accept queue is full drops new SYNs, so connects hang: the only local way to
// make a connect time out. Node always accepts, hence a tiny Python listener that never does.
const NEVER_ACCEPT = [
  'import socket, sys',
  "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)",
  'print(s.getsockname()[1], flush=True)',
  'sys.stdin.read()',
].join('\n');

// python3 is on every machine this project runs on (Debian base image and CI).
describe('executeRequest connect timeouts', () => {
  let child: ChildProcess | undefined;
  let filler: Socket | undefined;
  afterEach(() => {
    filler?.destroy();
    child?.kill();
  });

  async function saturatedPort(): Promise<number> {
    child = spawn('python3', ['-c', NEVER_ACCEPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const port = Number(line.toString().trim());
    filler = connect(port, '127.0.0.1');
    await once(filler, 'connect');
    return port;
  }

  it('reports a connect timeout as not written', async () => {
    const port = await saturatedPort();
    const result = await executeRequest(get(`http://127.0.0.1:${port}/`), { ...LOCAL, connectTimeoutMs: 200 });
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'UND_ERR_CONNECT_TIMEOUT' });
  });

  it('reports the total deadline hit while connecting as not written', async () => {
    const port = await saturatedPort();
    const started = performance.now();
    const result = await executeRequest(get(`http://127.0.0.1:${port}/`), { ...LOCAL, connectTimeoutMs: 10_000, totalTimeoutMs: 200 });
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'deadline_exceeded' });
    // The deadline bounds the connect too, not only the exchange after it.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('executeRequest SSRF guard (allowPrivate: false)', () => {
  const GUARDED: HttpLimits = { ...LOCAL, allowPrivate: false };

  it.each([
    ['IPv4 literal', (p: number) => `http://127.0.0.1:${p}/`],
    ['a name resolving to loopback', (p: number) => `http://localhost:${p}/`],
    ['decimal host', (p: number) => `http://2130706433:${p}/`],
    ['hex/short host', (p: number) => `http://0x7f.1:${p}/`],
    ['octal host', (p: number) => `http://0177.0.0.1:${p}/`],
    ['IPv4-mapped IPv6', (p: number) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/`],
  ])('refuses %s before connecting, as not written', async (_name, url) => {
    const srv = await serve((_req, res) => res.end('reached'));
    const result = await executeRequest(get(url(srv.port)), GUARDED);
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'gateway_url_not_allowed' });
    expect(srv.connections).toBe(0);
  });

  it('refuses the metadata address', async () => {
    const result = await executeRequest(get('http://169.254.169.254/latest/meta-data/'), { ...GUARDED, connectTimeoutMs: 200 });
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'gateway_url_not_allowed' });
  });

  it('reaches the same server when private addresses are allowed', async () => {
    const srv = await serve((_req, res) => res.end('reached'));
    const result = await executeRequest(get(`http://localhost:${srv.port}/`), LOCAL);
    expect(result).toMatchObject({ kind: 'response', status: 200, body: 'reached' });
  });
});
