import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { isPrivateAddress } from '../ssrf.js';
import type { SmppTls } from './schema.js';

/**
 * Opens the TCP (or TLS) connection of a bind, with a connect deadline and the same address
 * policy as HTTP gateways: unless private addresses are allowed, a host that is (or resolves to)
 * a loopback, private or reserved address is refused before any packet leaves, and the peer the
 * socket reached is checked again (DNS rebinding).
 */

export interface ConnectOptions {
  host: string;
  port: number;
  tls: SmppTls;
  timeoutMs: number;
  allowPrivate: boolean;
}

/** A connection that never reached the SMSC: nothing was sent, a later try may work. */
export class SmppConnectError extends Error {
  override name = 'SmppConnectError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const first = addresses[0];
    if (first === undefined || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(
        Object.assign(new Error(`refused to connect to ${hostname}: private or reserved address`), { code: 'SSRF_BLOCKED' }),
        '',
        0,
      );
    }
    if (options.all === true) return callback(null, addresses);
    return callback(null, first.address, first.family);
  });
}

/** Resolves with a connected (and, with TLS, handshaken) socket, or rejects with SmppConnectError. */
export function openSocket(o: ConnectOptions): Promise<Socket> {
  if (!o.allowPrivate && isIP(o.host) !== 0 && isPrivateAddress(o.host)) {
    return Promise.reject(new SmppConnectError(`refused to connect to ${o.host}: private or reserved address`, 'SSRF_BLOCKED'));
  }
  const base = { host: o.host, port: o.port, ...(o.allowPrivate ? {} : { lookup: guardedLookup }) };
  return new Promise((resolve, reject) => {
    const tls = o.tls === false ? undefined : o.tls === true ? { rejectUnauthorized: true } : o.tls;
    const socket: Socket = tls
      ? tlsConnect({
          ...base,
          rejectUnauthorized: tls.rejectUnauthorized,
          ...(tls.ca ? { ca: tls.ca } : {}),
          servername: tls.servername ?? (isIP(o.host) ? undefined : o.host),
        })
      : netConnect(base);
    let settled = false;
    const fail = (err: Error & { code?: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(new SmppConnectError(err.message, typeof err.code === 'string' ? err.code : 'ECONNECT'));
    };
    const timer = setTimeout(
      () => fail(Object.assign(new Error(`connect to ${o.host}:${o.port} timed out after ${o.timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      o.timeoutMs,
    );
    socket.once('error', fail);
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      if (settled) return;
      const remote = socket.remoteAddress;
      if (!o.allowPrivate && (remote === undefined || isPrivateAddress(remote))) {
        fail(Object.assign(new Error(`refused to connect to ${o.host}: private or reserved address`), { code: 'SSRF_BLOCKED' }));
        return;
      }
      settled = true;
      clearTimeout(timer);
      socket.removeListener('error', fail);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
