/**
 * Ceiling, the provider: a bare node:http server answering every POST after a fixed latency
 * (the sandbox's, 5 ms by default) with a provider message id. No record, no reports.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '../lib/ipc.js';

const latencyMs = Number(process.env['BENCH_LATENCY_MS'] ?? 5);
let received = 0;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received++;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID(), status: 'accepted' }));
    }, latencyMs);
  });
});
server.keepAliveTimeout = 30_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
serve({ count: () => ({ received }) }, { url: `http://127.0.0.1:${port}` }, stop);
