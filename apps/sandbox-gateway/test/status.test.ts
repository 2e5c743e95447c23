import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createSandbox, DEFAULT_BEHAVIOUR } from '../src/index.js';
import { createLedger } from '../src/ledger.js';
import type { Sandbox } from '../src/index.js';
import { createClient, errorCode, startReceiver, type Receiver } from './helpers.js';

let sandbox: Sandbox | undefined;
let receiver: Receiver | undefined;
const client = createClient();
afterEach(async () => {
  await sandbox?.close();
  await receiver?.close();
  sandbox = undefined;
  receiver = undefined;
});

async function lookup(query: string, headers: Record<string, string> = {}) {
  const res = await request(`${sandbox?.url ?? ''}/api/status?${query}`, { headers });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

describe('GET /api/status', () => {
  it('finds an accepted message by its id and by the reference it was sent with', async () => {
    sandbox = await createSandbox({ outcome: 'none' });
    const sent = await client.send(sandbox.url, { to: '447400123456', text: 'hi', reference: 'msg_ref_1' });
    const id = (sent.json as { id: string }).id;
    const byId = await lookup(`id=${id}`);
    expect(byId).toMatchObject({ status: 200, body: { id, reference: 'msg_ref_1', status: 'ACCEPTED', error_code: null, parts: 1 } });
    expect(await lookup('reference=msg_ref_1')).toEqual(byId);
    // A lookup is not a send: the request record (the oracle for duplicates) does not grow.
    expect(sandbox.requests()).toHaveLength(1);
  });

  it('answers 404 not_found for a message it never accepted (a request that hung or was rejected)', async () => {
    sandbox = await createSandbox({ mode: 'reject' });
    await client.send(sandbox.url, { to: '447400123456', text: 'hi', reference: 'msg_ref_3' });
    const missing = await lookup('reference=msg_ref_3');
    expect(missing.status).toBe(404);
    expect(errorCode(missing.body)).toBe('not_found');
    expect((await lookup('')).status).toBe(400);
  });

  it('needs the bearer token when the sandbox has a key', async () => {
    sandbox = await createSandbox({ apiKey: 'k-1' });
    expect((await lookup('reference=x')).status).toBe(401);
    expect((await lookup('reference=x', { authorization: 'Bearer k-1' })).status).toBe(404);
  });
});

describe('mode acceptHang', () => {
  it('accepts the message (reports and lookup know it) but never answers the send', async () => {
    receiver = await startReceiver();
    sandbox = await createSandbox({ mode: 'acceptHang', dlrDelayMs: 0 });
    const sent = client.send(
      sandbox.url,
      { to: '447400123456', text: 'hi', reference: 'msg_ref_4', status_url: `${receiver.url}/dlr` },
      { timeoutMs: 300 },
    );
    await expect(sent).rejects.toThrow();
    const [rec] = sandbox.requests();
    expect(rec).toMatchObject({ status: null, outcome: 'hang' });
    expect(rec?.id).toMatch(/^sbx_/);
    expect((await lookup('reference=msg_ref_4')).body).toMatchObject({ id: rec?.id, status: 'DELIVERED' });
    await receiver.waitFor((c) => c.length === 1);
  });
});

describe('the ledger behind the lookup', () => {
  it('follows the report timeline (BUFFERED, then the outcome) on its own clock, reports or not', () => {
    let now = 1_000;
    const ledger = createLedger(10, () => now);
    ledger.add({
      id: 'sbx_1',
      reference: 'msg_1',
      parts: 2,
      behaviour: { ...DEFAULT_BEHAVIOUR, outcome: 'failed', intermediate: true, dlrDelayMs: 100 },
    });
    const status = () => ledger.find({ reference: 'msg_1' });
    expect(status()).toMatchObject({ id: 'sbx_1', status: 'ACCEPTED', error_code: null, parts: 2 });
    now += 100;
    expect(status()?.status).toBe('BUFFERED');
    now += 100;
    expect(status()).toMatchObject({ status: 'FAILED', error_code: 'undeliverable' });
  });

  it('keeps the newest messages only, and a reference names the latest message sent with it', () => {
    const ledger = createLedger(2);
    const b = { ...DEFAULT_BEHAVIOUR, outcome: 'none' as const };
    ledger.add({ id: 'sbx_a', reference: 'msg_x', parts: 1, behaviour: b });
    ledger.add({ id: 'sbx_b', reference: 'msg_x', parts: 1, behaviour: b });
    expect(ledger.find({ reference: 'msg_x' })?.id).toBe('sbx_b');
    ledger.add({ id: 'sbx_c', reference: null, parts: 1, behaviour: b });
    expect(ledger.find({ id: 'sbx_a' })).toBeUndefined();
    expect(ledger.find({ reference: 'msg_x' })?.id).toBe('sbx_b');
    ledger.clear();
    expect(ledger.find({ id: 'sbx_c' })).toBeUndefined();
  });
});
