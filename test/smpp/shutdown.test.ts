import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReplies } from '@smsgw/db';
import { eventually } from '../support/env.js';
import { uniqueNumber } from '../support/fixtures.js';
import { startSmppHarness, type SmppHarness } from './setup.js';
import { startSimulator, type SmscSimulator } from './simulator.js';

/** What SIGTERM runs (runtime.close(), see main.ts): in-flight PDUs are answered and stored, then the bind unbinds. */
describe('SMPP gateway: shutdown', () => {
  let h: SmppHarness;
  let sim: SmscSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ dlrDelayMs: -1 });
    h = await startSmppHarness('smpp_shutdown');
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('close waits for the submit_sm_resp in flight, stores the outcome, then unbinds', async () => {
    const gw = await h.addGateway(sim.port);
    const to = uniqueNumber();
    sim.setRule(to, { mode: 'delay', ms: 400 });
    const m = await h.send(gw, 'in flight at SIGTERM', { to });
    await eventually(async () => (sim.submitsTo(to).length === 1 ? true : undefined), 5000, 'the PDU to be written');
    const closing = h.stopWorkers();
    // A reply arriving while the worker drains is still stored and answered.
    const mo = sim.sendMo('test', { from: uniqueNumber(), to: '12345', text: 'arrived during shutdown' });
    await closing;
    expect(await mo).toEqual([0]);
    const [submit] = sim.submitsTo(to);
    const row = await h.message(m.id);
    expect(['sent', 'delivered']).toContain(row.status);
    expect(row.gatewayMessageId).toBe(submit?.messageId);
    expect(sim.unbinds).toHaveLength(1);
    expect(sim.unbinds[0]?.at).toBeGreaterThanOrEqual(sim.answers[0]?.at ?? Infinity);
    expect(sim.bound()).toBe(0);
    expect((await listReplies(h.database.db, null, { limit: 10 })).map((r) => r.content)).toContain('arrived during shutdown');
  });
});
