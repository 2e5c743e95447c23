import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { bootstrapAccess, bootstrapSandbox, buildApp, loadApiConfig } from '@smsgw/api';
import { describeRedisTarget, type Env } from '@smsgw/core';
import { getGateway, openDatabase, updateGateway } from '@smsgw/db';
import { gatewayNotifier, queuesFromConfig, redisConnection } from '@smsgw/queues';
import { createSandbox } from '@smsgw/sandbox-gateway';
import { createReplyHandlerRegistry, loadWorkerConfig, startWorkers, type ReplyHandlerRegistry } from '@smsgw/worker';
import { demoEncryptionKey } from './keys.js';
import { ensureRedis } from './redis.js';

export interface Standalone {
  apiUrl: string;
  apiKey: string;
  sandboxUrl: string;
  banner: string;
  close(): Promise<void>;
}

/** Starts API + worker + sandbox in this process and registers the sandbox as the default gateway. */
export async function startStandalone(env: Env, logger: Logger, opts: { replyHandlers?: ReplyHandlerRegistry } = {}): Promise<Standalone> {
  const dataDir = resolve(env['SMSGW_DATA_DIR'] ?? '.data');
  const redis = await ensureRedis(env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', Number(env['SMSGW_PRIVATE_REDIS_PORT'] ?? 6390), env);
  const generatedKey = env['SMSGW_API_KEY'] ? undefined : `sk_${randomBytes(32).toString('base64url')}`;
  const merged: Env = {
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    // A one-machine demo: webhooks to a receiver on this machine are what a first user tries.
    SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
    SMSGW_ENCRYPTION_KEY: demoEncryptionKey(dataDir),
    ...env,
    REDIS_URL: redis.url,
    SMSGW_API_KEY: env['SMSGW_API_KEY'] ?? generatedKey,
  };
  const apiConfig = loadApiConfig(merged);
  const workerConfig = loadWorkerConfig({ ...merged, SMSGW_PUBLIC_URL: apiConfig.publicUrl });
  const database = await openDatabase({ url: apiConfig.databaseUrl, pgliteDir: resolve(dataDir, 'pglite') });
  await database.migrate();
  const db = database.db;
  const apiKey = apiConfig.bootstrapApiKey ?? '';
  await bootstrapAccess(db, apiKey, logger);

  const sandbox = await createSandbox({ port: Number(env['SANDBOX_PORT'] ?? 4010), dlrDelayMs: 300 });
  // The demo's sandbox is always the default, at wherever it listens this time.
  await bootstrapSandbox(db, sandbox.url);
  const existing = await getGateway(db, 'sandbox');
  if (existing)
    await updateGateway(db, 'sandbox', { settings: { ...existing.settings, baseUrl: sandbox.url }, isDefault: true, enabled: true });

  const connection = redisConnection(apiConfig.redis);
  const queues = queuesFromConfig(connection, apiConfig);
  const app = await buildApp({ db, queues, config: apiConfig, logger, notifier: gatewayNotifier(connection, apiConfig.queuePrefix) });
  await app.listen({ host: apiConfig.host, port: apiConfig.port });
  const replyHandlers = opts.replyHandlers ?? demoReplyHandlers();
  // One process, one registry: the API's /metrics shows what the workers counted too.
  const runtime = await startWorkers({ db, queues, connection, config: workerConfig, logger, replyHandlers, metrics: app.metrics });

  const apiUrl = apiConfig.publicUrl;
  const auth = `-H 'Authorization: Bearer ${apiKey}'`;
  const banner = [
    '',
    `smsgw is running (${database.kind === 'pglite' ? `embedded database in ${dataDir}` : 'PostgreSQL'}, Redis at ${describeRedisTarget(apiConfig.redis)})`,
    `  API          ${apiUrl}            docs: ${apiUrl}/docs`,
    `  Console      ${apiUrl}/console        (sign in with an API key)`,
    `  Bull Board   ${apiUrl}/admin/queues   (user: anything, password: the API key)`,
    `  Sandbox SMS  ${sandbox.url}   (the default gateway; it reports delivery after ~0.3 s)`,
    generatedKey
      ? `  API key      ${apiKey}   (admin; shown once — set SMSGW_API_KEY to choose your own)`
      : '  API key      the value of SMSGW_API_KEY',
    '',
    'Send a message:',
    `  curl -s -X POST ${apiUrl}/v1/messages ${auth} -H 'Content-Type: application/json' -d '{"to":"+447400123456","content":"Hello from smsgw"}'`,
    'Then watch it go queued → sending → sent → delivered (use the id from the answer):',
    `  curl -s ${apiUrl}/v1/messages/<id> ${auth}`,
    '',
  ].join('\n');

  return {
    apiUrl,
    apiKey,
    sandboxUrl: sandbox.url,
    banner,
    async close() {
      // Workers first: an in-flight send finishes while the API can still take its delivery report.
      await runtime.close();
      await app.close();
      await sandbox.close();
      await queues.close();
      await connection.quit();
      await database.close();
      redis.stop();
    },
  };
}

/** The demo's one reply handler, `log`: send with `"replyCallback":"log"` and watch replies arrive. */
function demoReplyHandlers(): ReplyHandlerRegistry {
  const registry = createReplyHandlerRegistry();
  registry.register('log', ({ reply, message, log }) => log.info({ replyId: reply.id, messageId: message.id }, 'reply handler "log" ran'));
  return registry;
}
