import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { executeRequest, DEFAULT_LIMITS } from '../../src/http.js';
import type { RenderedRequest } from '../../src/render.js';

/**
 * A stand-in for a provider's API on 127.0.0.1, for comparing the request an official SDK builds
 * with ours: both are sent to it and it records each exactly as received. Only loopback: the SDKs
 * are pointed here (or their transport is replaced), never at their real host.
 */

export interface Captured {
  method: string;
  /** Path and query as received. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CaptureServer {
  url: string;
  captured: Captured[];
  /** Resolves with the n-th request (1-based) once it has arrived. */
  nth: (n: number) => Promise<Captured>;
  close: () => Promise<void>;
}

export async function startCaptureServer(answer: { status: number; contentType: string; body: string }): Promise<CaptureServer> {
  const captured: Captured[] = [];
  const waiting: { n: number; resolve: (c: Captured) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const w of [...waiting]) {
        const got = captured[w.n - 1];
        if (got !== undefined) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(got);
        }
      }
      res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    captured,
    nth: (n) => {
      const got = captured[n - 1];
      return got !== undefined ? Promise.resolve(got) : new Promise((resolve) => waiting.push({ n, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends our rendered request through the real HTTP client (loopback allowed) and checks it arrived. */
export async function sendOurs(req: RenderedRequest): Promise<void> {
  const result = await executeRequest(req, { ...DEFAULT_LIMITS, allowPrivate: true });
  if (result.kind !== 'response') throw new Error(`our request failed: ${result.code} ${result.message}`);
}

/** A JSON body as data, so key order and spacing (which no API reads) do not count. */
export function jsonOf(body: string): unknown {
  return JSON.parse(body) as unknown;
}
