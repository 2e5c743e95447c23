import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import dns from 'node:dns';
import { lookup as promiseLookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import { connect, Socket, type AddressInfo } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, processGroup } from '../fault/procs.js';
import { drainRefusals, guardConnect, guardNodeOptions, isLoopbackAddress, type Refusal } from './loopback-guard.js';

/** The error a socket ends with, or 'connected'. */
function outcome(socket: Socket): Promise<Error | 'connected'> {
  return new Promise((ok) => {
    socket.once('connect', () => {
      socket.destroy();
      ok('connected');
    });
    socket.once('error', ok);
  });
}

/** The refusals recorded since the last call; taken out of the record so this file's tests do not fail for them. */
const refused = (): string[] => drainRefusals().map((r) => r.what);

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

describe('connect', () => {
  it('refuses 192.0.2.1 before the real connect runs: no handle is ever opened', async () => {
    const reached: unknown[][] = [];
    const wrapped = guardConnect(function (this: Socket, ...args: unknown[]) {
      reached.push(args);
      return this;
    });
    const probe = new Socket();
    wrapped.call(probe, 443, '192.0.2.1');
    wrapped.call(probe, { host: '192.0.2.1', port: 80 });
    wrapped.call(probe, { host: '::ffff:192.0.2.1', port: 80 });
    // Refused synchronously: recorded before connect() even returned, and the real connect never called.
    expect(refused()).toEqual(['connect to 192.0.2.1:443', 'connect to 192.0.2.1:80', 'connect to [::ffff:192.0.2.1]:80']);
    expect(reached).toEqual([]);
    // Loopback and Unix sockets go through untouched.
    wrapped.call(probe, 5432, '127.0.0.1');
    wrapped.call(probe, '/tmp/some.sock');
    expect(reached).toEqual([[5432, '127.0.0.1'], ['/tmp/some.sock']]);
    probe.destroy();

    // The installed guard, end to end: net creates the TCP handle inside the real connect, so none means it never ran.
    const socket = connect(443, '192.0.2.1');
    expect((socket as unknown as { _handle: unknown })._handle ?? null).toBeNull();
    expect(socket.connecting).toBe(false);
    expect(refused()).toEqual(['connect to 192.0.2.1:443']);
    const err = await outcome(socket);
    expect(err).toMatchObject({
      code: 'ELOOPBACKGUARD',
      message: expect.stringContaining('loopback guard: refused connect to 192.0.2.1:443'),
    });
  });

  it('refuses TLS and fetch to a public address the same way', async () => {
    expect(await outcome(tlsConnect({ host: '203.0.113.7', port: 443 }))).toMatchObject({ code: 'ELOOPBACKGUARD' });
    await expect(fetch('http://198.51.100.1:8080/')).rejects.toThrow();
    expect(refused()).toEqual(['connect to 203.0.113.7:443', 'connect to 198.51.100.1:8080']);
  });

  it('refuses a hostname whose (custom) lookup answers a public address', async () => {
    const socket = connect({ host: 'gateway.example', port, lookup: (_h, _o, cb) => cb(null, [{ address: '192.0.2.9', family: 4 }]) });
    expect(await outcome(socket)).toMatchObject({ code: 'ELOOPBACKGUARD' });
    expect(refused()).toEqual([`connect to 192.0.2.9:${port} (gateway.example resolved to it)`]);
  });

  it('refuses a public hostname without sending a DNS query', async () => {
    expect(await outcome(connect(443, 'api.twilio.com'))).toMatchObject({ code: 'ELOOPBACKGUARD' });
    expect(refused()).toEqual(['DNS lookup of api.twilio.com']);
  });

  it('still connects to 127.0.0.1, ::ffff:127.0.0.1 and localhost', async () => {
    expect(await outcome(connect(port, '127.0.0.1'))).toBe('connected');
    expect(await outcome(connect({ port, host: 'localhost', family: 4 }))).toBe('connected');
    expect(await outcome(connect({ port, host: 'localhost' }))).toBe('connected');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe('ok');
    expect(refused()).toEqual([]);
  });
});

describe('DNS', () => {
  it('refuses public names on every API without asking anyone', async () => {
    await expect(promiseLookup('example.com')).rejects.toMatchObject({ code: 'ELOOPBACKGUARD' });
    const viaCallback = await new Promise((ok) => dns.lookup('example.org', { all: true }, (err) => ok(err)));
    expect(viaCallback).toMatchObject({ code: 'ELOOPBACKGUARD' });
    await expect(dns.promises.resolve4('example.net')).rejects.toMatchObject({ code: 'ELOOPBACKGUARD' });
    await expect(new dns.promises.Resolver().resolveTxt('example.com')).rejects.toMatchObject({ code: 'ELOOPBACKGUARD' });
    const viaResolver = await new Promise((ok) => new dns.Resolver().resolveMx('example.com', (err) => ok(err)));
    expect(viaResolver).toMatchObject({ code: 'ELOOPBACKGUARD' });
    await expect(dns.promises.reverse('8.8.8.8')).rejects.toMatchObject({ code: 'ELOOPBACKGUARD' });
    expect(refused()).toEqual([
      'DNS lookup of example.com',
      'DNS lookup of example.org',
      'DNS resolve4 of example.net',
      'DNS resolveTxt of example.com',
      'DNS resolveMx of example.com',
      'DNS reverse of 8.8.8.8',
    ]);
  });

  it('answers localhost with loopback, *.invalid with ENOTFOUND, and IP literals as node does', async () => {
    expect(await promiseLookup('localhost', { all: true })).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
    expect(await promiseLookup('api.localhost', { family: 6 })).toEqual({ address: '::1', family: 6 });
    await expect(promiseLookup('does-not-exist.invalid')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(await promiseLookup('192.0.2.1')).toEqual({ address: '192.0.2.1', family: 4 });
    expect(refused()).toEqual([]);
  });
});

describe('UDP', () => {
  it('refuses a datagram to a public address, and lets one to loopback go', async () => {
    const socket = createSocket('udp4');
    try {
      expect(() => socket.send('x', 53, '192.0.2.53')).toThrow(/loopback guard: refused UDP send to 192.0.2.53/);
      expect(() => socket.connect(53, '8.8.8.8')).toThrow(/loopback guard: refused UDP connect to 8.8.8.8:53/);
      expect(refused()).toEqual(['UDP send to 192.0.2.53', 'UDP connect to 8.8.8.8:53']);
      await new Promise<void>((ok, fail) => socket.send('x', 9, '127.0.0.1', (err) => (err ? fail(err) : ok())));
    } finally {
      socket.close();
    }
  });
});

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1'])('%s is loopback', (a) => {
    expect(isLoopbackAddress(a)).toBe(true);
  });
  it.each(['192.0.2.1', '10.0.0.1', '0.0.0.0', '::', '::ffff:10.0.0.1', '::127.0.0.1', '2001:db8::1', 'localhost', ''])(
    '%s is not',
    (a) => {
      expect(isLoopbackAddress(a)).toBe(false);
    },
  );
});

describe('child processes', () => {
  it('a node child started with the guard NODE_OPTIONS refuses loudly and its connect fails', () => {
    const script = `
      const net = require('node:net');
      const s = net.connect(443, '192.0.2.1');
      s.on('error', (e) => { console.log('error:' + e.code); });
      s.on('connect', () => console.log('connected'));`;
    const child = spawnSync(process.execPath, ['-e', script], {
      env: { PATH: process.env['PATH'] ?? '', NODE_OPTIONS: guardNodeOptions() },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stdout.trim(), child.stderr).toBe('error:ELOOPBACKGUARD');
    expect(child.stderr).toContain('loopback guard: refused connect to 192.0.2.1:443');
  });

  it("a child of the fault tests' process group is guarded, and its refusal reaches this process's record", async () => {
    const group = processGroup();
    try {
      const probe = group.node('probe', 'test/support/loopback-guard-probe.ts', { PROBE_HOST: '192.0.2.1', PROBE_PORT: '80' });
      await probe.waitForLine((line) => line.startsWith('probe: '), 20_000);
      expect(probe.tail()).toContain('probe: ELOOPBACKGUARD');
      // stderr (the refusal) and stdout (the probe's line) are separate pipes: either may come first.
      const seen: Refusal[] = [];
      await poll(async () => (seen.push(...drainRefusals()), seen.length > 0 ? true : undefined), 5000, "the child's refusal", 20);
      expect(seen).toEqual([
        {
          what: expect.stringContaining('loopback guard: refused connect to 192.0.2.1:80'),
          origin: expect.stringContaining('in child process probe'),
        },
      ]);
    } finally {
      await group.killAll();
    }
  });
});
