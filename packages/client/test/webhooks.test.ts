import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '@smsgw/gateways';
import { verifyWebhook } from '../src/index.js';

/** Held to the signer the worker uses for every webhook (packages/gateways, processors/webhook.ts). */
describe('verifyWebhook', () => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const body = JSON.stringify({ type: 'message.status', data: { id: 'msg_1', status: 'delivered', content: 'héllo ✓' } });
  const now = new Date('2026-01-01T12:00:00Z');
  const at = Math.floor(now.getTime() / 1000);
  const signed = signWebhook(secret, 'whd_1', at, body);

  it("accepts the worker's signature, from a header record in any case or a fetch Headers", () => {
    expect(verifyWebhook({ secret, headers: signed, body, now })).toEqual({ ok: true, id: 'whd_1', timestamp: at });
    const upper = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook({ secret, headers: upper, body: Buffer.from(body), now }).ok).toBe(true);
    expect(verifyWebhook({ secret, headers: new Headers(signed), body, now }).ok).toBe(true);
  });

  it('accepts a header with several signatures when one matches (secret rotation)', () => {
    const other = signWebhook(`whsec_${randomBytes(24).toString('base64')}`, 'whd_1', at, body)['webhook-signature'];
    const headers = { ...signed, 'webhook-signature': `${other} ${signed['webhook-signature']}` };
    expect(verifyWebhook({ secret, headers, body, now }).ok).toBe(true);
  });

  it('refuses a changed body, another secret, a changed id and a missing header', () => {
    expect(verifyWebhook({ secret, headers: signed, body: body.replace('delivered', 'failed'), now })).toEqual({
      ok: false,
      reason: 'no webhook-signature entry matches',
    });
    expect(verifyWebhook({ secret: `whsec_${randomBytes(24).toString('base64')}`, headers: signed, body, now }).ok).toBe(false);
    expect(verifyWebhook({ secret, headers: { ...signed, 'webhook-id': 'whd_2' }, body, now }).ok).toBe(false);
    const { 'webhook-signature': _, ...unsigned } = signed;
    expect(verifyWebhook({ secret, headers: unsigned, body, now })).toMatchObject({ ok: false, reason: expect.stringMatching(/missing/) });
    expect(verifyWebhook({ secret, headers: { ...signed, 'webhook-signature': 'v1,short' }, body, now }).ok).toBe(false);
  });

  it('refuses a timestamp outside the tolerance, either way', () => {
    const later = new Date(now.getTime() + 301_000);
    expect(verifyWebhook({ secret, headers: signed, body, now: later })).toEqual({ ok: false, reason: 'webhook-timestamp is too old' });
    expect(verifyWebhook({ secret, headers: signed, body, now: later, toleranceSeconds: 600 }).ok).toBe(true);
    const earlier = new Date(now.getTime() - 301_000);
    expect(verifyWebhook({ secret, headers: signed, body, now: earlier })).toEqual({
      ok: false,
      reason: 'webhook-timestamp is in the future',
    });
  });
});
