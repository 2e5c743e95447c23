import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOptOut, listReplies } from '@smsgw/db';
import { uniqueNumber } from '../support/fixtures.js';
import { startSmppHarness, type SmppHarness } from './setup.js';
import { startSimulator, type SmscSimulator } from './simulator.js';

/** What arrives on a bind: replies from phones (deliver_sm that are not receipts), through the reply path. */
describe('SMPP gateway: inbound messages', () => {
  let h: SmppHarness;
  let sim: SmscSimulator;
  let gw: string;
  beforeAll(async () => {
    sim = await startSimulator({ accounts: { test: 'secret', split: 'pw' } });
    h = await startSmppHarness('smpp_inbound');
    gw = await h.addGateway(sim.port);
  });
  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  /** A message sent to a fresh number (so a reply from it matches that message) and the number. */
  const conversation = async (gateway = gw) => {
    const to = uniqueNumber();
    const m = await h.send(gateway, 'Reply YES to confirm', { to });
    await h.waitFor(m.id, 'delivered');
    return { m, to };
  };
  const repliesFrom = (from: string) => listReplies(h.database.db, h.accountId, { from, limit: 10 });

  it('a reply is stored, matched to the message it answers, before the SMSC hears deliver_sm_resp', async () => {
    const { m, to } = await conversation();
    const statuses = await sim.sendMo('test', { from: to, to: '12345', text: 'Yes please' });
    expect(statuses).toEqual([0]);
    // Answered only after the commit: the row is there the moment the answer is.
    expect(await repliesFrom(to)).toEqual([
      expect.objectContaining({ content: 'Yes please', messageId: m.id, matchedBy: 'recent', gateway: gw, to: '12345' }),
    ]);
  });

  it('UCS-2 replies are decoded', async () => {
    const { to } = await conversation();
    await sim.sendMo('test', { from: to, to: '12345', text: 'Да 😀', ucs2: true });
    expect((await repliesFrom(to))[0]?.content).toBe('Да 😀');
  });

  it('the parts of a long reply are joined into one reply, every part answered once it is stored', async () => {
    const { to } = await conversation();
    const parts = ['a'.repeat(153), 'b'.repeat(153), 'end'];
    const statuses = await sim.sendMo('test', { from: to, to: '12345', text: '', parts, reference: 42 });
    expect(statuses).toEqual([0, 0, 0]);
    const replies = await repliesFrom(to);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.content).toBe(parts.join(''));
  });

  it('STOP opts the number out, as an HTTP reply would', async () => {
    const { to } = await conversation();
    await sim.sendMo('test', { from: to, to: '12345', text: 'stop' });
    expect((await repliesFrom(to))[0]?.keyword).toBe('stop');
    expect(await getOptOut(h.database.db, h.accountId, to)).toBeDefined();
  });

  it('transmitter + receiver: sends on one bind, receipts and replies come on the other', async () => {
    const split = await h.addGateway(sim.port, { bindMode: 'transmitter+receiver' }, { system_id: 'split', password: 'pw' });
    const { m, to } = await conversation(split);
    expect(
      sim.binds
        .filter((b) => b.systemId === 'split')
        .map((b) => b.mode)
        .sort(),
    ).toEqual(['receiver', 'transmitter']);
    expect(sim.submitsTo(to)).toHaveLength(1);
    await sim.sendMo('split', { from: to, to: '12345', text: 'over the receiver' });
    expect((await repliesFrom(to))[0]).toMatchObject({ content: 'over the receiver', messageId: m.id, gateway: split });
  });
});
