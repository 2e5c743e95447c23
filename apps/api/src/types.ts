import type {} from '@fastify/swagger';
import type { Logger } from 'pino';
import type { Db, Principal } from '@smsgw/db';
import type { Queues } from '@smsgw/queues';
import type { ApiConfig } from './config.js';

/** Tells running workers that gateways changed (Redis pub/sub), so no restart is needed. */
export interface GatewayNotifier {
  gatewaysChanged(): Promise<void>;
}

export interface AppDeps {
  db: Db;
  queues: Queues;
  config: ApiConfig;
  logger: Logger;
  notifier: GatewayNotifier;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Routes that only admin keys may call. */
    admin?: boolean;
    /** Routes open without a key (health, docs, provider callbacks). */
    public?: boolean;
  }
}
