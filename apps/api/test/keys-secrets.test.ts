// A key's secret appears once, in the answer that made it: never in a list, never in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { inject } from 'vitest';
import { loggerOptions } from '@smsgw/core';
import type { Database } from '@smsgw/db';
import { gatewayNotifier, type Queues } from '@smsgw/queues';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { testAccount, testDatabase, testQueues } from '../../../test/support/env.js';
import { testEncryptionKey } from './helpers.js';

const lines: string[] = [];
let app: FastifyInstance;
let database: Database;
let queues: Queues;
let admin: { accountId: string; key: string };

beforeAll(async () => {
  database = await testDatabase();
  queues = testQueues();
  const config = loadApiConfig({
    DATABASE_URL: inject('databaseUrl'),
    SMSGW_QUEUE_PREFIX: queues.prefix,
    SMSGW_ENCRYPTION_KEY: testEncryptionKey(),
    // A flush on every tick, so its log lines (if any) are in the capture too.
    SMSGW_KEY_USAGE_FLUSH_MS: '20',
  });
  // The logger a server builds, at its most talkative, writing into this array.
  const logger = pino(loggerOptions('trace', pino.stdSerializers.err), { write: (s: string) => void lines.push(s) });
  app = await buildApp({ db: database.db, queues, config, logger, notifier: gatewayNotifier(queues.connection, queues.prefix) });
  await app.ready();
  admin = await testAccount(database, true);
});

afterAll(async () => {
  await app.close();
  await queues.close();
  await queues.connection.quit();
  await database.close();
});

const as = (key: string) => ({ authorization: `Bearer ${key}` });

describe('key secrets', () => {
  it('are in the creating answer only: not in lists, rotations of others, or any log line', async () => {
    const account = (await app.inject({ method: 'POST', url: '/v1/admin/accounts', headers: as(admin.key), payload: { name: 's' } })).json<{
      id: string;
    }>();
    const made = await app.inject({
      method: 'POST',
      url: `/v1/admin/accounts/${account.id}/keys`,
      headers: as(admin.key),
      payload: { name: 'k', scopes: ['account:admin', 'messages:read'] },
    });
    const { key, id } = made.json<{ key: string; id: string }>();
    expect(made.body).toContain(key);
    const uses = [
      await app.inject({ method: 'GET', url: '/v1/keys', headers: as(key) }),
      await app.inject({ method: 'GET', url: `/v1/admin/accounts/${account.id}/keys`, headers: as(admin.key) }),
      await app.inject({ method: 'GET', url: '/v1/messages', headers: as(key) }),
      await app.inject({ method: 'GET', url: '/v1/gateways', headers: as(key) }),
      await app.inject({ method: 'GET', url: `/v1/admin/audit`, headers: as(admin.key) }),
    ];
    expect(uses.map((r) => r.statusCode)).toEqual([200, 200, 200, 403, 200]);
    for (const r of uses) expect(r.body).not.toContain(key);
    const rotated = (await app.inject({ method: 'POST', url: `/v1/keys/${id}/rotate`, headers: as(key) })).json<{ key: string }>();
    await app.inject({ method: 'GET', url: '/v1/messages', headers: as(rotated.key) });
    expect(lines.length).toBeGreaterThan(5);
    const log = lines.join('\n');
    for (const secret of [key, rotated.key, admin.key]) expect(log).not.toContain(secret);
    // Nor their prefixes' continuation: no 12-character piece of a key.
    expect(log).not.toContain(key.slice(3, 15));
  });
});
