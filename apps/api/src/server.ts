/** The API process: configuration, logger, database, queues, listen, graceful shutdown. */
import pino from 'pino';
import { ConfigError } from '@smsgw/core';
import { openDatabase } from '@smsgw/db';
import { createQueues, gatewayNotifier, redisConnection } from '@smsgw/queues';
import { buildApp } from './app.js';
import { bootstrapAccess, bootstrapSandbox } from './bootstrap.js';
import { loadApiConfig } from './config.js';
import { LOG_REDACT } from './logging.js';

let config;
try {
  config = loadApiConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
const logger = pino({ level: config.logLevel, redact: LOG_REDACT });
const database = await openDatabase({ url: config.databaseUrl, pgliteDir: '.data/pglite' });
if (database.kind === 'pglite') await database.migrate();
const connection = redisConnection(config.redisUrl);
const queues = createQueues({ connection, prefix: config.queuePrefix, sendAttempts: config.sendAttempts, sendBackoffMs: config.sendBackoffMs, webhookAttempts: config.webhookAttempts, webhookBackoffMs: config.webhookBackoffMs });
await bootstrapAccess(database.db, config.bootstrapApiKey, logger);
await bootstrapSandbox(database.db, config.sandboxUrl);
const app = await buildApp({ db: database.db, queues, config, logger, notifier: gatewayNotifier(connection, config.queuePrefix) });
await app.listen({ host: config.host, port: config.port });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await app.close();
  await queues.close();
  await connection.quit();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
