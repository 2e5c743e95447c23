import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { RetryableJobError } from '@smsgw/core';
import type { UnsentMarkers } from '@smsgw/queues';
import { processSend, type SendDeps } from '../../apps/worker/src/index.js';
import { freePort, seedMessage, uniqueNumber } from '../support/fixtures.js';
import { eventTypes, startSmppHarness, type SmppHarness } from './setup.js';
import { startSimulator, type SmscSimulator } from './simulator.js';

/**
 * The claimed-not-sent marker on the SMPP path: held while the bind is made and a window slot
 * waited for (a crash then is "never sent"), taken right before the first PDU is written.
 */
const log = pino({ level: 'silent' });

describe('SMPP gateway: the claimed-not-sent marker', () => {
  let h: SmppHarness;
  let sim: SmscSimulator;
  let gw: string;
  beforeAll(async () => {
    sim = await startSimulator();
    h = await startSmppHarness('smpp_marker');
    gw = await h.addGateway(sim.port, { keepBound: false });
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  const run = (gateway: string, messageId: string, unsent: Partial<UnsentMarkers>) => {
    const base = h.runtime.sendDeps;
    const deps: SendDeps = { ...base, unsent: { ...base.unsent, ...unsent } };
    return processSend({ messageId }, deps, { gateway, attemptsMade: 0, maxAttempts: 3, log });
  };

  it('is taken once the bind is up and a slot held, before the PDU is written', async () => {
    const to = uniqueNumber();
    const row = await seedMessage(h.database.db, { accountId: h.accountId, gateway: gw, routeGateways: [gw], to });
    const seen: { written: number; state: string | undefined }[] = [];
    const take = h.runtime.sendDeps.unsent.take;
    const result = await run(gw, row.id, {
      take: async (id, token) => {
        seen.push({ written: sim.submitsTo(to).length, state: h.runtime.sendDeps.smpp.bindOf(gw)?.state });
        return take(id, token);
      },
    });
    expect(result).toBe('sent');
    expect(seen).toEqual([{ written: 0, state: 'bound' }]);
    expect(sim.submitsTo(to)).toHaveLength(1);
  });

  it('an SMSC that cannot be reached: never taken, nothing sent, the message retried', async () => {
    const down = await h.addGateway(await freePort(), {
      keepBound: false,
      timeouts: { connectMs: 300, responseMs: 300, enquireLinkMs: 5000 },
    });
    const row = await seedMessage(h.database.db, { accountId: h.accountId, gateway: down, routeGateways: [down] });
    const take = h.runtime.sendDeps.unsent.take;
    const statusAtTake: string[] = [];
    const thrown = await run(down, row.id, {
      take: async (id, token) => {
        statusAtTake.push((await h.message(id)).status);
        return take(id, token);
      },
    }).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(RetryableJobError);
    // Held through the failed bind; taken only to clear it once the retry was stored (as on the
    // HTTP path), never as "about to write".
    expect(statusAtTake).toEqual(['queued']);
    const after = await h.message(row.id);
    expect(after.claimToken).toMatch(/^[0-9a-f]{16}$/);
    expect(await h.runtime.sendDeps.unsent.seize(row.id, after.claimToken ?? '')).toBe(false);
    expect((await h.message(row.id)).status).toBe('queued');
    expect(eventTypes(await h.events(row.id))).toEqual(['accepted', 'sending', 'retry']);
  });

  it('a claim the sweep took away: nothing written, the window slot given back', async () => {
    const narrow = await h.addGateway(sim.port, { window: 1 });
    const to = uniqueNumber();
    const row = await seedMessage(h.database.db, { accountId: h.accountId, gateway: narrow, routeGateways: [narrow], to });
    const unsent = h.runtime.sendDeps.unsent;
    const thrown = await run(narrow, row.id, {
      take: async (id, token) => {
        expect(await unsent.seize(id, token)).toBe(true); // the sweep got there first
        return unsent.take(id, token);
      },
    }).catch((err: unknown) => err);
    // Handed back and retried (send.ts), as on the HTTP path.
    expect(thrown).toBeInstanceOf(RetryableJobError);
    expect(sim.submitsTo(to)).toHaveLength(0);
    // The only slot of the window is free again: the next message goes at once.
    const again = await seedMessage(h.database.db, { accountId: h.accountId, gateway: narrow, routeGateways: [narrow] });
    expect(await run(narrow, again.id, {})).toBe('sent');
  });
});
