/**
 * A counting TCP proxy on loopback, used only in the counting pass: the product's processes get
 * DATABASE_URL / REDIS_URL pointing here, one listener per process and protocol, and every byte
 * is forwarded unchanged. Only the client-to-server stream is parsed, to count:
 *   PostgreSQL: frontend messages by type: 'Q' simple query, 'P' Parse, 'B' Bind, 'E' Execute,
 *               'S' Sync. Statements run = Q + E; round trips = Q + S.
 *   Redis:      top-level RESP commands by name (a MULTI/EXEC or pipeline counts each command;
 *               commands inside Lua scripts are not client commands and are not seen here).
 */
import { connect, createServer, type Socket } from 'node:net';
import { serve } from '../lib/ipc.js';
import { createPgCounter, createRespCounter, type Counter } from './wire-counters.js';

export interface ListenerSpec {
  name: string;
  kind: 'pg' | 'redis';
  targetPort: number;
}

export interface ListenerCounts {
  kind: 'pg' | 'redis';
  connections: number;
  counts: Record<string, number>;
  /** Connections whose stream could not be parsed (TLS, unknown startup): counts are then low. */
  opaque: number;
}

const specs = JSON.parse(process.env['BENCH_PROXY'] ?? '[]') as ListenerSpec[];
const state = new Map<string, ListenerCounts>();
const sockets = new Set<Socket>();

function pipe(from: Socket, to: Socket, onData?: (chunk: Buffer) => void): void {
  from.on('data', (chunk: Buffer) => {
    onData?.(chunk);
    // Backpressure: stop reading while the other side's buffer is full.
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  });
  from.on('end', () => to.end());
  from.on('error', () => to.destroy());
  from.on('close', () => to.destroy());
}

async function listen(spec: ListenerSpec): Promise<number> {
  const counts: ListenerCounts = { kind: spec.kind, connections: 0, counts: {}, opaque: 0 };
  state.set(spec.name, counts);
  const server = createServer({ noDelay: true }, (client) => {
    counts.connections++;
    const upstream = connect({ host: '127.0.0.1', port: spec.targetPort, noDelay: true });
    sockets.add(client);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    const counter: Counter = spec.kind === 'pg' ? createPgCounter(counts.counts) : createRespCounter(counts.counts);
    let wasOpaque = false;
    const noteOpaque = () => {
      if (counter.opaque() && !wasOpaque) {
        wasOpaque = true;
        counts.opaque++;
      }
    };
    pipe(client, upstream, (chunk) => {
      counter.fromClient(chunk);
      noteOpaque();
    });
    pipe(upstream, client, (chunk) => {
      counter.fromServer(chunk);
      noteOpaque();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

const ports: Record<string, number> = {};
for (const spec of specs) ports[spec.name] = await listen(spec);

const snapshot = () => Object.fromEntries([...state].map(([name, c]) => [name, { ...c, counts: { ...c.counts } }]));
const stop = () => {
  for (const s of sockets) s.destroy();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
serve({ snapshot: () => snapshot() }, { ports }, stop);
