import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

export interface HealthServerOptions {
  host: string;
  /** 0 picks a free port (see `port` on the result). */
  port: number;
  registry: Registry;
  /** What /readyz answers; must settle on its own (each check bounded by a timeout). */
  readiness: () => Promise<Readiness>;
  logger: Logger;
}

export interface HealthServer {
  /** The port listened on. */
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

/**
 * The worker's small HTTP port: `/metrics` (Prometheus text), `/healthz` (the process runs and
 * its event loop answers), `/readyz` (its dependencies answer and the schema is current: 200, or
 * 503 naming what is not). GET and HEAD only; nothing else is served.
 */
export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return json(res, 404, { error: { code: 'not_found', message: 'Only GET and HEAD are served here' } });
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') return send(res, 200, opts.registry.contentType, await opts.registry.metrics());
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const r = await opts.readiness();
      return json(res, r.ready ? 200 : 503, { status: r.ready ? 'ok' : 'unavailable', checks: r.checks });
    }
    return json(res, 404, { error: { code: 'not_found', message: 'Not found: /metrics, /healthz and /readyz are served here' } });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.logger.error({ err }, 'health server: request failed');
      if (!res.headersSent) json(res, 500, { error: { code: 'internal_error', message: 'Internal error' } });
      else res.destroy();
    });
  });
  // A scraper keeping its connection alive must not hold the process open at shutdown.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface WorkerHealthOptions {
  /** SMSGW_WORKER_METRICS_HOST / _PORT; port -1 serves nothing. */
  listen: { host: string; port: number };
  registry: Registry;
  readiness: () => Promise<Readiness>;
  logger: Logger;
}

/**
 * The worker process's health port, as main.ts starts it. A port already taken (a second worker
 * on the same host with the default port) is logged, not fatal: the worker still sends, and a
 * scraper that cannot reach it sees it as down, which is the alert that says so.
 */
export async function startWorkerHealth(opts: WorkerHealthOptions): Promise<HealthServer | undefined> {
  if (opts.listen.port < 0) return undefined;
  try {
    const server = await startHealthServer({ ...opts.listen, registry: opts.registry, readiness: opts.readiness, logger: opts.logger });
    opts.logger.info({ host: opts.listen.host, port: server.port }, 'worker metrics and health on /metrics, /healthz, /readyz');
    return server;
  } catch (err) {
    opts.logger.error(
      { err, host: opts.listen.host, port: opts.listen.port },
      'worker metrics port unavailable: set SMSGW_WORKER_METRICS_PORT (0 picks a free port, -1 turns it off)',
    );
    return undefined;
  }
}
