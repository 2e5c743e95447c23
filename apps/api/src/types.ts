import type {} from '@fastify/swagger';
import type { Logger } from 'pino';
import type { Db } from '@smsgw/db';
import type { Queues } from '@smsgw/queues';
import type { ApiConfig } from './config.js';

/** Tells running workers that gateways changed (Redis pub/sub), so no restart is needed. */
export interface GatewayNotifier {
  gatewaysChanged(): Promise<void>;
}

/**
 * What `buildApp` is built from. The database, queues and notifier are optional: given, they
 * belong to the caller (tests; the one-process demo, whose workers share them), who closes them;
 * absent, the app opens its own from `config` and closes them in `app.close()`.
 */
export interface AppOptions {
  config: ApiConfig;
  logger: Logger;
  db?: Db | undefined;
  queues?: Queues | undefined;
  notifier?: GatewayNotifier | undefined;
  /** Ensure the `SMSGW_API_KEY` admin key and the `SMSGW_SANDBOX_URL` gateway before serving (server.ts). */
  bootstrap?: boolean | undefined;
}
