import type { EnvReader } from '@smsgw/core';
import { parseEncryptionKey } from './crypto.js';

/** Settings every process (API, worker) must agree on, read the same way by each. */
export interface RuntimeConfig {
  readonly production: boolean;
  readonly databaseUrl: string | undefined;
  /**
   * PostgreSQL connections this process may open. Group commit keeps the need small (a few
   * statements in flight per kind), so the default suits a worker with many gateways too; the
   * sum over every API and worker process must stay under the server's max_connections, which
   * each process checks at start (assertConnectionBudget).
   */
  readonly dbPoolMax: number;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly encryptionKey: Buffer;
  /** Gateway URLs (set by operators) may be loopback/private: a sandbox on the same host. */
  readonly allowPrivateGateways: boolean;
  /**
   * Webhook URLs may be loopback/private. Separate from gateways because any tenant sets webhook
   * URLs: allowing a local sandbox gateway must not let every account reach the internal network.
   */
  readonly allowPrivateWebhooks: boolean;
  readonly sendAttempts: number;
  /** First backoff of a temporary-failure retry (exponential with jitter after it). */
  readonly sendBackoffMs: number;
  /** Attempts to deliver one webhook to the application, and the first backoff between them. */
  readonly webhookAttempts: number;
  readonly webhookBackoffMs: number;
  readonly logLevel: string;
}

/** A fixed key for development only: credentials stored with it are not protected. */
export const DEV_ENCRYPTION_KEY: Buffer = Buffer.alloc(32, 7);

export function readRuntimeConfig(r: EnvReader): RuntimeConfig {
  const production = r.str('NODE_ENV', 'development') === 'production';
  let encryptionKey: Buffer = DEV_ENCRYPTION_KEY;
  const rawKey = r.optional('SMSGW_ENCRYPTION_KEY');
  if (rawKey) {
    try {
      encryptionKey = parseEncryptionKey(rawKey);
    } catch (err) {
      r.problem(`SMSGW_ENCRYPTION_KEY: ${(err as Error).message}`);
    }
  } else if (production) {
    r.problem('SMSGW_ENCRYPTION_KEY is required in production (32 bytes as 64 hex characters or base64): `openssl rand -hex 32`');
  }
  return {
    production,
    databaseUrl: r.url('DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
    dbPoolMax: r.int('SMSGW_DB_POOL_MAX', 10, 1, 500),
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']) ?? 'redis://127.0.0.1:6379',
    queuePrefix: r.str('SMSGW_QUEUE_PREFIX', 'smsgw'),
    encryptionKey,
    allowPrivateGateways: r.bool('SMSGW_ALLOW_PRIVATE_GATEWAYS', false),
    allowPrivateWebhooks: r.bool('SMSGW_ALLOW_PRIVATE_WEBHOOKS', false),
    sendAttempts: r.int('SMSGW_SEND_ATTEMPTS', 5, 1, 50),
    sendBackoffMs: r.int('SMSGW_SEND_BACKOFF_MS', 2000, 1, 600_000),
    webhookAttempts: r.int('SMSGW_WEBHOOK_ATTEMPTS', 8, 1, 50),
    webhookBackoffMs: r.int('SMSGW_WEBHOOK_BACKOFF_MS', 2000, 1, 3_600_000),
    logLevel: r.str('LOG_LEVEL', 'info'),
  };
}
