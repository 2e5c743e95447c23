import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { unprocessable } from '@smsgw/core';

/**
 * Server-side request forgery guard. A gateway URL is written by an operator (or comes from a
 * preset plus a base URL setting), but smsgw must never be turned into a proxy to its own network:
 * the cloud metadata service, Redis, PostgreSQL, the admin API. Every address a gateway URL
 * resolves to is checked here, at save time (`assertUrlAllowed`) and again at connect time
 * (http.ts), because DNS can answer differently between the two.
 */

type V4Range = readonly [base: number, prefix: number];

// Special-purpose ranges (IANA IPv4 Special-Purpose Address Registry) that a public SMS gateway
// never lives in. Documentation ranges are included: they are unroutable, so refusing them costs nothing.
const V4_BLOCKED: readonly V4Range[] = [
  [v4(0, 0, 0, 0), 8], // "this network"
  [v4(10, 0, 0, 0), 8],
  [v4(100, 64, 0, 0), 10], // CGNAT
  [v4(127, 0, 0, 0), 8],
  [v4(169, 254, 0, 0), 16], // link-local, cloud metadata (169.254.169.254)
  [v4(172, 16, 0, 0), 12],
  [v4(192, 0, 0, 0), 24], // IETF protocol assignments
  [v4(192, 0, 2, 0), 24],
  [v4(192, 88, 99, 0), 24], // 6to4 relay anycast
  [v4(192, 168, 0, 0), 16],
  [v4(198, 18, 0, 0), 15], // benchmarking
  [v4(198, 51, 100, 0), 24],
  [v4(203, 0, 113, 0), 24],
  [v4(224, 0, 0, 0), 4], // multicast
  [v4(240, 0, 0, 0), 4], // reserved, including 255.255.255.255 broadcast
];

function v4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function parseV4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const octet = Number(p);
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

function v4Blocked(n: number): boolean {
  return V4_BLOCKED.some(([base, prefix]) => {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return (n & mask) >>> 0 === base;
  });
}

/** Eight 16-bit groups, or undefined when the text is not an IPv6 address. */
function parseV6(ip: string): number[] | undefined {
  let text = ip;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // An embedded dotted IPv4 tail (::ffff:127.0.0.1) is two groups written differently.
    const n = parseV4(last);
    if (n === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
    return groups.some(Number.isNaN) ? undefined : groups;
  };
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1) return known === 8 ? head : undefined;
  if (known > 7) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest];
}

function v6Blocked(g: readonly number[]): boolean {
  const at = (i: number): number => g[i] ?? 0;
  const embeddedV4 = (hi: number, lo: number): number => ((at(hi) << 16) | at(lo)) >>> 0;
  const zeroUpTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  // ::/96 covers ::, ::1 and the deprecated IPv4-compatible form; none is a public host.
  if (zeroUpTo(6)) return true;
  // IPv4-mapped (::ffff:a.b.c.d, also written ::ffff:7f00:1): the socket talks IPv4.
  if (zeroUpTo(5) && at(5) === 0xffff) return v4Blocked(embeddedV4(6, 7));
  // IPv4-translated (::ffff:0:a.b.c.d).
  if (zeroUpTo(4) && at(4) === 0xffff && at(5) === 0) return v4Blocked(embeddedV4(6, 7));
  // NAT64 well-known prefix 64:ff9b::/96 reaches the embedded IPv4 address.
  if (at(0) === 0x64 && at(1) === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Blocked(embeddedV4(6, 7));
  if (at(0) === 0x64 && at(1) === 0xff9b && at(2) === 1) return true; // local-use NAT64
  // 6to4 2002:AABB:CCDD::/48 tunnels to the embedded IPv4 address.
  if (at(0) === 0x2002) return v4Blocked(embeddedV4(1, 2));
  if (at(0) === 0x2001 && at(1) === 0) return true; // Teredo: an obfuscated IPv4 peer
  if (at(0) === 0x2001 && at(1) === 0xdb8) return true; // documentation
  if (at(0) === 0x100 && at(1) === 0 && at(2) === 0 && at(3) === 0) return true; // discard-only
  if ((at(0) & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((at(0) & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((at(0) & 0xffc0) === 0xfec0) return true; // deprecated site-local fec0::/10
  if ((at(0) & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/**
 * True when an IP address must not be reached from smsgw: loopback, private, CGNAT, link-local
 * (cloud metadata), unique-local, multicast, broadcast, reserved, and IPv6 forms that embed one of
 * those (IPv4-mapped, NAT64, 6to4). Text that is not an IP address counts as private: fail closed.
 */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) {
    const n = parseV4(bare);
    return n === undefined || v4Blocked(n);
  }
  if (family === 6) {
    const groups = parseV6(bare);
    return groups === undefined || v6Blocked(groups);
  }
  return true;
}

function refuse(reason: string): never {
  throw unprocessable('gateway_url_not_allowed', `Gateway URL not allowed: ${reason}`);
}

/**
 * Save-time check of a gateway URL: http(s) only, no credentials in the URL (they would end up in
 * logs), and, unless private addresses are allowed (tests, a sandbox on the same host), every
 * address the host resolves to must be public. Throws AppError 422 `gateway_url_not_allowed`.
 * The connect-time check in http.ts still runs on every request.
 */
export async function assertUrlAllowed(url: string, allowPrivate: boolean): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') refuse('only http and https are allowed');
  if (parsed.username !== '' || parsed.password !== '') refuse('credentials in the URL are not allowed; use the auth settings');
  if (allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    if (isPrivateAddress(host)) refuse(`${host} is a private or reserved address`);
    return;
  }
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return refuse(`host ${host} does not resolve`);
  }
  if (addresses.length === 0) refuse(`host ${host} does not resolve`);
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) refuse(`host ${host} resolves to a private or reserved address`);
}
