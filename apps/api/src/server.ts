/** The API process: configuration, logger, database, queues, listen, graceful shutdown. */
import pino from 'pino';
import { configOrExit, loggerOptions, stopOnSignals } from '@smsgw/core';
import { assertConnectionBudget, openDatabase } from '@smsgw/db';
import { gatewayNotifier, queuesFromConfig, redisConnection } from '@smsgw/queues';
import { buildApp } from './app.js';
import { bootstrapAccess, bootstrapSandbox } from './bootstrap.js';
import { loadApiConfig } from './config.js';

const config = configOrExit(() => loadApiConfig(process.env));
const logger = pino(loggerOptions(config.logLevel, pino.stdSerializers.err));
if (!config.databaseUrl) {
  // API and workers must share one database: the embedded one is for `npm start` only.
  process.stderr.write('DATABASE_URL is required for a separate API process (`npm start` runs everything on an embedded database)\n');
  process.exit(1);
}
const database = await openDatabase({ url: config.databaseUrl, max: config.dbPoolMax });
await assertConnectionBudget(database, config.dbPoolMax);
const connection = redisConnection(config.redisUrl);
const queues = queuesFromConfig(connection, config);
await bootstrapAccess(database.db, config.bootstrapApiKey, logger);
await bootstrapSandbox(database.db, config.sandboxUrl);
const app = await buildApp({ db: database.db, queues, config, logger, notifier: gatewayNotifier(connection, config.queuePrefix) });
await app.listen({ host: config.host, port: config.port });

stopOnSignals(async (signal) => {
  logger.info({ signal }, 'shutting down');
  await app.close();
  await queues.close();
  await connection.quit();
  await database.close();
});
