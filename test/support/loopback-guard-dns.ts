/**
 * The DNS half of the loopback guard (loopback-guard.ts): a query for a public name is itself
 * traffic leaving the machine, so no name is ever handed to the system resolver or a name server.
 * `localhost` and `*.localhost` are answered here with loopback addresses (RFC 6761 lets a
 * resolver do exactly that), `*.invalid` with ENOTFOUND (RFC 6761 asks for an immediate negative
 * answer), IP literals go on to node (they never cause a query), and everything else is refused.
 */
import dns from 'node:dns';
import { isIP } from 'node:net';

type Refuse = (what: string) => Error;

interface Answer {
  address: string;
  family: 4 | 6;
}

type LocalAnswer = { kind: 'answer'; addresses: Answer[] } | { kind: 'error'; error: Error } | { kind: 'pass' };

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function isLocalhost(name: string): boolean {
  const n = normalise(name);
  return n === 'localhost' || n.endsWith('.localhost');
}

function notFound(hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname });
}

function requestedFamily(options: unknown): number {
  if (typeof options === 'number') return options;
  if (typeof options !== 'object' || options === null) return 0;
  const family: unknown = (options as { family?: unknown }).family;
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return typeof family === 'number' ? family : 0;
}

/** What the guard says about a lookup of `hostname`, before node's resolver could be asked. */
function answerLocally(hostname: unknown, options: unknown, refuse: Refuse, how: string): LocalAnswer {
  // Empty names and IP literals are answered by node itself without any query.
  if (typeof hostname !== 'string' || hostname === '' || isIP(hostname) !== 0) return { kind: 'pass' };
  if (isLocalhost(hostname)) {
    const family = requestedFamily(options);
    const v4: Answer = { address: '127.0.0.1', family: 4 };
    const v6: Answer = { address: '::1', family: 6 };
    return { kind: 'answer', addresses: family === 4 ? [v4] : family === 6 ? [v6] : [v4, v6] };
  }
  if (normalise(hostname).endsWith('.invalid') || normalise(hostname) === 'invalid') return { kind: 'error', error: notFound(hostname) };
  return { kind: 'error', error: refuse(`${how} of ${hostname}`) };
}

const wantsAll = (options: unknown): boolean =>
  typeof options === 'object' && options !== null && (options as { all?: unknown }).all === true;

type AnyFunction = (...args: unknown[]) => unknown;

function guardedLookup(original: AnyFunction, refuse: Refuse): AnyFunction {
  return function lookup(this: unknown, hostname: unknown, ...rest: unknown[]): unknown {
    const callback = rest.find((a): a is AnyFunction => typeof a === 'function');
    const options = typeof rest[0] === 'function' ? undefined : rest[0];
    const local = answerLocally(hostname, options, refuse, 'DNS lookup');
    if (local.kind === 'pass' || callback === undefined) return original.call(this, hostname, ...rest);
    process.nextTick(() => {
      if (local.kind === 'error') return callback(local.error);
      const first = local.addresses[0];
      if (wantsAll(options)) return callback(null, local.addresses);
      return callback(null, first?.address, first?.family);
    });
    return undefined;
  };
}

function guardedPromiseLookup(original: AnyFunction, refuse: Refuse): AnyFunction {
  return function lookup(this: unknown, hostname: unknown, options?: unknown): unknown {
    const local = answerLocally(hostname, options, refuse, 'DNS lookup');
    if (local.kind === 'pass') return original.call(this, hostname, options);
    if (local.kind === 'error') return Promise.reject(local.error);
    return Promise.resolve(wantsAll(options) ? local.addresses : local.addresses[0]);
  };
}

// Every method that sends a query to a name server (c-ares ignores /etc/hosts for these).
const RESOLVER_METHODS = [
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCaa',
  'resolveCname',
  'resolveMx',
  'resolveNaptr',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
] as const;

/** Loopback answers for `localhost` A / AAAA queries (plain form only); undefined otherwise. */
function resolverAnswer(method: string, name: unknown, rest: unknown[]): string[] | undefined {
  if (typeof name !== 'string' || !isLocalhost(name) || typeof rest[0] === 'object') return undefined;
  const rrtype = method === 'resolve' && typeof rest[0] === 'string' ? rest[0] : method === 'resolve' ? 'A' : method;
  if (rrtype === 'A' || rrtype === 'resolve4') return ['127.0.0.1'];
  if (rrtype === 'AAAA' || rrtype === 'resolve6') return ['::1'];
  return undefined;
}

function refusingResolverMethod(method: string, refuse: Refuse, promises: boolean): AnyFunction {
  return (name: unknown, ...rest: unknown[]): unknown => {
    const answer = resolverAnswer(method, name, rest);
    const error = answer === undefined ? refuse(`DNS ${method} of ${String(name)}`) : undefined;
    if (promises) return error ? Promise.reject(error) : Promise.resolve(answer);
    const callback = rest.find((a): a is AnyFunction => typeof a === 'function');
    if (callback) process.nextTick(() => (error ? callback(error) : callback(null, answer)));
    return undefined;
  };
}

function refusingLookupService(refuse: Refuse, promises: boolean): AnyFunction {
  // getnameinfo may send a PTR query; nothing in smsgw needs it.
  return (address: unknown, port: unknown, callback?: unknown): unknown => {
    const error = refuse(`reverse lookup (lookupService) of ${String(address)}:${String(port)}`);
    if (promises) return Promise.reject(error);
    if (typeof callback === 'function') process.nextTick(() => (callback as AnyFunction)(error));
    return undefined;
  };
}

type Patchable = Record<string, unknown>;

function patch(target: object, name: string, replacement: AnyFunction): void {
  if (typeof (target as Patchable)[name] === 'function') (target as Patchable)[name] = replacement;
}

/** Patches node:dns and node:dns/promises (the same object as dns.promises), and both Resolver classes. */
export function installDnsGuard(refuse: Refuse): void {
  const callbackApi = dns as unknown as Patchable;
  const promiseApi = dns.promises as unknown as Patchable;
  patch(dns, 'lookup', guardedLookup(callbackApi['lookup'] as AnyFunction, refuse));
  patch(dns.promises, 'lookup', guardedPromiseLookup(promiseApi['lookup'] as AnyFunction, refuse));
  patch(dns, 'lookupService', refusingLookupService(refuse, false));
  patch(dns.promises, 'lookupService', refusingLookupService(refuse, true));
  for (const method of RESOLVER_METHODS) {
    // The module-level functions are bound to a default resolver, so both they and the prototypes are patched.
    patch(dns, method, refusingResolverMethod(method, refuse, false));
    patch(dns.Resolver.prototype, method, refusingResolverMethod(method, refuse, false));
    patch(dns.promises, method, refusingResolverMethod(method, refuse, true));
    patch(dns.promises.Resolver.prototype, method, refusingResolverMethod(method, refuse, true));
  }
}
