import { envReader, type Env } from '@smsgw/core';
import { readRuntimeConfig, type RuntimeConfig } from '@smsgw/gateways';

export interface ApiConfig extends RuntimeConfig {
  readonly host: string;
  readonly port: number;
  /** Where providers reach us: the base of every callback URL. */
  readonly publicUrl: string;
  readonly bootstrapApiKey: string | undefined;
  readonly maxSegments: number;
  readonly defaultCountry: string | undefined;
  readonly bodyLimit: number;
  /** A reply with no echoed reference matches the latest message sent to its number within this window. */
  readonly replyWindowHours: number;
}

/** Reads and validates the API's configuration once, listing every problem. */
export function loadApiConfig(env: Env): ApiConfig {
  const r = envReader(env);
  const host = r.str('HOST', '127.0.0.1');
  const port = r.int('PORT', 3000, 0, 65535);
  const config: ApiConfig = {
    ...readRuntimeConfig(r),
    host,
    port,
    publicUrl: r.url('SMSGW_PUBLIC_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`) ?? '',
    bootstrapApiKey: r.optional('SMSGW_API_KEY'),
    maxSegments: r.int('SMSGW_MAX_SEGMENTS', 10, 1, 255),
    defaultCountry: r.optional('SMSGW_DEFAULT_COUNTRY'),
    bodyLimit: r.int('SMSGW_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    replyWindowHours: r.int('SMSGW_REPLY_WINDOW_HOURS', 72, 1, 24 * 365),
  };
  if (config.bootstrapApiKey !== undefined && config.bootstrapApiKey.length < 16) {
    r.problem('SMSGW_API_KEY must be at least 16 characters');
  }
  r.done();
  return Object.freeze(config);
}
