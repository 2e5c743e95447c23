import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@smsgw/core';
import { loadWorkerConfig } from '../src/config.js';
import { startWorkerHealth } from '../src/health-server.js';

const readiness = async () => ({ ready: true, checks: {} });

/** A logger that keeps what it was told at error level (the message of each line). */
function recordingLogger() {
  const errors: string[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void (JSON.parse(line).level >= 50 && errors.push(JSON.parse(line).msg)) },
  );
  return { logger, errors };
}

describe('the worker’s metrics port', () => {
  it('is 127.0.0.1:9464 unless configured; 0 and -1 are allowed, nonsense refused', () => {
    expect(loadWorkerConfig({}).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadWorkerConfig({ SMSGW_WORKER_METRICS_PORT: '0', SMSGW_WORKER_METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      host: '0.0.0.0',
      port: 0,
    });
    expect(loadWorkerConfig({ SMSGW_WORKER_METRICS_PORT: '-1' }).metrics.port).toBe(-1);
    expect(() => loadWorkerConfig({ SMSGW_WORKER_METRICS_PORT: 'http' })).toThrow(ConfigError);
    expect(() => loadWorkerConfig({ SMSGW_WORKER_METRICS_PORT: '70000' })).toThrow(ConfigError);
  });

  it('-1 serves nothing', async () => {
    const { logger } = recordingLogger();
    expect(
      await startWorkerHealth({ listen: { host: '127.0.0.1', port: -1 }, registry: new Registry(), readiness, logger }),
    ).toBeUndefined();
  });

  it('a port already taken is logged, not fatal: the worker runs on without it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const { logger, errors } = recordingLogger();
    try {
      expect(await startWorkerHealth({ listen: { host: '127.0.0.1', port }, registry: new Registry(), readiness, logger })).toBeUndefined();
      expect(errors).toEqual([expect.stringMatching(/worker metrics port unavailable/)]);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('port 0 picks a free port and serves /metrics there', async () => {
    const { logger } = recordingLogger();
    const registry = new Registry();
    const server = await startWorkerHealth({ listen: { host: '127.0.0.1', port: 0 }, registry, readiness, logger });
    try {
      expect(server?.port).toBeGreaterThan(0);
      const res = await fetch(`http://127.0.0.1:${server?.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(registry.contentType);
    } finally {
      await server?.close();
    }
  });
});
