import { getGateway, gatewayVersions, type Db, type GatewayRow } from '@smsgw/db';
import { decryptSecret, isSmppConfig, mergeSettings, resolveAnyGatewayConfig, type GatewayConfig, type SmppGatewayConfig } from '@smsgw/gateways';

interface LoadedBase {
  row: GatewayRow;
  settings: Record<string, string | number | boolean>;
  credentials: Record<string, string>;
}
/** An HTTP gateway (the default kind): a request per message, rendered from its config. */
export interface HttpGateway extends LoadedBase {
  kind: 'http';
  config: GatewayConfig;
}
/** An SMPP gateway: messages go over a bind the worker keeps (smpp/sessions.ts). */
export interface SmppGateway extends LoadedBase {
  kind: 'smpp';
  config: SmppGatewayConfig;
}
/** A gateway ready to send through: config resolved, settings merged, credentials decrypted. */
export type LoadedGateway = HttpGateway | SmppGateway;

/**
 * Gateways by name, loaded on first use and dropped when their version changes (`sync`, driven
 * by the poll and by the Redis notification). Credentials live in this process's memory only.
 */
export function createGatewayCache(db: Db, encryptionKey: Buffer) {
  const cache = new Map<string, Promise<LoadedGateway | undefined>>();
  const load = async (name: string): Promise<LoadedGateway | undefined> => {
    const row = await getGateway(db, name);
    if (!row) return undefined;
    const config = resolveAnyGatewayConfig(row.preset, row.config);
    const credentials = row.credentialsEncrypted
      ? (JSON.parse(decryptSecret(row.credentialsEncrypted, encryptionKey)) as Record<string, string>)
      : {};
    if (isSmppConfig(config)) return { kind: 'smpp', row, config, settings: { ...config.settings, ...row.settings }, credentials };
    return { kind: 'http', row, config, settings: mergeSettings(config, row.settings), credentials };
  };
  return {
    get(name: string): Promise<LoadedGateway | undefined> {
      let entry = cache.get(name);
      if (!entry) {
        entry = load(name);
        cache.set(name, entry);
        // A failed load (database blip, bad config) is retried on the next use, not cached.
        entry.catch(() => cache.delete(name));
      }
      return entry;
    },
    /** Drops entries whose version changed or that were deleted; returns the current versions. */
    async sync(): Promise<Map<string, number>> {
      const versions = await gatewayVersions(db);
      for (const [name, entry] of cache) {
        const loaded = await entry.catch(() => undefined);
        if (!loaded || versions.get(name) !== loaded.row.version) cache.delete(name);
      }
      return versions;
    },
  };
}
export type GatewayCache = ReturnType<typeof createGatewayCache>;
