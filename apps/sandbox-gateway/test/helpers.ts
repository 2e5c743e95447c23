import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';

/** One request caught by a {@link Receiver}. */
export interface Caught {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (reports) or form fields (inbound), whichever it is. */
  json: unknown;
  form: Record<string, string>;
}

/** A tiny local server standing in for our API: it catches reports and inbound messages. */
export interface Receiver {
  url: string;
  caught: Caught[];
  /** Waits until `predicate` holds on what was caught, or fails after `timeoutMs`. */
  waitFor(predicate: (caught: Caught[]) => boolean, timeoutMs?: number): Promise<Caught[]>;
  close(): Promise<void>;
}

/** Starts a receiver; `answer` picks the status (and body) of each response, default 200. */
export async function startReceiver(
  answer: (c: Caught, index: number) => { status: number; body?: string } = () => ({ status: 200 }),
): Promise<Receiver> {
  const caught: Caught[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const c: Caught = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        json,
        form: Object.fromEntries(new URLSearchParams(body)),
      };
      caught.push(c);
      const a = answer(c, caught.length - 1);
      res.writeHead(a.status, { 'content-type': 'text/plain' });
      res.end(a.body ?? 'ok');
      for (const w of waiters) w();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    caught,
    waitFor(predicate, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate(caught)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(caught);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver: condition not met within ${timeoutMs} ms (caught ${caught.length})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Response of {@link send}. */
export interface SendResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

/** Options of a send: form encoding, extra headers, client timeout. */
export interface SendOpts {
  form?: boolean;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Posts a send to `${baseUrl}/api/send`. */
export type SendFn = (baseUrl: string, fields: Record<string, string | number | boolean>, opts?: SendOpts) => Promise<SendResult>;

/** Client for the sandbox; a private Agent so closing it leaves no sockets behind. */
export function createClient(): { send: SendFn; close(): Promise<void> } {
  const agent = new Agent();
  return { send: (url, fields, opts) => sendWith(agent, url, fields, opts), close: () => agent.destroy() };
}

async function sendWith(
  dispatcher: Dispatcher,
  baseUrl: string,
  fields: Record<string, string | number | boolean>,
  opts: SendOpts = {},
): Promise<SendResult> {
  const form = opts.form === true;
  const body = form ? new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString() : JSON.stringify(fields);
  const res = await request(`${baseUrl}/api/send`, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...opts.headers },
    body,
    headersTimeout: opts.timeoutMs ?? 5000,
    bodyTimeout: opts.timeoutMs ?? 5000,
  });
  const text = await res.body.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.statusCode, headers: res.headers, json };
}

/** Calls a control endpoint with an optional JSON body; returns status and parsed JSON. */
export async function control(
  baseUrl: string,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await request(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, json: await res.body.json() };
}

/** The `{error:{code}}` of an error answer, for terse assertions. */
export function errorCode(json: unknown): unknown {
  return (json as { error?: { code?: unknown } } | null)?.error?.code;
}
