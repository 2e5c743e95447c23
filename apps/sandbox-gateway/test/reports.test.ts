import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import type { DlrPayload, Sandbox, SandboxOptions } from '../src/index.js';
import { createClient, startReceiver } from './helpers.js';
import type { Caught, Receiver } from './helpers.js';

const client = createClient();
const open: Array<Sandbox | Receiver> = [];
const start = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const sbx = await createSandbox({ dlrDelayMs: 0, reportBackoffMs: 5, ...options });
  open.push(sbx);
  return sbx;
};
const receive = async (answer?: Parameters<typeof startReceiver>[0]): Promise<Receiver> => {
  const r = await startReceiver(answer);
  open.push(r);
  return r;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(() => client.close());

const dlr = (c: Caught | undefined): DlrPayload => c?.json as DlrPayload;

async function sendOne(
  sbx: Sandbox,
  statusUrl: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await client.send(
    sbx.url,
    { to: '447700900200', text: 'hi', reference: 'ref-1', status_url: statusUrl, ...extra },
    { headers },
  );
  expect(res.status).toBe(200);
  return (res.json as { id: string }).id;
}

describe('delivery reports', () => {
  it.each([
    ['failed', 'FAILED', 'undeliverable'],
    ['expired', 'EXPIRED', 'validity_expired'],
  ] as const)('outcome %s reports %s with an error code', async (outcome, status, code) => {
    const receiver = await receive();
    const sbx = await start({ outcome });
    const id = await sendOne(sbx, receiver.url);
    const [report] = await receiver.waitFor((c) => c.length === 1);
    expect(dlr(report)).toMatchObject({ id, reference: 'ref-1', status, error_code: code });
  });

  it('outcome none sends nothing', async () => {
    const receiver = await receive();
    const sbx = await start({ outcome: 'none' });
    await sendOne(sbx, receiver.url);
    await sbx.idle();
    expect(receiver.caught).toEqual([]);
    expect(sbx.reports()).toEqual([]);
  });

  it('intermediate sends BUFFERED before the final report', async () => {
    const receiver = await receive();
    const sbx = await start({ intermediate: true });
    const id = await sendOne(sbx, receiver.url);
    const caught = await receiver.waitFor((c) => c.length === 2);
    expect(caught.map((c) => dlr(c).status)).toEqual(['BUFFERED', 'DELIVERED']);
    expect(caught.every((c) => dlr(c).id === id)).toBe(true);
  });

  it('dlrDuplicates replays the very same final report', async () => {
    const receiver = await receive();
    const sbx = await start({ dlrDuplicates: 2 });
    await sendOne(sbx, receiver.url);
    const caught = await receiver.waitFor((c) => c.length === 3);
    expect(new Set(caught.map((c) => c.body)).size).toBe(1);
    await sbx.idle();
    expect(receiver.caught).toHaveLength(3);
    expect(sbx.reports().map((r) => r.attempt)).toEqual([1, 1, 1]);
  });

  it('dlrBeforeResponse delivers the report before answering the send', async () => {
    let answered = false;
    const seenBeforeAnswer: boolean[] = [];
    const receiver = await receive(() => {
      seenBeforeAnswer.push(!answered);
      return { status: 200 };
    });
    const sbx = await start({ dlrBeforeResponse: true });
    const id = await sendOne(sbx, receiver.url);
    answered = true;
    expect(seenBeforeAnswer).toEqual([true]);
    expect(dlr(receiver.caught[0])).toMatchObject({ id, status: 'DELIVERED' });
  });

  it('retries a report the receiver refuses, with backoff, until it gets a 2xx', async () => {
    const receiver = await receive((_c, i) => ({ status: i < 2 ? 503 : 204 }));
    const sbx = await start();
    await sendOne(sbx, receiver.url);
    await receiver.waitFor((c) => c.length === 3);
    await sbx.idle();
    expect(sbx.reports().map((r) => [r.attempt, r.responseStatus])).toEqual([
      [1, 503],
      [2, 503],
      [3, 204],
    ]);
  });

  it('gives up after reportAttempts and survives an unreachable receiver', async () => {
    const dead = await startReceiver();
    const deadUrl = dead.url;
    await dead.close(); // the port is now closed: connection refused
    const sbx = await start({ reportAttempts: 3 });
    await sendOne(sbx, `${deadUrl}/dlr`);
    await sbx.idle();
    const reports = sbx.reports();
    expect(reports.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(reports.every((r) => r.responseStatus === null && r.error !== null)).toBe(true);
    // Still serving.
    const health = await fetch(`${sbx.url}/control/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('waits dlrDelayMs before reporting', async () => {
    const receiver = await receive();
    const sbx = await start({ dlrDelayMs: 150 });
    const t0 = Date.now();
    await sendOne(sbx, receiver.url);
    await receiver.waitFor((c) => c.length === 1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('close() cancels reports still waiting', async () => {
    const receiver = await receive();
    const sbx = await createSandbox({ dlrDelayMs: 60_000 });
    await sendOne(sbx, receiver.url);
    const t0 = Date.now();
    await sbx.close();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(receiver.caught).toEqual([]);
  });
});
