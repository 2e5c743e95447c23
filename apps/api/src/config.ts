import { envReader, isKnownCountry, isProduction, readRuntimeConfig, type Env, type RuntimeConfig } from '@smsgw/core';

export interface ApiConfig extends RuntimeConfig {
  /** NODE_ENV=production. The rule it carries: a production API refuses to start without SMSGW_ENCRYPTION_KEY. */
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  /** Where providers reach us: the base of every callback URL. */
  readonly publicUrl: string;
  readonly bootstrapApiKey: string | undefined;
  readonly maxSegments: number;
  /**
   * Smart encoding for messages that do not say (`smartEncoding` on a message wins). An
   * account-wide setting would need a column on accounts; until then one default for the API.
   */
  readonly smartEncoding: boolean;
  readonly defaultCountry: string | undefined;
  readonly bodyLimit: number;
  /** Registers a `sandbox` gateway at this URL at start (demo deployments). */
  readonly sandboxUrl: string | undefined;
  /** A reply with no echoed reference matches the latest message sent to its number within this window. */
  readonly replyWindowHours: number;
  /** How long accepting waits for Redis to take the send job before answering 202 anyway (the sweep queues it). */
  readonly enqueueTimeoutMs: number;
  /** Group commit: rows per grouped statement, and such statements in flight at once. */
  readonly groupMaxRows: number;
  readonly groupConcurrency: number;
  /**
   * How long an API key's lookup is reused (0: never). Revocations are pushed over Redis, so this
   * only bounds staleness when a change is missed; a key's expiry is always honoured exactly.
   */
  readonly keyCacheTtlMs: number;
  /** Requests per minute of a key whose own limit is null; 0: no limit (and no Redis round trip). */
  readonly keyRateLimitPerMinute: number;
  /** How often the keys' `last_used_at` is written (one statement for all keys used since). */
  readonly keyUsageFlushMs: number;
  /** A PostgreSQL read replica for list and read routes (`app.readDb`); the primary when unset. */
  readonly databaseReadUrl: string | undefined;
}

/** Reads and validates the API's configuration once, listing every problem. */
export function loadApiConfig(env: Env): ApiConfig {
  const r = envReader(env);
  const host = r.str('HOST', '127.0.0.1');
  const port = r.int('PORT', 3000, 0, 65535);
  // The rule, stated here: a production deployment must bring its own SMSGW_ENCRYPTION_KEY.
  const production = isProduction(r);
  const runtime = readRuntimeConfig(r, { requireEncryptionKey: production });
  const config: ApiConfig = {
    production,
    ...runtime,
    host,
    port,
    publicUrl: r.url('SMSGW_PUBLIC_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`) ?? '',
    bootstrapApiKey: r.optional('SMSGW_API_KEY'),
    maxSegments: r.int('SMSGW_MAX_SEGMENTS', 10, 1, 255),
    smartEncoding: r.bool('SMSGW_SMART_ENCODING', false),
    defaultCountry: r.optional('SMSGW_DEFAULT_COUNTRY')?.toUpperCase(),
    bodyLimit: r.int('SMSGW_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    sandboxUrl: r.url('SMSGW_SANDBOX_URL', undefined),
    replyWindowHours: r.int('SMSGW_REPLY_WINDOW_HOURS', 72, 1, 24 * 365),
    enqueueTimeoutMs: r.int('SMSGW_ENQUEUE_TIMEOUT_MS', 2000, 10, 60_000),
    groupMaxRows: r.int('SMSGW_GROUP_MAX_ROWS', 100, 1, 1000),
    groupConcurrency: r.int('SMSGW_GROUP_CONCURRENCY', 2, 1, 32),
    keyCacheTtlMs: r.int('SMSGW_KEY_CACHE_TTL_MS', 30_000, 0, 3_600_000),
    keyRateLimitPerMinute: r.int('SMSGW_KEY_RATE_LIMIT_PER_MINUTE', 0, 0, 1_000_000),
    keyUsageFlushMs: r.int('SMSGW_KEY_USAGE_FLUSH_MS', 5_000, 10, 600_000),
    databaseReadUrl: r.url('SMSGW_DATABASE_READ_URL', undefined, ['postgres:', 'postgresql:']),
  };
  if (config.defaultCountry !== undefined && !isKnownCountry(config.defaultCountry)) {
    r.problem(`SMSGW_DEFAULT_COUNTRY must be an ISO 3166-1 alpha-2 country code such as GB or US (got "${config.defaultCountry}")`);
  }
  if (config.bootstrapApiKey !== undefined && config.bootstrapApiKey.length < 16) {
    r.problem('SMSGW_API_KEY must be at least 16 characters');
  }
  r.done();
  return Object.freeze(config);
}
