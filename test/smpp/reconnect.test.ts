import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SmppBind, SmppUnavailableError, type BindOptions } from '@smsgw/gateways';
import { eventually } from '../support/env.js';
import { freePort } from '../support/fixtures.js';
import { startSimulator, type SmscSimulator } from './simulator.js';

/** One bind on its own (packages/gateways/src/smpp/bind.ts): reconnects, backoff, leases, unbind. */
describe('SMPP bind', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  function bind(port: number, o: Partial<BindOptions> = {}, attempts?: number[]): SmppBind {
    const b = new SmppBind({
      host: '127.0.0.1',
      port,
      tls: false,
      allowPrivate: true,
      systemId: 'test',
      password: 'secret',
      systemType: '',
      mode: 'transceiver',
      window: 4,
      timeouts: { connectMs: 500, responseMs: 500, enquireLinkMs: 60_000 },
      reconnect: { initialMs: 40, maxMs: 320 },
      log: { info: () => undefined, warn: () => attempts?.push(Date.now()) },
      ...o,
    });
    cleanup.push(() => b.close());
    return b;
  }

  async function simulator(port?: number): Promise<SmscSimulator> {
    const sim = await startSimulator(port === undefined ? {} : { port });
    cleanup.push(() => sim.close());
    return sim;
  }

  it('retries a refused connection with exponential backoff, then binds once the SMSC is up', async () => {
    const port = await freePort();
    const failures: number[] = [];
    const b = bind(port, {}, failures);
    b.start();
    await eventually(async () => (failures.length >= 6 ? true : undefined), 5000, 'six failed attempts');
    const gaps = failures.slice(1).map((t, i) => t - (failures[i] ?? t));
    // 40, 80, 160, 320, 320 ms (capped), each ±25% jitter, plus a little scheduling slack.
    [40, 80, 160, 320, 320].forEach((expected, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(expected * 0.75 - 5);
      expect(gaps[i]).toBeLessThanOrEqual(expected * 1.25 + 150);
    });
    const sim = await simulator(port);
    await eventually(async () => (b.state === 'bound' ? true : undefined), 3000, 'the bind');
    expect(sim.bound('test')).toBe(1);
  });

  it('reconnects after a lost connection; a lease waits for a reconnect that is due', async () => {
    const sim = await simulator();
    const b = bind(sim.port, { reconnect: { initialMs: 200, maxMs: 1000 } });
    const first = await b.lease(1000);
    const r1 = await first.request('submit_sm', { destination_addr: '447700900001', short_message: Buffer.from('one') }).result;
    expect(r1.kind === 'response' && r1.pdu.command_status).toBe(0);
    const droppedAt = Date.now();
    sim.dropAll();
    await eventually(async () => (b.state === 'waiting' ? true : undefined), 2000, 'the loss to be seen');
    // Due in ~200 ms: the lease waits for it rather than failing.
    const second = await b.lease(2000);
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(140);
    const r2 = await second.request('submit_sm', { destination_addr: '447700900002', short_message: Buffer.from('two') }).result;
    expect(r2.kind === 'response' && r2.pdu.command_status).toBe(0);
    expect(b.counts.binds).toBe(2);
  });

  it('a refused bind fails a lease at once, as an auth fault', async () => {
    const sim = await simulator();
    const b = bind(sim.port, { password: 'nope', reconnect: { initialMs: 5000, maxMs: 5000 } });
    const err = await b.lease(3000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmppUnavailableError);
    expect(err).toMatchObject({ fault: 'auth', message: expect.stringContaining('ESME_RINVPASWD') });
  });

  it('close() waits for the PDUs in flight, then unbinds', async () => {
    const sim = await simulator();
    sim.setRule('447700900003', { mode: 'delay', ms: 300 });
    const b = bind(sim.port);
    const lease = await b.lease(1000);
    const { written, result } = lease.request('submit_sm', { destination_addr: '447700900003', short_message: Buffer.from('late') });
    expect(written).toBe(true);
    await b.close();
    const r = await result;
    expect(r.kind === 'response' && r.pdu.command_status).toBe(0);
    expect(sim.unbinds).toHaveLength(1);
    expect(sim.unbinds[0]?.at).toBeGreaterThanOrEqual(sim.answers[0]?.at ?? Infinity);
    await expect(b.lease(100)).rejects.toMatchObject({ fault: 'closed' });
  });
});

describe('SMPP over TLS', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  /** A throwaway self-signed certificate for 127.0.0.1. */
  function certificate(): { key: string; cert: string } {
    const dir = mkdtempSync(join(tmpdir(), 'smpp-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=smsc.test',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:smsc.test',
      ],
      { stdio: 'ignore' },
    );
    const pair = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    rmSync(dir, { recursive: true, force: true });
    return pair;
  }

  const tlsBind = (port: number, tls: BindOptions['tls']) => {
    const b = new SmppBind({
      host: '127.0.0.1',
      port,
      tls,
      allowPrivate: true,
      systemId: 'test',
      password: 'secret',
      systemType: '',
      mode: 'transceiver',
      window: 2,
      timeouts: { connectMs: 1000, responseMs: 1000, enquireLinkMs: 60_000 },
      reconnect: { initialMs: 5000, maxMs: 5000 },
    });
    cleanup.push(() => b.close());
    return b;
  };

  it('binds and submits over TLS to an SMSC whose certificate chains to the configured CA; refuses an untrusted one', async () => {
    const pair = certificate();
    const sim = await startSimulator({ tls: pair });
    cleanup.push(() => sim.close());
    const trusted = tlsBind(sim.port, { ca: pair.cert, rejectUnauthorized: true });
    const r = await (await trusted.lease(2000)).request('submit_sm', {
      destination_addr: '447700900009',
      short_message: Buffer.from('secure'),
    }).result;
    expect(r.kind === 'response' && r.pdu.command_status).toBe(0);
    expect(sim.submitsTo('447700900009')).toHaveLength(1);
    const untrusted = tlsBind(sim.port, true);
    await expect(untrusted.lease(2000)).rejects.toMatchObject({ fault: 'network', message: expect.stringMatching(/certificate/i) });
  });
});
