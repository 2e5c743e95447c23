/**
 * The loopback guard: while tests run, nothing may leave this machine, not even a DNS query for
 * a public name. Installed by the vitest setup file (loopback-guard-setup.ts) in every test
 * process, and by NODE_OPTIONS (`guardNodeOptions()`) in every node child a test spawns.
 *
 * - net.Socket.prototype.connect (under net.connect, tls.connect, undici/fetch, ioredis,
 *   postgres.js) refuses an IP literal outside loopback before the real connect runs, so no
 *   handle is opened and no packet is sent; a hostname is connected through a lookup that
 *   refuses any non-loopback answer. Unix sockets pass.
 * - dns.lookup answers `localhost` / `*.localhost` itself (loopback, RFC 6761) and `*.invalid`
 *   with ENOTFOUND (RFC 6761 says resolvers should), and refuses every other name without
 *   asking anyone. Resolver queries and reverse lookups are refused (see loopback-guard-dns.ts).
 * - UDP (dgram send / connect) may only go to a loopback address or `localhost`; nothing in smsgw
 *   uses UDP, so this only closes the other way out.
 *
 * Every refusal is recorded (code under test may swallow the error, e.g. as a temporary network
 * failure) so the setup file can fail the test that caused it, and printed to stderr so a child's
 * refusal shows in its output (test/fault/procs.ts turns such lines into refusals of the parent).
 */
import { isIP, Socket, type LookupFunction } from 'node:net';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { installDnsGuard } from './loopback-guard-dns.js';

/** Every refusal message starts with this; procs.ts looks for it in children's output. */
export const REFUSAL_MARK = 'loopback guard: refused';

export interface Refusal {
  /** What was refused, e.g. `connect to 192.0.2.1:443` or `DNS lookup of api.twilio.com`. */
  what: string;
  /** Where the attempt came from (a stack trace, or the child process that printed it). */
  origin: string;
}

interface GuardState {
  installed: boolean;
  refusals: Refusal[];
}

// On globalThis: the setup file, the proof test and procs.ts may each load their own copy of
// this module, and the prototype must be wrapped once, with one list of refusals.
const STATE_KEY = Symbol.for('smsgw.test.loopbackGuard');
function state(): GuardState {
  const g = globalThis as { [STATE_KEY]?: GuardState };
  g[STATE_KEY] ??= { installed: false, refusals: [] };
  return g[STATE_KEY];
}

export class LoopbackGuardError extends Error {
  readonly code = 'ELOOPBACKGUARD';
  constructor(what: string) {
    super(`${REFUSAL_MARK} ${what} (tests may only reach 127.0.0.0/8, ::1 and localhost)`);
    this.name = 'LoopbackGuardError';
  }
}

/** Records and prints a refusal; returns the error to hand to the caller. */
export function refuse(what: string): LoopbackGuardError {
  const err = new LoopbackGuardError(what);
  // The caller's frames, not the guard's own.
  const frames = (err.stack ?? '')
    .split('\n')
    .slice(1)
    .filter((line) => !line.includes('loopback-guard'));
  const origin = frames.slice(0, 8).join('\n');
  state().refusals.push({ what, origin });
  process.stderr.write(`\n!!!!! ${err.message} [pid ${process.pid}] !!!!!\n${origin}\n\n`);
  return err;
}

/** Records a refusal reported by someone else (a child process's stderr line). */
export function recordRefusal(refusal: Refusal): void {
  state().refusals.push(refusal);
}

/** The refusals recorded so far, removed from the record. */
export function drainRefusals(): Refusal[] {
  return state().refusals.splice(0);
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x (dotted or hex); false for anything else. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return bare.startsWith('127.');
  if (family !== 6) return false;
  const groups = v6Groups(bare);
  if (groups === undefined) return false;
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeroUpTo(7) && groups[7] === 1) return true;
  return zeroUpTo(5) && groups[5] === 0xffff && (groups[6] ?? 0) >> 8 === 127;
}

/** The eight 16-bit groups of an address isIP already called IPv6. */
function v6Groups(ip: string): number[] | undefined {
  let text = ip;
  const tail = text.slice(text.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, text.length - tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const h = parse(head);
  const r = rest === undefined ? [] : parse(rest);
  const groups = rest === undefined ? h : [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r];
  return groups.length === 8 ? groups : undefined;
}

type Connect = (this: Socket, ...args: unknown[]) => Socket;
type LookupCallback = Parameters<LookupFunction>[2];

interface ConnectCall {
  options: Record<string, unknown>;
  /** Rebuilds the arguments with other options, in the shape the caller used. */
  withOptions(options: Record<string, unknown>): unknown[];
}

/** Reads net's connect overloads: ([options, cb]) as net.connect passes it, (options, cb), (port, host, cb), (path, cb). */
function readConnectArgs(args: unknown[]): ConnectCall {
  const [first, ...rest] = args;
  if (Array.isArray(first)) {
    // net.connect/tls.connect hand over [options, cb] marked with an internal symbol; keep the mark.
    const marked = first as unknown[] & Record<symbol, unknown>;
    return {
      options: (marked[0] ?? {}) as Record<string, unknown>,
      withOptions(options) {
        const copy = [options, ...marked.slice(1)] as unknown[] & Record<symbol, unknown>;
        for (const s of Object.getOwnPropertySymbols(marked)) copy[s] = marked[s];
        return [copy, ...rest];
      },
    };
  }
  if (typeof first === 'object' && first !== null) {
    return { options: first as Record<string, unknown>, withOptions: (options) => [options, ...rest] };
  }
  // net's isPipeName: a string that is not a port number is a Unix socket path.
  if (typeof first === 'string' && !(Number(first) >= 0)) return { options: { path: first }, withOptions: () => args };
  const host = typeof rest[0] === 'string' ? rest[0] : undefined;
  const callback = args.find((a) => typeof a === 'function');
  return {
    options: { port: first, host },
    withOptions: (options) => (callback === undefined ? [options] : [options, callback]),
  };
}

function target(host: string, port: unknown): string {
  const h = isIP(host) === 6 ? `[${host}]` : host;
  return port === undefined ? h : `${h}:${String(port)}`;
}

/** Fails the socket as net would fail a connect (an 'error' event), without opening anything. */
function refuseSocket(socket: Socket, what: string): Socket {
  const err = refuse(what);
  process.nextTick(() => socket.destroy(err));
  return socket;
}

/** A lookup that hands on only loopback answers of `inner` (the caller's lookup, or dns.lookup). */
function loopbackOnlyLookup(inner: LookupFunction, port: unknown): LookupFunction {
  return (hostname, options, callback: LookupCallback) => {
    inner(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const answers = typeof address === 'string' ? [address] : address.map((a) => a.address);
      const bad = answers.find((a) => !isLoopbackAddress(a));
      if (bad !== undefined) return callback(refuse(`connect to ${target(bad, port)} (${hostname} resolved to it)`), '', 0);
      return callback(null, address, family);
    });
  };
}

/**
 * Wraps a Socket#connect: exported so the proof test can wrap a spy and see that a refused
 * target never reaches the real connect (which is where net creates the TCP handle).
 */
export function guardConnect(original: Connect): Connect {
  return function guardedConnect(this: Socket, ...args: unknown[]): Socket {
    const call = readConnectArgs(args);
    const { options } = call;
    if (typeof options['path'] === 'string' && options['path'] !== '') return original.apply(this, args);
    // net's own default host when none is given.
    const host = typeof options['host'] === 'string' && options['host'] !== '' ? options['host'] : 'localhost';
    if (isIP(host) !== 0) {
      return isLoopbackAddress(host) ? original.apply(this, args) : refuseSocket(this, `connect to ${target(host, options['port'])}`);
    }
    const inner = typeof options['lookup'] === 'function' ? (options['lookup'] as LookupFunction) : (dns.lookup as LookupFunction);
    return original.apply(this, call.withOptions({ ...options, lookup: loopbackOnlyLookup(inner, options['port']) }));
  };
}

type AnyMethod = (this: unknown, ...args: unknown[]) => unknown;

/** UDP: a non-loopback address is refused synchronously, as dgram itself throws on bad arguments. */
function guardDgram(): void {
  const proto = dgram.Socket.prototype as unknown as { send: AnyMethod; connect: AnyMethod };
  const outside = (address: unknown): address is string =>
    typeof address === 'string' && address !== '' && address.toLowerCase() !== 'localhost' && !isLoopbackAddress(address);
  const send = proto.send;
  proto.send = function guardedSend(this: unknown, ...args: unknown[]): unknown {
    // send(msg, [offset, length,] port[, address][, callback]): the address is the only string after msg.
    const address = args.slice(1).find((a) => typeof a === 'string');
    if (outside(address)) throw refuse(`UDP send to ${address}`);
    return send.apply(this, args);
  };
  const connect = proto.connect;
  proto.connect = function guardedUdpConnect(this: unknown, ...args: unknown[]): unknown {
    const address = args.find((a) => typeof a === 'string');
    if (outside(address)) throw refuse(`UDP connect to ${target(address, args[0])}`);
    return connect.apply(this, args);
  };
}

/** Installs the guard in this process (once; later calls do nothing). */
export function installLoopbackGuard(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  const proto = Socket.prototype as unknown as { connect: Connect };
  proto.connect = guardConnect(proto.connect);
  installDnsGuard(refuse);
  guardDgram();
  // ESM named imports of builtins (`import { lookup } from 'node:dns'`) see the patch only after this.
  syncBuiltinESMExports();
}

const childPreload = fileURLToPath(new URL('./loopback-guard-child.mjs', import.meta.url));

/** NODE_OPTIONS for a node child process: `existing` plus the guard's preload. */
export function guardNodeOptions(existing = ''): string {
  const flag = `--import=${pathToFileURL(childPreload).href}`;
  return existing.includes(flag) ? existing : `${existing} ${flag}`.trim();
}
