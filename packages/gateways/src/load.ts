import { isSmppConfig, type GatewayConfig } from './config/schema.js';
import { decryptSecret } from './crypto.js';
import { mergeSettings } from './render.js';
import { resolveGatewayConfig } from './resolve.js';
import { resolveAnyGatewayConfig } from './smpp/config.js';
import type { SmppGatewayConfig } from './smpp/schema.js';

/**
 * What a stored gateway row holds that sending needs (a `gateways` row fits). Structural, so this
 * package needs no database package.
 */
export interface StoredGateway {
  readonly preset: string | null;
  readonly config: unknown;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  readonly credentialsEncrypted: string | null;
}

export type GatewaySettings = Record<string, string | number | boolean>;

interface LoadedBase<R> {
  row: R;
  settings: GatewaySettings;
  credentials: Record<string, string>;
}
/** An HTTP gateway (the default kind): a request per message, rendered from its config. */
export interface HttpGateway<R extends StoredGateway = StoredGateway> extends LoadedBase<R> {
  kind: 'http';
  config: GatewayConfig;
}
/** An SMPP gateway: messages go over a bind the worker keeps. */
export interface SmppGateway<R extends StoredGateway = StoredGateway> extends LoadedBase<R> {
  kind: 'smpp';
  config: SmppGatewayConfig;
}
/** A gateway ready to use: config resolved, settings merged, credentials decrypted. */
export type LoadedGateway<R extends StoredGateway = StoredGateway> = HttpGateway<R> | SmppGateway<R>;

/**
 * The row's credentials, decrypted ({} when it has none). Throws a plain Error naming the likely
 * cause (a changed SMSGW_ENCRYPTION_KEY) when they cannot be decrypted.
 */
export function readCredentials(row: Pick<StoredGateway, 'credentialsEncrypted'>, key: Buffer): Record<string, string> {
  if (!row.credentialsEncrypted) return {};
  return JSON.parse(decryptSecret(row.credentialsEncrypted, key)) as Record<string, string>;
}

/**
 * Loads a stored gateway of either kind. The config is resolved first, so a bad config is
 * reported as such even when the credentials would not decrypt either.
 */
export function loadGateway<R extends StoredGateway>(row: R, key: Buffer): LoadedGateway<R> {
  const config = resolveAnyGatewayConfig(row.preset, row.config);
  const credentials = readCredentials(row, key);
  // SMPP settings are the config's defaults under the row's, as they are (no HTTP settings filter).
  if (isSmppConfig(config)) return { kind: 'smpp', row, config, settings: { ...config.settings, ...row.settings }, credentials };
  return { kind: 'http', row, config, settings: mergeSettings(config, row.settings), credentials };
}

/**
 * Loads a stored HTTP gateway (an SMPP config fails validation as an HTTP one). `config` is the
 * row's config when the caller has already resolved it (the API caches configs per row).
 */
export function loadHttpGateway<R extends StoredGateway>(
  row: R,
  key: Buffer,
  config: GatewayConfig = resolveGatewayConfig(row.preset, row.config),
): HttpGateway<R> {
  return { kind: 'http', row, config, settings: mergeSettings(config, row.settings), credentials: readCredentials(row, key) };
}
