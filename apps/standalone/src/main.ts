/**
 * `npm start`: the whole system in one process for a first try — API, worker and the sandbox
 * gateway — on an embedded database unless DATABASE_URL is set, and on the local Redis (or a
 * private redis-server). Production runs the API and workers as separate processes.
 */
import pino from 'pino';
import { configOrExit, envReader, loggerOptions, readLogFormat, stopOnSignals } from '@smsgw/core';
import { startStandalone } from './standalone.js';

const logFormat = configOrExit(() => {
  const r = envReader(process.env);
  const format = readLogFormat(r);
  r.done();
  return format;
});
const logger = pino(
  loggerOptions(process.env['LOG_LEVEL'] ?? 'warn', pino.stdSerializers.err, { format: logFormat, isTTY: process.stdout.isTTY }),
);
try {
  const running = await startStandalone(process.env, logger);
  process.stdout.write(running.banner);
  stopOnSignals(() => running.close());
} catch (err) {
  // Configuration problems and a missing Redis are explained in the message itself.
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
