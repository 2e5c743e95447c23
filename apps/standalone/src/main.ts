/**
 * `npm start`: the whole system in one process for a first try — API, worker and the sandbox
 * gateway — on an embedded database unless DATABASE_URL is set, and on the local Redis (or a
 * private redis-server). Production runs the API and workers as separate processes.
 */
import pino from 'pino';
import { ConfigError } from '@smsgw/core';
import { startStandalone } from './standalone.js';

const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'warn' });
try {
  const running = await startStandalone(process.env, logger);
  process.stdout.write(running.banner);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
