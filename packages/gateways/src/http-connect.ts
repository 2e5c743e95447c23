import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import { buildConnector } from 'undici';
import { SSRF_BLOCKED_CODE, type HttpLimits } from './http-types.js';
import { isPrivateAddress } from './ssrf.js';

/**
 * The SSRF guard at connect time, as an undici connector. Both `executeRequest` and the pooled
 * client open every socket through it, so no connection (fresh, pooled or a retry) can bypass it.
 */

class BlockedAddressError extends Error {
  readonly code = SSRF_BLOCKED_CODE;
  constructor(host: string) {
    super(`refused to connect to ${host}: private or reserved address`);
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect that refuses the host when any of its addresses is private.
 * It runs when the socket is opened, so a name that was public at save time and resolves to
 * 127.0.0.1 now (DNS rebinding) is still refused.
 */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const first = addresses[0];
    if (first === undefined || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(new BlockedAddressError(hostname), '', 0);
    }
    if (options.all === true) return callback(null, addresses);
    return callback(null, first.address, first.family);
  });
}

/**
 * A connector with the connect timeout and, unless `allowPrivate`, the address guard.
 * `onConnected` runs once a socket is connected (and TLS is done) and has passed the guard.
 */
export function createGuardedConnector(limits: HttpLimits, onConnected?: () => void): buildConnector.connector {
  const base = buildConnector({
    timeout: limits.connectTimeoutMs,
    ...(limits.allowPrivate ? {} : { lookup: guardedLookup }),
  });
  return (opts, callback) => {
    // net.connect skips `lookup` for IP literals, so those are checked here before any packet leaves.
    if (!limits.allowPrivate && isIP(opts.hostname) !== 0 && isPrivateAddress(opts.hostname)) {
      callback(new BlockedAddressError(opts.hostname), null);
      return;
    }
    base(opts, (...args) => {
      const [err, socket] = args;
      if (err !== null) return callback(err, null);
      const remote = (socket as Socket).remoteAddress;
      if (!limits.allowPrivate && (remote === undefined || isPrivateAddress(remote))) {
        socket.destroy();
        return callback(new BlockedAddressError(opts.hostname), null);
      }
      onConnected?.();
      return callback(null, socket);
    });
  };
}
