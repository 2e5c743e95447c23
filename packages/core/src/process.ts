import { ConfigError } from './env.js';

/** Loads a process's configuration; on a ConfigError prints every problem and exits 1. */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * Runs `stop` once on SIGTERM or SIGINT, then exits: 0 when it finished, 1 when it threw (a
 * second signal while stopping is ignored, so in-flight work is not cut short by impatience).
 */
export function stopOnSignals(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}

const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * PostgreSQL is down, restarting, or dropped our connection. postgres.js names its own
 * connection failures; the server's are SQLSTATE class 08 (connection exception) and 57P0x
 * (shutting down, cannot connect now). Nothing of the failed statement was committed.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  }
  return false;
}

/**
 * A database connection dropped under postgres.js (a server restart, pg_terminate_backend) can
 * surface as an unhandled rejection from inside the driver, after the query that used it has
 * already failed and been answered (503, a retried job). Node would end the process for it; a
 * lost connection is not a reason to, so it is logged and the pool reconnects. Anything else
 * unhandled still ends the process, loudly: it is a bug.
 */
export function surviveLostConnections(log: { warn(obj: object, msg: string): void; fatal(obj: object, msg: string): void }): void {
  process.on('unhandledRejection', (reason: unknown) => {
    if (isDatabaseUnavailable(reason)) {
      log.warn({ err: reason }, 'a lost database connection surfaced outside any request; the pool reconnects');
      return;
    }
    log.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
}
