import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** What the proxy does with one request: pass it on, answer for the API, or lose the API's answer. */
export type Step = 'forward' | 'lose-answer' | { status: number; headers?: Record<string, string>; body?: unknown };

export interface SeenRequest {
  method: string;
  url: string;
  idempotencyKey: string | undefined;
}

export interface FaultyProxy {
  url: string;
  seen: SeenRequest[];
  /** The steps for the next requests, in order; once used up every request is forwarded. */
  plan(steps: Step[]): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A loopback proxy in front of the real API that misbehaves on cue: `lose-answer` forwards the
 * request (the API acts on it) and then drops the connection without answering, as a network
 * failure after the fact would.
 */
export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  let steps: Step[] = [];
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const key = req.headers['idempotency-key'];
      seen.push({ method: req.method ?? '', url: req.url ?? '', idempotencyKey: typeof key === 'string' ? key : undefined });
      const step = steps.shift() ?? 'forward';
      if (typeof step === 'object') {
        res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
        res.end(JSON.stringify(step.body ?? { error: { code: 'rate_limited', message: 'slow down' } }));
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)),
      ) as Record<string, string>;
      const upstream = await request(target + (req.url ?? '/'), {
        method: (req.method ?? 'GET') as 'GET',
        headers,
        body: body.length > 0 ? body : undefined,
      });
      const text = await upstream.body.text();
      if (step === 'lose-answer') {
        req.socket.destroy();
        return;
      }
      res.writeHead(upstream.statusCode, { 'content-type': String(upstream.headers['content-type'] ?? 'application/json') });
      res.end(text);
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    plan(next) {
      steps = [...next];
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
