/** The worker process: configuration, logger, connections, workers, graceful shutdown. */
import pino from 'pino';
import { ConfigError } from '@smsgw/core';
import { openDatabase } from '@smsgw/db';
import { createQueues, redisConnection } from '@smsgw/queues';
import { loadWorkerConfig } from './config.js';
import { startWorkers } from './runtime.js';

let config;
try {
  config = loadWorkerConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
const logger = pino({ level: config.logLevel, redact: { paths: ['credentials', '*.credentials', 'to', '*.to', 'content', '*.content'], censor: '[redacted]' } });
if (!config.databaseUrl) {
  process.stderr.write('DATABASE_URL is required for a separate worker process (the embedded database is for `npm start` only)\n');
  process.exit(1);
}
const database = await openDatabase({ url: config.databaseUrl });
const connection = redisConnection(config.redisUrl);
const queues = createQueues({ connection, prefix: config.queuePrefix, sendAttempts: config.sendAttempts, sendBackoffMs: config.sendBackoffMs, webhookAttempts: config.webhookAttempts, webhookBackoffMs: config.webhookBackoffMs });
const runtime = await startWorkers({ db: database.db, queues, connection, config, logger });
logger.info('worker started');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight jobs');
  await runtime.close();
  await queues.close();
  await connection.quit();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
