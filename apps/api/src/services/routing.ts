import type { GatewayRow, RouteRow, RouteTarget } from '@smsgw/db';

/** Weighted shuffle (sampling without replacement): higher weight, more often first. */
function weightedOrder(targets: RouteTarget[], random: () => number): RouteTarget[] {
  const pool = [...targets];
  const out: RouteTarget[] = [];
  while (pool.length > 0) {
    const total = pool.reduce((s, t) => s + Math.max(t.weight, 0), 0);
    let pick = 0;
    if (total > 0) {
      let r = random() * total;
      for (let i = 0; i < pool.length; i++) {
        r -= Math.max(pool[i]?.weight ?? 0, 0);
        if (r < 0) {
          pick = i;
          break;
        }
      }
    }
    out.push(...pool.splice(pick, 1));
  }
  return out;
}

function matches(route: RouteRow, e164: string, country: string | undefined): boolean {
  if (!route.enabled) return false;
  const digits = e164.replace(/^\+/, '');
  if (route.matchPrefix && !digits.startsWith(route.matchPrefix.replace(/^\+/, ''))) return false;
  if (route.matchCountry && route.matchCountry.toUpperCase() !== country) return false;
  return true;
}

/**
 * The ordered failover list for a recipient: the first matching route (by position) gives
 * gateways by rank, weighted-shuffled within a rank; disabled or missing gateways are skipped.
 * With no matching route, the default gateway alone.
 */
export function chooseGateways(
  routes: readonly RouteRow[],
  gateways: ReadonlyMap<string, GatewayRow>,
  e164: string,
  country: string | undefined,
  random: () => number = Math.random,
): string[] {
  const usable = (name: string) => gateways.get(name)?.enabled === true;
  for (const route of routes) {
    if (!matches(route, e164, country)) continue;
    const ranks = [...new Set(route.targets.map((t) => t.rank))].sort((a, b) => a - b);
    const order = ranks.flatMap((rank) =>
      weightedOrder(
        route.targets.filter((t) => t.rank === rank),
        random,
      ),
    );
    const names = [...new Set(order.map((t) => t.gateway))].filter(usable);
    if (names.length > 0) return names;
  }
  const fallback = [...gateways.values()].find((g) => g.isDefault && g.enabled);
  return fallback ? [fallback.name] : [];
}
