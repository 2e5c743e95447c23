import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { RenderedRequest } from '../src/render.js';

/**
 * Local servers for the HTTP tests, all on 127.0.0.1. Each test file calls `closeServers()` in
 * afterEach.
 */

const open: (HttpServer | NetServer)[] = [];
/** Raw servers' sockets: net.Server.close waits for them, so they are destroyed first. */
const rawSockets = new Set<Socket>();

export async function closeServers(): Promise<void> {
  for (const socket of rawSockets) socket.destroy();
  rawSockets.clear();
  await Promise.all(
    open.splice(0).map((s) => {
      if ('closeAllConnections' in s) s.closeAllConnections();
      return new Promise<void>((resolve) => s.close(() => resolve()));
    }),
  );
}

export interface Seen {
  method: string;
  url: string;
  body: string;
}

export interface TestServer {
  port: number;
  url: string;
  /** Requests received (their bodies read), in order. */
  seen: Seen[];
  /** TCP connections accepted. */
  connections: number;
  /** Connections closed, by either side. */
  closed: number;
  /** Resolves when the server has received `n` requests in all. */
  received: (n: number) => Promise<void>;
  /** Resolves when `n` connections have closed in all. */
  closedCount: (n: number) => Promise<void>;
}

function tracker(): { state: TestServer; onRequest: (seen: Seen) => void; onConnection: (socket: Socket) => void } {
  const waits: { n: number; kind: 'seen' | 'closed'; resolve: () => void }[] = [];
  const wake = (): void => {
    for (const w of [...waits]) {
      const have = w.kind === 'seen' ? state.seen.length : state.closed;
      if (have >= w.n) {
        waits.splice(waits.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const wait = (kind: 'seen' | 'closed') => (n: number) =>
    new Promise<void>((resolve) => {
      waits.push({ n, kind, resolve });
      wake();
    });
  const state: TestServer = { port: 0, url: '', seen: [], connections: 0, closed: 0, received: wait('seen'), closedCount: wait('closed') };
  return {
    state,
    onRequest: (seen) => {
      state.seen.push(seen);
      wake();
    },
    onConnection: (socket) => {
      state.connections += 1;
      socket.on('close', () => {
        state.closed += 1;
        wake();
      });
    },
  };
}

async function listen(server: HttpServer | NetServer, state: TestServer): Promise<void> {
  open.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
}

/** A node:http server (keep-alive as node does it: 5 s, announced in a Keep-Alive header). */
export async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<TestServer> {
  const t = tracker();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      t.onRequest({ method: req.method ?? '', url: req.url ?? '', body });
      handler(req, res, body);
    });
  });
  server.on('connection', t.onConnection);
  await listen(server, t.state);
  return t.state;
}

export interface RawServer extends TestServer {
  /** Sockets accepted and still open. */
  sockets: Set<Socket>;
}

/**
 * A bare HTTP/1.1 server over node:net, for what node:http will not do: it keeps connections
 * alive without sending a Keep-Alive header (or with the `keepAliveHint` given), and closes a connection (FIN, or RST with `reset`)
 * after `idleMs` without a request. Answers every request `200 <method> <path>`.
 */
export async function rawServer(opts: { idleMs: number; reset?: boolean; keepAliveHint?: string }): Promise<RawServer> {
  const t = tracker();
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    rawSockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      rawSockets.delete(socket);
    });
    t.onConnection(socket);
    let buffered = Buffer.alloc(0);
    let idle: NodeJS.Timeout | undefined;
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => (opts.reset === true ? socket.resetAndDestroy() : socket.end()), opts.idleMs);
    };
    socket.on('close', () => clearTimeout(idle));
    socket.on('data', (chunk: Buffer) => {
      clearTimeout(idle);
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? '0');
        if (buffered.length < end + 4 + length) return;
        const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
        buffered = buffered.subarray(end + 4 + length);
        const [method = '', url = ''] = head.split(' ');
        t.onRequest({ method, url, body });
        const answer = `${method} ${url}`;
        const hint = opts.keepAliveHint === undefined ? '' : `keep-alive: ${opts.keepAliveHint}\r\n`;
        socket.write(`HTTP/1.1 200 OK\r\n${hint}content-type: text/plain\r\ncontent-length: ${Buffer.byteLength(answer)}\r\n\r\n${answer}`);
        armIdle();
      }
    });
  });
  await listen(server, t.state);
  return Object.assign(t.state, { sockets });
}

export function get(url: string): RenderedRequest {
  return { method: 'GET', url, headers: { 'user-agent': 'smsgw/0.1' }, body: undefined };
}

export function post(url: string, body: string): RenderedRequest {
  return { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
}

/** A port nothing listens on: bound, then closed. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
