import { beforeAll, describe, expect, it } from 'vitest';
import { localSendTime, wallTimeAt } from '@smsgw/core';
import { json, useTestApp, type TestApp } from './helpers.js';

const TO = '+447400123456';

const send = (t: TestApp, payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/v1/messages', key: t.user.key, payload });
const putDefaults = (t: TestApp, billee: string, payload: Record<string, unknown>) =>
  t.request({ method: 'PUT', url: `/v1/billees/customer/${billee}`, key: t.user.key, payload });
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('billee defaults', () => {
  const t = useTestApp();
  let gwA: string;
  let gwB: string;
  beforeAll(async () => {
    gwA = await t.createGateway();
    gwB = await t.createGateway();
  });

  it('stores, reads and removes a billee’s defaults, refusing an unknown gateway or time zone', async () => {
    const res = await putDefaults(t, 'c-1', { gateway: gwA, timeZone: 'Europe/Berlin', quietHours: { start: '21:00', end: '08:00' } });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({
      billee: { type: 'customer', id: 'c-1' },
      gateway: gwA,
      timeZone: 'Europe/Berlin',
      quietHours: { start: '21:00', end: '08:00' },
    });
    expect(json(await t.request({ method: 'GET', url: '/v1/billees/customer/c-1', key: t.user.key }))).toMatchObject({ gateway: gwA });
    // Another account's billee of the same name is another billee.
    expect((await t.request({ method: 'GET', url: '/v1/billees/customer/c-1' })).statusCode).toBe(404);

    const unknownGw = await putDefaults(t, 'c-x', { gateway: 'no-such-gateway' });
    expect(json(unknownGw).error?.code).toBe('unknown_gateway');
    const badZone = await putDefaults(t, 'c-x', { timeZone: 'Mars/Olympus' });
    expect(json(badZone).error?.code).toBe('invalid_time_zone');
    const quietNoZone = await putDefaults(t, 'c-x', { quietHours: { start: '21:00', end: '08:00' } });
    expect(json(quietNoZone).error?.code).toBe('invalid_time_zone');
    expect((await putDefaults(t, 'c-x', { timeZone: 'UTC', quietHours: { start: '25:00', end: '08:00' } })).statusCode).toBe(400);

    expect((await putDefaults(t, 'c-del', { gateway: gwA })).statusCode).toBe(200);
    expect((await t.request({ method: 'DELETE', url: '/v1/billees/customer/c-del', key: t.user.key })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: '/v1/billees/customer/c-del', key: t.user.key })).statusCode).toBe(404);
  });

  it('routes a message of the billee through its gateway unless the message names one', async () => {
    await putDefaults(t, 'gw-only', { gateway: gwB });
    const byBillee = await send(t, { to: TO, content: 'hi', billee: { type: 'customer', id: 'gw-only' } });
    expect(byBillee.statusCode).toBe(202);
    expect(json(byBillee)['gateway']).toBe(gwB);
    const named = await send(t, { to: TO, content: 'hi', gateway: gwA, billee: { type: 'customer', id: 'gw-only' } });
    expect(json(named)['gateway']).toBe(gwA);
    // A change is seen by the very next message (the write refreshes the cache).
    await putDefaults(t, 'gw-only', { gateway: gwA });
    expect(json(await send(t, { to: TO, content: 'hi', billee: { type: 'customer', id: 'gw-only' } }))['gateway']).toBe(gwA);
  });

  it('reads a local sendAt in the billee’s time zone, across a DST change', async () => {
    await putDefaults(t, 'berlin', { timeZone: 'Europe/Berlin' });
    const billee = { type: 'customer', id: 'berlin' };
    // Berlin moves to summer time on 2030-03-31: 09:00 is 08:00Z the day before and 07:00Z that day.
    const before = await send(t, { to: TO, content: 'hi', gateway: gwA, billee, sendAt: { local: '2030-03-30T09:00' } });
    expect(before.statusCode).toBe(202);
    expect(json(before)).toMatchObject({ status: 'scheduled', sendAt: '2030-03-30T08:00:00.000Z' });
    const after = await send(t, { to: TO, content: 'hi', gateway: gwA, billee, sendAt: { local: '2030-03-31T09:00' } });
    expect(json(after)).toMatchObject({ status: 'scheduled', sendAt: '2030-03-31T07:00:00.000Z' });
    // An explicit zone wins over the billee's.
    const ny = await send(t, {
      to: TO,
      content: 'hi',
      gateway: gwA,
      billee,
      sendAt: { local: '2030-03-31T09:00', timeZone: 'America/New_York' },
    });
    expect(json(ny)['sendAt']).toBe('2030-03-31T13:00:00.000Z');

    // HH:MM: the next time Berlin's clock shows it, within a day.
    const sent = Date.now();
    const clock = await send(t, { to: TO, content: 'hi', gateway: gwA, billee, sendAt: { local: '09:00' } });
    const at = Date.parse(String(json(clock)['sendAt']));
    expect(at).toBeGreaterThan(sent);
    expect(at - sent).toBeLessThanOrEqual(25 * 3600_000);
    expect(wallTimeAt(at, 'Europe/Berlin')).toMatchObject({ hour: 9, minute: 0 });
  });

  it('refuses a local sendAt with no time zone to read it in, or in neither form', async () => {
    const noZone = await send(t, { to: TO, content: 'hi', gateway: gwA, sendAt: { local: '09:00' } });
    expect(noZone.statusCode).toBe(422);
    expect(json(noZone).error?.code).toBe('invalid_send_at');
    const bad = await send(t, { to: TO, content: 'hi', gateway: gwA, sendAt: { local: 'tomorrow', timeZone: 'UTC' } });
    expect(json(bad).error?.code).toBe('invalid_send_at');
    const badZone = await send(t, { to: TO, content: 'hi', gateway: gwA, sendAt: { local: '09:00', timeZone: 'Nowhere/City' } });
    expect(json(badZone).error?.code).toBe('invalid_time_zone');
  });

  it('defers a message in the billee’s quiet hours to their end, as scheduled', async () => {
    // A quiet window around now, in UTC: from an hour ago to two hours ahead.
    const now = Date.now();
    const quietHours = { start: hhmm(now - 3600_000), end: hhmm(now + 2 * 3600_000) };
    await putDefaults(t, 'quiet', { timeZone: 'UTC', quietHours });
    const billee = { type: 'customer', id: 'quiet' };
    const res = await send(t, { to: TO, content: 'hi', gateway: gwA, billee });
    expect(res.statusCode).toBe(202);
    expect(json(res)).toMatchObject({
      status: 'scheduled',
      sendAt: new Date(localSendTime(quietHours.end, 'UTC', now) ?? 0).toISOString(),
    });

    // A sendAt past the window is left alone; one inside it moves to its end.
    const later = new Date(now + 5 * 3600_000).toISOString();
    expect(json(await send(t, { to: TO, content: 'hi', gateway: gwA, billee, sendAt: later }))['sendAt']).toBe(later);
    const inside = new Date(now + 3600_000).toISOString();
    expect(json(await send(t, { to: TO, content: 'hi', gateway: gwA, billee, sendAt: inside }))['sendAt']).toBe(json(res)['sendAt']);

    // A message that must be gone before the window ends cannot wait for it.
    const tooSoon = await send(t, { to: TO, content: 'hi', gateway: gwA, billee, validUntil: new Date(now + 3600_000).toISOString() });
    expect(json(tooSoon).error?.code).toBe('invalid_valid_until');

    // Outside quiet hours (no window for another billee), a message goes now.
    expect(json(await send(t, { to: TO, content: 'hi', gateway: gwA, billee: { type: 'customer', id: 'berlin' } }))['status']).toBe(
      'queued',
    );
  });
});
