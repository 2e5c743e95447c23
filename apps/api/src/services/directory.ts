import { listGateways, listRoutes, type Db, type GatewayRow, type RouteRow } from '@smsgw/db';
import { resolveAnyGatewayConfig, resolveGatewayConfig, sendCapabilities, type GatewayConfig } from '@smsgw/gateways';

type SendCapabilities = ReturnType<typeof sendCapabilities>;

export interface Directory {
  gateways: ReadonlyMap<string, GatewayRow>;
  routes: readonly RouteRow[];
}

/**
 * Gateways and routes, cached for a second: every accepted message needs them, and they change
 * rarely. The API's own writes call `invalidate()`, so its next request sees the change.
 */
export function createDirectory(db: Db, ttlMs = 1000) {
  let cached: { at: number; value: Promise<Directory> } | undefined;
  const configs = new WeakMap<GatewayRow, GatewayConfig>();
  const capabilities = new WeakMap<GatewayRow, SendCapabilities>();
  const load = async (): Promise<Directory> => {
    const [gws, routes] = await Promise.all([listGateways(db), listRoutes(db)]);
    return { gateways: new Map(gws.map((g) => [g.name, g])), routes };
  };
  return {
    get(): Promise<Directory> {
      const now = Date.now();
      if (!cached || now - cached.at > ttlMs) {
        const value = load();
        cached = { at: now, value };
        value.catch(() => {
          if (cached?.value === value) cached = undefined;
        });
      }
      return cached.value;
    },
    /** The gateway's validated config, parsed once per loaded row. */
    configOf(row: GatewayRow): GatewayConfig {
      let c = configs.get(row);
      if (!c) {
        c = resolveGatewayConfig(row.preset, row.config);
        configs.set(row, c);
      }
      return c;
    },
    /** What the gateway can send (Unicode, most segments), for HTTP and SMPP gateways alike. */
    capabilitiesOf(row: GatewayRow): SendCapabilities {
      let c = capabilities.get(row);
      if (!c) {
        c = sendCapabilities(resolveAnyGatewayConfig(row.preset, row.config));
        capabilities.set(row, c);
      }
      return c;
    },
    invalidate(): void {
      cached = undefined;
    },
  };
}
export type DirectoryCache = ReturnType<typeof createDirectory>;
