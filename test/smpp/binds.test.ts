import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateGateway } from '@smsgw/db';
import { eventually } from '../support/env.js';
import { uniqueNumber } from '../support/fixtures.js';
import { eventTypes, startSmppHarness, TEST_SMPP, type SmppHarness } from './setup.js';
import { startSimulator, type SmscSimulator } from './simulator.js';

/** Binds as the worker owns them: failures, failover, lost connections, the window, config changes. */
describe('SMPP gateway: binds', () => {
  let h: SmppHarness;
  let sim: SmscSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ accounts: { test: 'secret', other: 'pw2' } });
    h = await startSmppHarness('smpp_binds');
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('a refused bind is the gateway’s fault: the message fails over to the next gateway of its route', async () => {
    const bad = await h.addGateway(sim.port, {}, { system_id: 'test', password: 'wrong' });
    const good = await h.addGateway(sim.port, {}, { system_id: 'other', password: 'pw2' });
    const m = await h.send(bad, 'fail me over', { routeGateways: [bad, good] });
    const done = await h.waitFor(m.id, 'delivered');
    expect(done.gateway).toBe(good);
    const events = await h.events(m.id);
    expect(eventTypes(events)).toEqual(['accepted', 'sending', 'failover', 'sending', 'sent', 'report']);
    expect(events[2]?.detail).toMatchObject({ from: bad, to: good, reason: expect.stringContaining('ESME_RINVPASWD') });
    // Nothing was written through the refused bind.
    expect(sim.submitsTo(m.to).map((s) => s.systemId)).toEqual(['other']);
    expect(sim.binds.some((b) => b.systemId === 'test' && b.status === 0x0e)).toBe(true);
  });

  it('a connection lost with PDUs in the window: those messages are unknown and never resent', async () => {
    const gw = await h.addGateway(sim.port, { window: 5, keepBound: true });
    const numbers = [uniqueNumber(), uniqueNumber(), uniqueNumber()];
    for (const n of numbers) sim.setRule(n, { mode: 'hang' });
    const sent = await Promise.all(numbers.map((to) => h.send(gw, 'in the window', { to })));
    await eventually(async () => (numbers.every((n) => sim.submitsTo(n).length === 1) ? true : undefined), 5000, 'three PDUs written');
    const bindsBefore = sim.binds.length;
    sim.dropAll();
    for (const m of sent) {
      const done = await h.waitFor(m.id, 'unknown');
      expect(done.statusMessage).toMatch(/connection lost/);
      expect(eventTypes(await h.events(m.id))).toEqual(['accepted', 'sending', 'unknown']);
    }
    // The bind comes back (with backoff) and sends again, but none of those three.
    await eventually(async () => (sim.binds.length > bindsBefore ? true : undefined), 5000, 'a new bind');
    for (const n of numbers) sim.setRule(n, null);
    const after = await h.send(gw, 'after the drop');
    await h.waitFor(after.id, 'delivered');
    for (const n of numbers) expect(sim.submitsTo(n)).toHaveLength(1);
  });

  it('a response that never comes is ambiguous: unknown, not retried', async () => {
    const gw = await h.addGateway(sim.port);
    const to = uniqueNumber();
    sim.setRule(to, { mode: 'hang' });
    const m = await h.send(gw, 'no answer', { to });
    const done = await h.waitFor(m.id, 'unknown');
    expect(done.statusMessage).toMatch(/no submit_sm_resp within/);
    expect(sim.submitsTo(to)).toHaveLength(1);
  });

  it('the window bounds unacknowledged PDUs per bind', async () => {
    const gw = await h.addGateway(sim.port, { window: 2 });
    const numbers = Array.from({ length: 6 }, () => uniqueNumber());
    for (const n of numbers) sim.setRule(n, { mode: 'delay', ms: 150 });
    sim.maxOutstanding = 0;
    const sent = await Promise.all(numbers.map((to) => h.send(gw, 'windowed', { to })));
    for (const m of sent) await h.waitFor(m.id, ['sent', 'delivered']);
    expect(sim.maxOutstanding).toBe(2);
  });

  it('the gateway’s rate limit paces submits through the bind (the pacer, as for HTTP)', async () => {
    const gw = await h.addGateway(sim.port, {}, undefined, { rateLimitMax: 4, rateLimitIntervalMs: 1000 });
    const numbers = Array.from({ length: 8 }, () => uniqueNumber());
    const sent = await Promise.all(numbers.map((to) => h.send(gw, 'paced', { to })));
    for (const m of sent) await h.waitFor(m.id, ['sent', 'delivered']);
    const times = numbers.map((n) => sim.submitsTo(n)[0]?.at ?? 0).sort((a, b) => a - b);
    // 8 messages at 4 per second: at least a second between the first and the last.
    expect((times[7] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('a changed gateway gets a new bind; the old one unbinds', async () => {
    const gw = await h.addGateway(sim.port);
    const first = await h.send(gw, 'before the change');
    await h.waitFor(first.id, 'delivered');
    const old = h.runtime.sendDeps.smpp.bindOf(gw);
    const unbinds = sim.unbinds.length;
    await updateGateway(h.database.db, gw, { config: { kind: 'smpp', host: '127.0.0.1', port: sim.port, ...TEST_SMPP, window: 3 } });
    await h.runtime.sync();
    await eventually(
      async () => (sim.unbinds.length > unbinds && old?.state === 'closed' ? true : undefined),
      5000,
      'the old bind to unbind',
    );
    const second = await h.send(gw, 'after the change');
    await h.waitFor(second.id, 'delivered');
    expect(h.runtime.sendDeps.smpp.bindOf(gw)).not.toBe(old);
  });
});
