/**
 * Standalone entry point: `npm run start:sandbox`. Configuration comes from the environment
 * (see README); SIGTERM/SIGINT close the server, ending hanging sockets, before exiting.
 */
import { pino } from 'pino';
import { loadConfig } from './config.js';
import { createSandbox } from './server.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({
    level: config.logLevel,
    name: 'sandbox-gateway',
    // Recorded headers carry no token, but the request logger sees the raw ones.
    redact: ['req.headers.authorization'],
  });
  const sandbox = await createSandbox({ ...config.options, logger });
  logger.info({ url: sandbox.url, behaviour: sandbox.behaviour() }, 'sandbox gateway listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'sandbox gateway stopping');
    // A stuck close must not keep the process alive past the orchestrator's patience.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'sandbox gateway failed to close');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  // The logger may not exist yet (bad configuration), so report on stderr directly.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
