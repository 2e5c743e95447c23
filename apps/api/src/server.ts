/** The API process: configuration and logger, then build, listen, and close on a signal. */
import pino from 'pino';
import { configOrExit, loggerOptions, stopOnSignals, surviveLostConnections } from '@smsgw/core';
import { buildApp } from './app.js';
import { loadApiConfig } from './config.js';

const config = configOrExit(() => loadApiConfig(process.env));
const logger = pino(loggerOptions(config.logLevel, pino.stdSerializers.err, { format: config.logFormat, isTTY: process.stdout.isTTY }));
surviveLostConnections(logger);
if (!config.databaseUrl) {
  // API and workers must share one database: the embedded one is for `npm start` only.
  process.stderr.write('DATABASE_URL is required for a separate API process (`npm start` runs everything on an embedded database)\n');
  process.exit(1);
}
// The app opens the database and Redis itself, and closes them in `app.close()`.
const app = await buildApp({ config, logger, bootstrap: true });
await app.listen({ host: config.host, port: config.port });

stopOnSignals(async (signal) => {
  logger.info({ signal }, 'shutting down');
  await app.close();
});
