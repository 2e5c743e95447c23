import { describe, expect, it } from 'vitest';
import type { Behaviour } from '@smsgw/sandbox-gateway';
import { historiesOf, providerCounts, statusesOf } from './oracle.js';
import { poll, within } from './procs.js';
import { PHONES, useStack } from './stack.js';

/**
 * The provider misbehaving rather than our processes: answering 503, 429 or slowly for half of
 * a run (the sandbox's modes), and sending every delivery report ten times, before the answer
 * to the send, then again out of order; and the phone itself replying STOP between accept and
 * send. The standard is the same: at most one request per message that the provider may have
 * taken, nothing lost, statuses forward only.
 */
const PHONE_500 = '+447400999500';
const PHONE_SLOW = '+447400999501';
const PHONE_OPT = '+447400999502';

/** Fisher–Yates with a fixed seed: "out of order", but the same order on every run. */
function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('fault: provider storms', () => {
  const stack = useStack({
    label: 'storms',
    // A retry budget (1 + 2 + 4 + 8 s) longer than any storm here, and a send deadline the
    // slow number's 5 s answers overrun.
    env: { SMSGW_SEND_BACKOFF_MS: '1000', SMSGW_HTTP_TIMEOUT_MS: '3000' },
  });

  /**
   * Sends `count` messages with the provider in `storm` mode until half of them are accepted by
   * the API and the provider has answered `observed` requests in that mode; then it recovers.
   */
  const stormFor = async (
    label: string,
    storm: Partial<Behaviour>,
    observed: (status: number | null) => boolean,
    phones: readonly string[] = PHONES,
  ) => {
    const startedAt = Date.now();
    const base = stack.accepted.size;
    const before = stack.sandbox.requests().length;
    stack.sandbox.setBehaviour(storm);
    const posting = stack.burst(label, 100, 8, phones);
    await poll(
      async () =>
        stack.accepted.size >= base + 50 &&
        stack.sandbox
          .requests()
          .slice(before)
          .filter((r) => observed(r.status)).length >= 20
          ? true
          : undefined,
      30_000,
      `half the burst accepted during the ${label} storm`,
      20,
    );
    stack.sandbox.setBehaviour({ mode: 'ok' });
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    return { ok, startedAt };
  };

  it('503 for half the run (and one number answering 500): retried until accepted, never twice; 500 is unknown, not resent', async () => {
    await stack.startWorker();
    await stack.startWorker();
    stack.sandbox.setRule(PHONE_500, { mode: 'http500' });
    const { ok, startedAt } = await stormFor('s503', { mode: 'http503' }, (s) => s === 503, [...PHONES, PHONE_500]);
    const settled = await stack.settleCase('provider 503 for half the run (+500s)', ok, { timeoutMs: 60_000, startedAt });
    stack.sandbox.setRule(PHONE_500, null);
    const to500 = new Set(stack.sandbox.requests(PHONE_500).map((r) => r.params['reference']));
    for (const id of ok) expect(settled.statuses.get(id), id).toBe(to500.has(id) ? 'unknown' : 'delivered');
    expect(to500.size).toBe(20);
    // The storm was real: some messages needed more than one request.
    expect([...providerCounts(stack.sandbox).values()].some((c) => c.total > 1)).toBe(true);
  }, 120_000);

  it('429 for half the run: the gateway waits for Retry-After, everything is delivered once', async () => {
    const { ok, startedAt } = await stormFor('s429', { mode: 'http429', retryAfterSeconds: 1 }, (s) => s === 429);
    const settled = await stack.settleCase('provider 429 for half the run', ok, { timeoutMs: 60_000, startedAt });
    expect(settled.counts['delivered']).toBe(ok.length);
  }, 120_000);

  it('slow answers for half the run (one number past the send deadline): unknown, then delivered by the late report', async () => {
    stack.sandbox.setRule(PHONE_SLOW, { mode: 'slow', slowMs: 5000 });
    const { ok, startedAt } = await stormFor('slow', { mode: 'slow', slowMs: 1000 }, () => true, [...PHONES, PHONE_SLOW]);
    stack.sandbox.setRule(PHONE_SLOW, null);
    // A send cut off by our deadline was still taken by the provider (5 s later): its report
    // moves the message from unknown to delivered. Waited for before the case is settled.
    await expect
      .poll(async () => [...(await statusesOf(stack.database, ok)).values()].filter((s) => s !== 'delivered').length, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(0);
    const settled = await stack.settleCase('provider slow for half the run', ok, { timeoutMs: 10_000, startedAt });
    expect(settled.counts['delivered']).toBe(ok.length);
    const slowIds = stack.sandbox.requests(PHONE_SLOW).map((r) => r.params['reference'] ?? '');
    const histories = await historiesOf(stack.database, slowIds);
    expect([...histories.values()].filter((h) => h.includes('unknown')).length).toBeGreaterThan(0);
  }, 120_000);

  it('every report 10 times, before the answer to the send, then all of them again out of order: delivered once, never moved back', async () => {
    const startedAt = Date.now();
    stack.sandbox.setBehaviour({ intermediate: true, dlrDuplicates: 9, dlrBeforeResponse: true });
    const { ok, refused } = await stack.burst('dlr', 40, 8);
    expect(refused).toEqual([]);
    // Eleven reports before each answer: under load a send may pass its deadline and be stored as
    // unknown first; the reports parked meanwhile settle it all the same. Every one ends delivered.
    await expect
      .poll(async () => [...(await statusesOf(stack.database, ok)).values()].filter((s) => s !== 'delivered').length, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(0);
    // The tenth copies may still be on their way after the first settled the message.
    await within(stack.sandbox.idle(), 30_000, 'the sandbox to finish sending reports');
    stack.sandbox.setBehaviour({ intermediate: false, dlrDuplicates: 0, dlrBeforeResponse: false });
    // Replayed: every report again, plus a contradicting FAILED and a late BUFFERED for each message, shuffled.
    const ids = new Set(ok);
    const mine = stack.sandbox.reports().filter((r) => ids.has(r.payload.reference ?? ''));
    const extra = mine
      .filter((r) => r.payload.status === 'DELIVERED' && r.attempt === 1)
      .flatMap((r) => [
        { url: r.url, payload: { ...r.payload, status: 'FAILED', error_code: 'undeliverable', timestamp: r.payload.timestamp + 60 } },
        { url: r.url, payload: { ...r.payload, status: 'BUFFERED', timestamp: r.payload.timestamp + 120 } },
      ]);
    const replays = shuffled([...mine.map((r) => ({ url: r.url, payload: r.payload })), ...extra]);
    expect(replays.length).toBeGreaterThanOrEqual(ok.length * 12);
    const answers: number[] = [];
    let next = 0;
    const lane = async () => {
      for (let r = replays[next++]; r !== undefined; r = replays[next++]) {
        const res = await fetch(r.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(r.payload),
          signal: AbortSignal.timeout(10_000),
        });
        answers.push(res.status);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    expect(answers.filter((s) => s >= 300)).toEqual([]);
    const settled = await stack.settleCase('reports ×10 before the answer, replayed out of order', ok, { timeoutMs: 30_000, startedAt });
    for (const id of ok) expect(settled.statuses.get(id), id).toBe('delivered');
  }, 120_000);

  it('STOP between accept and send: the queued messages fail at the claim and never reach the provider; new ones get 422', async () => {
    const startedAt = Date.now();
    // No worker: the accepted messages wait in the queue while the phone opts out.
    await stack.stopWorkers('SIGTERM');
    const { ok, refused } = await stack.burst('optout', 10, 4, [PHONE_OPT]);
    expect(refused).toEqual([]);
    const gw = (await (await stack.call('GET', `/v1/gateways/${stack.gateway}`)).json()) as { callbackUrls: { reply: string } };
    // STOP as the provider delivers it: an inbound message to our reply callback.
    expect((await stack.sandbox.inbound({ from: PHONE_OPT, to: 'SMSGW', text: 'STOP', reply_url: gw.callbackUrls.reply })).status).toBe(
      200,
    );
    const after = await stack.call('POST', '/v1/messages', { to: PHONE_OPT, content: 'after STOP', gateway: stack.gateway });
    expect(after.status).toBe(422);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('recipient_opted_out');
    await stack.startWorker();
    await stack.startWorker();
    const settled = await stack.settleCase('STOP between accept and send', ok, { timeoutMs: 30_000, startedAt });
    for (const id of ok) expect(settled.statuses.get(id), id).toBe('failed');
    expect(stack.sandbox.requests(PHONE_OPT)).toEqual([]);
  }, 120_000);
});
