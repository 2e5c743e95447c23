import type { Logger } from 'pino';
import { listGateways, storeBalance, type Db } from '@smsgw/db';
import { queryBalance, type HttpLimits } from '@smsgw/gateways';
import type { GatewayCache } from '../gateway-cache.js';

/**
 * Refreshes `credit_remaining` of every enabled gateway whose preset has a balance query. One
 * provider failing is logged and skipped; it must not stop the others.
 */
export async function refreshBalances(db: Db, gateways: GatewayCache, limits: HttpLimits, log: Logger): Promise<number> {
  let refreshed = 0;
  for (const row of await listGateways(db)) {
    if (!row.enabled) continue;
    try {
      const gw = await gateways.get(row.name);
      // SMPP has no balance query: only HTTP gateways whose config has one are asked.
      if (gw?.kind !== 'http' || !gw.config.balance) continue;
      const b = await queryBalance(gw.config, { credentials: gw.credentials, settings: gw.settings }, limits);
      await storeBalance(db, row.name, b.balance, b.currency);
      refreshed++;
    } catch (err) {
      log.warn({ err, gateway: row.name }, 'balance refresh failed');
    }
  }
  return refreshed;
}
