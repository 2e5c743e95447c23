import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status we answered. */
  status: number;
}

export interface Receiver {
  url: string;
  received: ReceivedHook[];
  /** Decides the answer to each request from its headers; 200 unless set. */
  answer(fn: (headers: IncomingHttpHeaders) => number): void;
  close(): Promise<void>;
}

/** The application's webhook endpoint: records every request and answers what the test says. */
export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedHook[] = [];
  let decide: (headers: IncomingHttpHeaders) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = decide(req.headers);
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer(fn) {
      decide = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
