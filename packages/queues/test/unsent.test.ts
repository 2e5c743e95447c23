import { afterAll, describe, expect, it } from 'vitest';
import { createPacer, createUnsentMarkers, redisConnection } from '../src/index.js';
import { redisUrl, uniquePrefix } from '../../../test/support/env.js';

const connection = redisConnection(redisUrl());
const prefix = uniquePrefix();
const markers = createUnsentMarkers(connection, prefix);
afterAll(async () => {
  await markers.close();
  await connection.quit();
});

describe('claimed-not-sent markers', () => {
  it('each job’s marker is its own: a second job for the same message neither replaces nor takes the first’s', async () => {
    const first = await markers.mark('msg_a');
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    const second = await markers.mark('msg_a');
    expect(second).not.toBe(first);
    expect(await markers.take('msg_a', second)).toBe(true);
    expect(await markers.take('msg_a', second)).toBe(false);
    expect(await markers.take('msg_a', first)).toBe(true);
  });

  it('the sweep and the worker cannot both win: whoever takes the marker first decides', async () => {
    const token = await markers.mark('msg_b');
    expect(await markers.seize('msg_b', token)).toBe(true); // the sweep re-queues: the worker must not send
    expect(await markers.take('msg_b', token)).toBe(false);
    const again = await markers.mark('msg_c');
    expect(await markers.take('msg_c', again)).toBe(true); // the worker sends: the sweep must not re-queue
    expect(await markers.seize('msg_c', again)).toBe(false);
  });

  it('the sweep seizes only the stuck claim’s marker, never a later job’s', async () => {
    const claimed = await markers.mark('msg_e');
    expect(await markers.take('msg_e', claimed)).toBe(true); // that claim's request left
    const later = await markers.mark('msg_e');
    expect(await markers.seize('msg_e', claimed)).toBe(false);
    expect(await markers.take('msg_e', later)).toBe(true);
  });

  it('a stale token (another claim’s marker) is not taken', async () => {
    const token = await markers.mark('msg_d');
    expect(await markers.take('msg_d', 'not-the-token')).toBe(false);
    expect(await markers.take('msg_d', token)).toBe(true);
  });
});

describe('pacer reservations within a bound', () => {
  it('does not book a slot further away than the bound, so a later try is not pushed further out', async () => {
    const pacer = createPacer(connection, uniquePrefix());
    const limit = { max: 1, intervalMs: 10_000 };
    expect(await pacer.reserveWithin('gw', limit, 1, 1000)).toBe(0);
    const far = await pacer.reserveWithin('gw', limit, 1, 1000);
    expect(typeof far === 'object' && far.tooFar).toBeGreaterThan(9000);
    // Nothing was booked by the refused call: the next slot is still one interval from the first.
    const next = await pacer.reserve('gw', limit);
    expect(next).toBeGreaterThan(9000);
    expect(next).toBeLessThanOrEqual(10_000);
  });
});
