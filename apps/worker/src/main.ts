/** The worker process: configuration, logger, connections, workers, graceful shutdown. */
import pino from 'pino';
import { configOrExit, loggerOptions, stopOnSignals, surviveLostConnections } from '@smsgw/core';
import { assertConnectionBudget, openDatabase } from '@smsgw/db';
import { logConnectionErrors, queuesFromConfig, redisConnection } from '@smsgw/queues';
import { checkReadiness } from '@smsgw/metrics';
import { loadWorkerConfig } from './config.js';
import { startWorkerHealth } from './health-server.js';
import { createReplyHandlerRegistry, loadReplyHandlers } from './reply-handlers.js';
import { startWorkers } from './runtime.js';
import { warnUnlessNoEviction } from './redis-policy.js';
import { faultPointFromEnv } from './fault-points.js';

const config = configOrExit(() => loadWorkerConfig(process.env));
const logger = pino(loggerOptions(config.logLevel, pino.stdSerializers.err, { format: config.logFormat, isTTY: process.stdout.isTTY }));
surviveLostConnections(logger);
if (!config.databaseUrl) {
  process.stderr.write('DATABASE_URL is required for a separate worker process (the embedded database is for `npm start` only)\n');
  process.exit(1);
}
// Claims and outcomes go through group commit: a few statements in flight, not one per job.
const database = await openDatabase({ url: config.databaseUrl, max: config.dbPoolMax });
await assertConnectionBudget(database, config.dbPoolMax);
const connection = redisConnection(config.redis);
logConnectionErrors(connection, logger);
// Not awaited: a Redis still coming up must not hold the start-up (the workers wait for it anyway).
void warnUnlessNoEviction(connection, logger);
const queues = queuesFromConfig(connection, config);
const replyHandlers = createReplyHandlerRegistry();
if (config.replyHandlersModule) await loadReplyHandlers(config.replyHandlersModule, replyHandlers);
const faultPoint = faultPointFromEnv(process.env);
const runtime = await startWorkers({
  db: database.db,
  queues,
  connection,
  config,
  logger,
  replyHandlers,
  ...(faultPoint ? { faultPoint } : {}),
});
const health = await startWorkerHealth({
  listen: config.metrics,
  registry: runtime.metrics.registry,
  readiness: () => checkReadiness({ db: database.db, redis: connection }),
  logger,
});
logger.info({ replyHandlers: replyHandlers.names() }, 'worker started');

stopOnSignals(async (signal) => {
  logger.info({ signal }, 'shutting down: finishing in-flight jobs');
  // Worker.close() waits for active jobs, so an in-flight send stores its outcome first.
  await runtime.close();
  await health?.close();
  await queues.close();
  await connection.quit();
  await database.close();
});
