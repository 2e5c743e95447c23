import type { EnvReader } from './env.js';
import { type LogFormatSetting, readLogFormat } from './logging.js';
import { readRedisTarget, type RedisTarget } from './redis-target.js';

/**
 * The process settings every app (API, worker) must agree on, read the same way by each. Each
 * app's `loadConfig` calls `readRuntimeConfig` and adds its own settings; whether the encryption
 * key is mandatory is the app's decision, passed in, so nothing here depends on NODE_ENV.
 */
export interface RuntimeConfig {
  readonly databaseUrl: string | undefined;
  /**
   * PostgreSQL connections this process may open. Group commit keeps the need small (a few
   * statements in flight per kind), so the default suits a worker with many gateways too; the
   * sum over every API and worker process must stay under the server's max_connections, which
   * each process checks at start (assertConnectionBudget).
   */
  readonly dbPoolMax: number;
  readonly redisUrl: string;
  /** Where Redis is: `redisUrl`, or a Cluster / Sentinel deployment (SMSGW_REDIS_CLUSTER_NODES, SMSGW_REDIS_SENTINELS). */
  readonly redis: RedisTarget;
  /** BullMQ's prefix, under which every Redis key lives; holds a hash tag in Cluster mode. */
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
  /** SMSGW_LOG_FORMAT: auto (pretty on a terminal when pino-pretty is installed), json or pretty. */
  readonly logFormat: LogFormatSetting;
}

export interface RuntimeConfigRules {
  /**
   * Refuse to start without SMSGW_ENCRYPTION_KEY. Without one, credentials are stored under
   * DEV_ENCRYPTION_KEY, which protects nothing: fine for a demo, never for a deployment.
   */
  readonly requireEncryptionKey: boolean;
}

/** A fixed key for development only: credentials stored with it are not protected. */
export const DEV_ENCRYPTION_KEY: Buffer = Buffer.alloc(32, 7);

const KEY_BYTES = 32;

/**
 * Parses SMSGW_ENCRYPTION_KEY: 32 bytes written as 64 hex characters or as base64 (standard or
 * URL-safe). Anything else throws, naming the expected forms but never echoing the value.
 */
export function parseEncryptionKey(value: string): Buffer {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const buf = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (buf.length === KEY_BYTES) return buf;
  }
  throw new Error('SMSGW_ENCRYPTION_KEY must be 32 bytes given as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)');
}

/**
 * Whether the environment names a production deployment (NODE_ENV=production). The apps' rule,
 * written in each `loadConfig`, is that production requires SMSGW_ENCRYPTION_KEY.
 */
export function isProduction(r: EnvReader): boolean {
  return r.str('NODE_ENV', 'development') === 'production';
}

/** Reads the shared settings; problems are collected on `r` (its `done()` throws them all). */
export function readRuntimeConfig(r: EnvReader, rules: RuntimeConfigRules): RuntimeConfig {
  let encryptionKey: Buffer = DEV_ENCRYPTION_KEY;
  const rawKey = r.optional('SMSGW_ENCRYPTION_KEY');
  if (rawKey) {
    try {
      encryptionKey = parseEncryptionKey(rawKey);
    } catch (err) {
      r.problem(`SMSGW_ENCRYPTION_KEY: ${(err as Error).message}`);
    }
  } else if (rules.requireEncryptionKey) {
    r.problem('SMSGW_ENCRYPTION_KEY is required in production (32 bytes as 64 hex characters or base64): `openssl rand -hex 32`');
  }
  const redisUrl = r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']) ?? 'redis://127.0.0.1:6379';
  const { redis, queuePrefix } = readRedisTarget(r, redisUrl);
  return {
    databaseUrl: r.url('DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
    dbPoolMax: r.int('SMSGW_DB_POOL_MAX', 10, 1, 500),
    redisUrl,
    redis,
    queuePrefix,
    encryptionKey,
    allowPrivateGateways: r.bool('SMSGW_ALLOW_PRIVATE_GATEWAYS', false),
    allowPrivateWebhooks: r.bool('SMSGW_ALLOW_PRIVATE_WEBHOOKS', false),
    sendAttempts: r.int('SMSGW_SEND_ATTEMPTS', 5, 1, 50),
    sendBackoffMs: r.int('SMSGW_SEND_BACKOFF_MS', 2000, 1, 600_000),
    webhookAttempts: r.int('SMSGW_WEBHOOK_ATTEMPTS', 8, 1, 50),
    webhookBackoffMs: r.int('SMSGW_WEBHOOK_BACKOFF_MS', 2000, 1, 3_600_000),
    logLevel: r.str('LOG_LEVEL', 'info'),
    logFormat: readLogFormat(r),
  };
}
