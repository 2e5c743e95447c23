import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { statusReports } from '@smsgw/db';
import { eventually } from '../support/env.js';
import { uniqueNumber } from '../support/fixtures.js';
import { eventTypes, startSmppHarness, type SmppHarness } from './setup.js';
import { startSimulator, type SmscSimulator } from './simulator.js';

/** Sending through a real bind to the simulator, receipts coming back on it, through real workers. */
describe('SMPP gateway: sending and receipts', () => {
  let h: SmppHarness;
  let sim: SmscSimulator;
  let gw: string;
  const undeliverable = new Set<string>();
  beforeAll(async () => {
    sim = await startSimulator({ receiptStat: (to) => (undeliverable.has(to) ? 'UNDELIV' : 'DELIVRD') });
    h = await startSmppHarness('smpp_send');
    gw = await h.addGateway(sim.port);
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('GSM-7: data_coding 0, the text intact, registered delivery; the receipt makes it delivered', async () => {
    const m = await h.send(gw, 'Hello {world} €5 @home', { from: 'ACME' });
    const done = await h.waitFor(m.id, 'delivered');
    const [submit] = sim.submitsTo(m.to);
    expect(submit).toMatchObject({
      dataCoding: 0,
      text: 'Hello {world} €5 @home',
      registeredDelivery: 1,
      esmClass: 0,
      source: 'ACME',
      sourceTon: 5,
      destTon: 1,
      destination: m.to.slice(1),
    });
    expect(done.gatewayMessageId).toBe(submit?.messageId);
    expect(eventTypes(await h.events(m.id))).toEqual(['accepted', 'sending', 'sent', 'report']);
  });

  it('UCS-2: data_coding 8, UTF-16 (an emoji as its surrogate pair)', async () => {
    const m = await h.send(gw, 'Привет 😀');
    await h.waitFor(m.id, 'delivered');
    expect(sim.submitsTo(m.to)).toEqual([expect.objectContaining({ dataCoding: 8, text: 'Привет 😀' })]);
  });

  it('a long message: UDH parts with one reference, as many as its segments; first part’s id, every id in the event', async () => {
    const content = `${'a'.repeat(150)}€€${'b'.repeat(200)}`;
    const m = await h.send(gw, content);
    expect(m.segments).toBe(3);
    const done = await h.waitFor(m.id, 'delivered');
    const parts = sim.submitsTo(m.to);
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => p.concat?.seq)).toEqual([1, 2, 3]);
    expect(new Set(parts.map((p) => p.concat?.reference)).size).toBe(1);
    expect(parts.every((p) => p.concat?.total === 3 && p.esmClass === 0x40)).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(content);
    expect(done.gatewayMessageId).toBe(parts[0]?.messageId);
    const sent = (await h.events(m.id)).find((e) => e.type === 'sent');
    expect(sent?.detail).toMatchObject({ gatewayMessageId: parts[0]?.messageId, parts: 3, partIds: parts.map((p) => p.messageId) });
    // Every part's receipt is kept against the message, not left unmatched.
    await eventually(
      async () => {
        const rows = await h.database.db
          .select()
          .from(statusReports)
          .where(and(eq(statusReports.gateway, gw), eq(statusReports.messageId, m.id)));
        return rows.length === 3 ? rows : undefined;
      },
      5000,
      'three part receipts',
    );
  });

  it('an undeliverable receipt fails the message', async () => {
    const to = uniqueNumber();
    undeliverable.add(to.slice(1));
    const m = await h.send(gw, 'nobody home', { to });
    const done = await h.waitFor(m.id, 'failed');
    expect(done.statusMessage).toContain('UNDELIV');
  });

  it('ESME_RTHROTTLED: retried after a pause, without spending an attempt', async () => {
    const to = uniqueNumber();
    sim.setRule(to, { mode: 'throttle', times: 2 });
    const m = await h.send(gw, 'slow down', { to });
    const done = await h.waitFor(m.id, 'delivered');
    expect(sim.submitsTo(to).map((s) => s.status)).toEqual([0x58, 0x58, 0]);
    expect(done.attempts).toBe(1);
    expect(eventTypes(await h.events(m.id))).toEqual([
      'accepted',
      'sending',
      'throttled',
      'sending',
      'throttled',
      'sending',
      'sent',
      'report',
    ]);
  });

  it('ESME_RINVDSTADR fails the message (its own fault, no retry); ESME_RSYSERR is retried', async () => {
    const bad = uniqueNumber();
    sim.setRule(bad, { mode: 'reject', status: 0x0b });
    const m1 = await h.send(gw, 'bad number', { to: bad });
    expect((await h.waitFor(m1.id, 'failed')).statusMessage).toBe('ESME_RINVDSTADR (0x0b)');
    expect(sim.submitsTo(bad)).toHaveLength(1);

    const flaky = uniqueNumber();
    sim.setRule(flaky, { mode: 'reject', status: 0x08 });
    const m2 = await h.send(gw, 'system error', { to: flaky });
    await eventually(async () => (sim.submitsTo(flaky).length >= 2 ? true : undefined), 5000, 'a retry');
    sim.setRule(flaky, null);
    await h.waitFor(m2.id, 'delivered');
    expect(eventTypes(await h.events(m2.id))).toContain('retry');
  });
});
