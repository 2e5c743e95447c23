import { getGateway, gatewayVersions, type Db, type GatewayRow } from '@smsgw/db';
import {
  loadGateway,
  type HttpGateway as LoadedHttpGateway,
  type LoadedGateway as AnyLoadedGateway,
  type SmppGateway as LoadedSmppGateway,
} from '@smsgw/gateways';

/** An HTTP gateway (the default kind): a request per message, rendered from its config. */
export type HttpGateway = LoadedHttpGateway<GatewayRow>;
/** An SMPP gateway: messages go over a bind the worker keeps (smpp/sessions.ts). */
export type SmppGateway = LoadedSmppGateway<GatewayRow>;
/** A gateway ready to send through: config resolved, settings merged, credentials decrypted. */
export type LoadedGateway = AnyLoadedGateway<GatewayRow>;

/**
 * Gateways by name, loaded on first use and dropped when their version changes (`sync`, driven
 * by the poll and by the Redis notification). Credentials live in this process's memory only.
 */
export function createGatewayCache(db: Db, encryptionKey: Buffer) {
  const cache = new Map<string, Promise<LoadedGateway | undefined>>();
  const load = async (name: string): Promise<LoadedGateway | undefined> => {
    const row = await getGateway(db, name);
    return row ? loadGateway(row, encryptionKey) : undefined;
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
