import { createServer } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@smsgw/db';
import { gatewayNotifier, type Queues } from '@smsgw/queues';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { testQueues } from '../../../test/support/env.js';
import { testEncryptionKey } from './helpers.js';

/** A loopback port with nothing listening (taken and released a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('PostgreSQL unavailable', () => {
  let app: FastifyInstance;
  let database: Database;
  let queues: Queues;

  beforeAll(async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`;
    database = await openDatabase({ url, max: 1 });
    queues = testQueues();
    const config = loadApiConfig({ DATABASE_URL: url, SMSGW_QUEUE_PREFIX: queues.prefix, SMSGW_ENCRYPTION_KEY: testEncryptionKey() });
    app = await buildApp({
      db: database.db,
      queues,
      config,
      logger: pino({ level: 'silent' }),
      notifier: gatewayNotifier(queues.connection, queues.prefix),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await queues?.close();
    await queues?.connection.quit();
    await database?.close();
  });

  it('answers 503 with Retry-After, not 500, on the API and on provider callbacks', async () => {
    const send = await app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: { authorization: `Bearer sk_${'a'.repeat(43)}` },
      payload: { to: '+447700900123', content: 'hi' },
    });
    expect(send.statusCode).toBe(503);
    expect(send.headers['retry-after']).toBe('5');
    expect(send.json()).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
    const callback = await app.inject({ method: 'POST', url: '/callbacks/some-gateway/some-token/status', payload: 'a=b' });
    expect(callback.statusCode).toBe(503);
  });
});
