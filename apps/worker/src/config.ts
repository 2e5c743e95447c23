import { envReader, isKnownCountry, isProduction, readRuntimeConfig, type Env, type RuntimeConfig } from '@smsgw/core';
import type { HttpLimits } from '@smsgw/gateways';
import { readRetentionConfig, type RetentionConfig } from './processors/retention.js';

export interface WorkerConfig extends RuntimeConfig {
  /** NODE_ENV=production. The rule it carries: a production worker refuses to start without SMSGW_ENCRYPTION_KEY. */
  readonly production: boolean;
  /** Base of the callback URLs handed to gateways (the API's public URL). */
  readonly publicUrl: string;
  /** Jobs in flight per gateway queue in this process. */
  readonly concurrency: number;
  /** How often gateways are re-read (a Redis notification makes changes quicker still). */
  readonly gatewayPollMs: number;
  /** Limits of gateway calls (sends, balances): private addresses per SMSGW_ALLOW_PRIVATE_GATEWAYS. */
  readonly http: HttpLimits;
  /** The same limits for webhook deliveries, with private addresses per SMSGW_ALLOW_PRIVATE_WEBHOOKS. */
  readonly webhookHttp: HttpLimits;
  /** A `sending` row untouched this long is reconciled to `unknown`. */
  readonly stuckSendingMs: number;
  readonly sweepEveryMs: number;
  readonly balanceEveryMs: number;
  /** A module whose default export registers reply handlers (see examples/reply-handlers.ts). */
  readonly replyHandlersModule: string | undefined;
  /** Group commit: rows per grouped statement, and such statements in flight at once. */
  readonly groupMaxRows: number;
  readonly groupConcurrency: number;
  /**
   * Replies that arrive over an SMPP bind (the worker stores those, not the API): the window in
   * which a reply matches the latest message sent to its number, and the country of national
   * numbers. The same variables the API reads for HTTP replies.
   */
  readonly replyWindowHours: number;
  readonly defaultCountry: string | undefined;
  /**
   * The worker's own HTTP port for /metrics, /healthz and /readyz (docs/metrics.md): loopback by
   * default, port 0 picks a free one, -1 turns it off.
   */
  readonly metrics: { readonly host: string; readonly port: number };
  /** Ages per table and batch settings of the retention job (SMSGW_RETENTION_*; docs/retention.md). */
  readonly retention: RetentionConfig;
}

export function loadWorkerConfig(env: Env): WorkerConfig {
  const r = envReader(env);
  // The rule, stated here: a production deployment must bring its own SMSGW_ENCRYPTION_KEY.
  const production = isProduction(r);
  const runtime = readRuntimeConfig(r, { requireEncryptionKey: production });
  const totalTimeoutMs = r.int('SMSGW_HTTP_TIMEOUT_MS', 15_000, 100, 120_000);
  const http: HttpLimits = {
    connectTimeoutMs: r.int('SMSGW_HTTP_CONNECT_TIMEOUT_MS', 5000, 50, 60_000),
    totalTimeoutMs,
    maxResponseBytes: r.int('SMSGW_HTTP_MAX_RESPONSE_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    allowPrivate: runtime.allowPrivateGateways,
  };
  const config: WorkerConfig = {
    production,
    ...runtime,
    publicUrl: r.url('SMSGW_PUBLIC_URL', 'http://127.0.0.1:3000') ?? '',
    concurrency: r.int('SMSGW_WORKER_CONCURRENCY', 20, 1, 1000),
    gatewayPollMs: r.int('SMSGW_GATEWAY_POLL_MS', 5000, 100, 600_000),
    http,
    webhookHttp: { ...http, allowPrivate: runtime.allowPrivateWebhooks },
    stuckSendingMs: r.int('SMSGW_STUCK_SENDING_MS', totalTimeoutMs + 60_000, 1000, 3_600_000),
    sweepEveryMs: r.int('SMSGW_SWEEP_EVERY_MS', 30_000, 500, 3_600_000),
    balanceEveryMs: r.int('SMSGW_BALANCE_EVERY_MS', 600_000, 10_000, 86_400_000),
    replyHandlersModule: r.optional('SMSGW_REPLY_HANDLERS'),
    groupMaxRows: r.int('SMSGW_GROUP_MAX_ROWS', 100, 1, 1000),
    groupConcurrency: r.int('SMSGW_GROUP_CONCURRENCY', 2, 1, 32),
    replyWindowHours: r.int('SMSGW_REPLY_WINDOW_HOURS', 72, 1, 24 * 365),
    defaultCountry: r.optional('SMSGW_DEFAULT_COUNTRY')?.toUpperCase(),
    metrics: { host: r.str('SMSGW_WORKER_METRICS_HOST', '127.0.0.1'), port: r.int('SMSGW_WORKER_METRICS_PORT', 9464, -1, 65535) },
    retention: readRetentionConfig(r),
  };
  if (config.defaultCountry !== undefined && !isKnownCountry(config.defaultCountry)) {
    r.problem(`SMSGW_DEFAULT_COUNTRY must be an ISO 3166-1 alpha-2 country code such as GB or US (got "${config.defaultCountry}")`);
  }
  r.done();
  return Object.freeze(config);
}
