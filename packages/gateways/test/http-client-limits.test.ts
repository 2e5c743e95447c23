import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../src/http-client.js';
import type { HttpLimits } from '../src/http.js';
import { closeServers, get, post, serve } from './http-test-servers.js';

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

describe('createHttpClient: limits', () => {
  it('reports a server that hangs after reading the request as written, and does not resend it', async () => {
    const srv = await serve(() => undefined);
    const result = await client({ ...LOCAL, totalTimeoutMs: 500 }).execute(post(srv.url, 'id=1'));
    expect(result).toMatchObject({ kind: 'error', written: true, code: 'deadline_exceeded' });
    expect(srv.seen).toHaveLength(1);
  });

  it('stops reading at the size cap, marks the body truncated and keeps working', async () => {
    const srv = await serve((req, res) => res.end(req.url === '/big' ? 'x'.repeat(100_000) : 'small'));
    const http = client({ ...LOCAL, maxResponseBytes: 1000 });
    const result = await http.execute(get(`${srv.url}/big`));
    expect(result).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(result.kind === 'response' && result.body).toBe('x'.repeat(1000));
    expect(await http.execute(get(`${srv.url}/small`))).toMatchObject({ kind: 'response', body: 'small', truncated: false });
  });

  it('does not follow redirects', async () => {
    const srv = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.end('followed');
    });
    const result = await client(LOCAL).execute(get(`${srv.url}/start`));
    expect(result).toMatchObject({ kind: 'response', status: 302, headers: { location: '/elsewhere' } });
    expect(srv.seen.map((r) => r.url)).toEqual(['/start']);
  });
});

describe('createHttpClient: SSRF guard (allowPrivate: false)', () => {
  const GUARDED: HttpLimits = { ...LOCAL, allowPrivate: false };

  it.each([
    ['IPv4 literal', (p: number) => `http://127.0.0.1:${p}/`],
    ['a name resolving to loopback', (p: number) => `http://localhost:${p}/`],
    ['decimal host', (p: number) => `http://2130706433:${p}/`],
    ['IPv4-mapped IPv6', (p: number) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/`],
  ])('refuses %s before connecting, as not written, without retrying', async (_name, url) => {
    const srv = await serve((_req, res) => res.end('reached'));
    const retries: string[] = [];
    const result = await client(GUARDED, { onRetry: (_o, code) => retries.push(code) }).execute(get(url(srv.port)));
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'gateway_url_not_allowed' });
    expect(srv.connections).toBe(0);
    expect(retries).toEqual([]);
  });
});

describe('createHttpClient: pools', () => {
  it('close() closes the pooled connections, and later calls are refused unwritten', async () => {
    const a = await serve((_req, res) => res.end('a'));
    const b = await serve((_req, res) => res.end('b'));
    const http = createHttpClient(LOCAL);
    expect(await http.execute(get(a.url))).toMatchObject({ kind: 'response', body: 'a' });
    expect(await http.execute(get(b.url))).toMatchObject({ kind: 'response', body: 'b' });
    await http.close();
    await Promise.all([a.closedCount(1), b.closedCount(1)]);
    expect(await http.execute(get(a.url))).toMatchObject({ kind: 'error', written: false, code: 'http_client_closed' });
    expect(a.connections + b.connections).toBe(2);
  });

  it('closes the least recently used origin past maxOrigins', async () => {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => serve((_req, res) => res.end(name))));
    if (a === undefined || b === undefined || c === undefined) throw new Error('servers not started');
    const http = client(LOCAL, { maxOrigins: 2 });
    for (const srv of [a, b, a, c]) expect(await http.execute(get(srv.url))).toMatchObject({ kind: 'response' });
    // b was the least recently used when c came: its pool (and socket) is closed, a's is kept.
    await b.closedCount(1);
    expect(a.closed).toBe(0);
    expect(await http.execute(get(a.url))).toMatchObject({ kind: 'response', body: 'a' });
    expect(a.connections).toBe(1);
  });
});

// A listener whose accept queue is full drops new SYNs, so connects hang: the only local way to
// make a connect time out (see http.test.ts).
const NEVER_ACCEPT = [
  'import socket, sys',
  "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)",
  'print(s.getsockname()[1], flush=True)',
  'sys.stdin.read()',
].join('\n');

describe('createHttpClient connect timeouts', () => {
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

  it('reports a connect timeout as not written, after one retry', async () => {
    const port = await saturatedPort();
    const retries: string[] = [];
    const http = client({ ...LOCAL, connectTimeoutMs: 200 }, { onRetry: (_o, code) => retries.push(code) });
    const result = await http.execute(get(`http://127.0.0.1:${port}/`));
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'UND_ERR_CONNECT_TIMEOUT' });
    expect(retries).toEqual(['UND_ERR_CONNECT_TIMEOUT']);
  });

  it('bounds connect and retry by the total deadline, as not written', async () => {
    const port = await saturatedPort();
    const started = performance.now();
    const result = await client({ ...LOCAL, connectTimeoutMs: 10_000, totalTimeoutMs: 200 }).execute(get(`http://127.0.0.1:${port}/`));
    expect(result).toMatchObject({ kind: 'error', written: false, code: 'deadline_exceeded' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
