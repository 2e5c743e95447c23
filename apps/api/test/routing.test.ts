import { describe, expect, it } from 'vitest';
import type { GatewayRow, RouteRow, RouteTarget } from '@smsgw/db';
import { chooseGateways } from '../src/services/routing.js';

/** A small seeded PRNG (mulberry32), so weighted draws are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function gateway(name: string, over: Partial<GatewayRow> = {}): GatewayRow {
  const at = new Date(0);
  return {
    id: `gw_${name}`,
    name,
    preset: 'sandbox',
    config: null,
    settings: {},
    credentialsEncrypted: null,
    callbackToken: 'token',
    enabled: true,
    isDefault: false,
    priority: 0,
    rateLimitMax: null,
    rateLimitIntervalMs: null,
    rateLimitPerSegment: false,
    creditRemaining: null,
    creditCurrency: null,
    lastBalanceCheck: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

function route(name: string, targets: RouteTarget[], over: Partial<RouteRow> = {}): RouteRow {
  return {
    id: `rt_${name}`,
    name,
    position: 0,
    matchPrefix: null,
    matchCountry: null,
    targets,
    enabled: true,
    createdAt: new Date(0),
    ...over,
  };
}

const target = (gw: string, rank = 0, weight = 1): RouteTarget => ({ gateway: gw, rank, weight });

function directory(...rows: GatewayRow[]): Map<string, GatewayRow> {
  return new Map(rows.map((g) => [g.name, g]));
}

const UK = '+447400123456';
const US = '+12025550123';
const DE = '+4915123456789';

describe('chooseGateways', () => {
  const gws = directory(gateway('a'), gateway('b'), gateway('c'), gateway('def', { isDefault: true }));

  it('uses the default gateway alone when no route matches', () => {
    expect(chooseGateways([], gws, UK, 'GB')).toEqual(['def']);
    expect(chooseGateways([route('us', [target('a')], { matchCountry: 'US' })], gws, UK, 'GB')).toEqual(['def']);
  });

  it('returns nothing when no route matches and there is no enabled default', () => {
    expect(chooseGateways([], directory(gateway('a')), UK, 'GB')).toEqual([]);
    expect(chooseGateways([], directory(gateway('d', { isDefault: true, enabled: false })), UK, 'GB')).toEqual([]);
  });

  it('matches a prefix with or without its +', () => {
    const routes = [route('uk', [target('a')], { matchPrefix: '+447' }), route('de', [target('b')], { matchPrefix: '49' })];
    expect(chooseGateways(routes, gws, UK, 'GB')).toEqual(['a']);
    expect(chooseGateways(routes, gws, DE, 'DE')).toEqual(['b']);
    expect(chooseGateways(routes, gws, US, 'US')).toEqual(['def']);
  });

  it('matches a country case-insensitively, and needs both prefix and country when both are set', () => {
    expect(chooseGateways([route('us', [target('a')], { matchCountry: 'us' })], gws, US, 'US')).toEqual(['a']);
    const both = [route('both', [target('a')], { matchPrefix: '1202', matchCountry: 'CA' })];
    expect(chooseGateways(both, gws, US, 'US')).toEqual(['def']);
  });

  it('takes the first matching route in order', () => {
    const routes = [route('first', [target('a')], { matchCountry: 'GB' }), route('second', [target('b')], { matchPrefix: '44' })];
    expect(chooseGateways(routes, gws, UK, 'GB')).toEqual(['a']);
  });

  it('skips disabled routes', () => {
    const routes = [route('off', [target('a')], { enabled: false }), route('on', [target('b')])];
    expect(chooseGateways(routes, gws, UK, 'GB')).toEqual(['b']);
  });

  it('orders by rank (lower first), whatever the order the targets are listed in', () => {
    const routes = [route('r', [target('c', 3), target('a', 1), target('b', 2)])];
    expect(chooseGateways(routes, gws, UK, 'GB')).toEqual(['a', 'b', 'c']);
  });

  it('skips disabled and missing gateways, and falls through to the next route when none is left', () => {
    const withOff = directory(gateway('a', { enabled: false }), gateway('b'), gateway('def', { isDefault: true }));
    expect(chooseGateways([route('r', [target('a', 0), target('b', 1)])], withOff, UK, 'GB')).toEqual(['b']);
    expect(chooseGateways([route('r', [target('a'), target('ghost')]), route('next', [target('b')])], withOff, UK, 'GB')).toEqual(['b']);
    expect(chooseGateways([route('r', [target('a')])], withOff, UK, 'GB')).toEqual(['def']);
  });

  it('lists a gateway once even when it is a target twice', () => {
    expect(chooseGateways([route('r', [target('a', 0), target('b', 1), target('a', 2)])], gws, UK, 'GB')).toEqual(['a', 'b']);
  });

  it('puts a weight-0 target last within its rank', () => {
    const random = seeded(7);
    const orders = new Set<string>();
    for (let i = 0; i < 200; i++)
      orders.add(chooseGateways([route('r', [target('a', 0, 0), target('b', 0, 1)])], gws, UK, 'GB', random).join(','));
    expect([...orders]).toEqual(['b,a']);
  });

  it('spreads first picks by weight within a rank, and keeps lower ranks behind', () => {
    const random = seeded(42);
    const routes = [route('r', [target('a', 0, 1), target('b', 0, 3), target('c', 1, 100)])];
    const draws = 20_000;
    const firsts = { a: 0, b: 0, c: 0 };
    const shapes = new Set<string>();
    for (let i = 0; i < draws; i++) {
      const order = chooseGateways(routes, gws, UK, 'GB', random);
      shapes.add(`${order.length}:${order[2]}`);
      const first = order[0] as 'a' | 'b' | 'c';
      firsts[first]++;
    }
    expect([...shapes]).toEqual(['3:c']);
    // Expected 25% / 75%; 20k draws put the standard deviation near 0.3%.
    expect(firsts.a / draws).toBeGreaterThan(0.23);
    expect(firsts.a / draws).toBeLessThan(0.27);
    expect(firsts.b / draws).toBeGreaterThan(0.73);
    expect(firsts.c).toBe(0);
  });

  it('is deterministic for a given seed', () => {
    const routes = [route('r', [target('a', 0, 2), target('b', 0, 2), target('c', 0, 2)])];
    const run = () => {
      const random = seeded(99);
      return Array.from({ length: 50 }, () => chooseGateways(routes, gws, UK, 'GB', random).join(','));
    };
    expect(run()).toEqual(run());
    expect(new Set(run()).size).toBeGreaterThan(1);
  });
});
