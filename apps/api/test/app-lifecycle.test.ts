import pino from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { redisUrl, testDatabase, testQueues, uniquePrefix } from '../../../test/support/env.js';
import { testEncryptionKey } from './helpers.js';

const config = (prefix: string) =>
  loadApiConfig({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: redisUrl(),
    SMSGW_QUEUE_PREFIX: prefix,
    SMSGW_ENCRYPTION_KEY: testEncryptionKey(),
    SMSGW_DB_POOL_MAX: '2',
  });

describe('the app and its resources', () => {
  it('opens PostgreSQL and Redis itself when given none, and closes them with the app', async () => {
    const app = await buildApp({ config: config(uniquePrefix()), logger: pino({ level: 'silent' }) });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', migrations: 'ok' } });
    const { db, queues } = app;
    await app.close();
    expect(queues.connection.status).toBe('end');
    await expect(db.execute('select 1')).rejects.toThrow();
  });

  it('leaves what it was given to the caller', async () => {
    const database = await testDatabase();
    const queues = testQueues();
    try {
      const app = await buildApp({ db: database.db, queues, config: config(queues.prefix), logger: pino({ level: 'silent' }) });
      await app.ready();
      await app.close();
      await expect(queues.connection.ping()).resolves.toBe('PONG');
      await expect(database.db.execute('select 1')).resolves.toBeDefined();
    } finally {
      await queues.close();
      await queues.connection.quit();
      await database.close();
    }
  });
});
