/**
 * submit_sm per second through ONE SMPP bind, with the window at 10 and at 100, against the SMSC
 * simulator (test/smpp/simulator.ts) running as a process of its own on 127.0.0.1. The sender is
 * the product's bind (packages/gateways/src/smpp: lease a window slot, write, await the
 * submit_sm_resp), driven by as many loops as the window holds; no database or queue is
 * involved, so this is the bind's ceiling, not the pipeline's.
 *
 * Prints ONE JSON line: {"smppSubmitPerSec":{"window10":…,"window100":…}}.
 * Bounded: BENCH_SMPP_N submits (default 20000) or BENCH_SMPP_MAX_S seconds (default 10) per window.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseSmppGatewayConfig, planSubmit, SmppBind } from '@smsgw/gateways';

const N = Number(process.env['BENCH_SMPP_N'] ?? 20_000);
const MAX_MS = Number(process.env['BENCH_SMPP_MAX_S'] ?? 10) * 1000;
const WARMUP = 500;

function startSmsc(): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('../test/smpp/simulator-main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the SMSC simulator did not start within 20 s')), 20_000);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const m = buffered.match(/SMSC_PORT (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code) => reject(new Error(`the SMSC simulator exited (${code})`)));
  });
}

/** Submits per second through one bind with `window` slots, `window` loops keeping it full. */
async function measure(port: number, window: number): Promise<number> {
  const bind = new SmppBind({
    host: '127.0.0.1',
    port,
    tls: false,
    allowPrivate: true,
    systemId: 'bench',
    password: 'bench',
    systemType: '',
    mode: 'transceiver',
    window,
    timeouts: { connectMs: 2000, responseMs: 10_000, enquireLinkMs: 60_000 },
    reconnect: { initialMs: 100, maxMs: 1000 },
  });
  const cfg = parseSmppGatewayConfig({ kind: 'smpp', host: '127.0.0.1', registeredDelivery: false });
  const [fields] = planSubmit(
    cfg,
    { to: '+447700900000', from: 'BENCH', content: 'A benchmark message of ordinary length.', encoding: 'gsm7', segments: 1 },
    0,
  ).pdus;
  if (!fields) throw new Error('no PDU planned');
  let failures = 0;
  const run = async (count: number, deadline: number): Promise<number> => {
    let started = 0;
    let done = 0;
    const loop = async () => {
      while (started < count && performance.now() < deadline) {
        started++;
        const lease = await bind.lease(5000);
        const r = await lease.request('submit_sm', fields).result;
        if (r.kind === 'response' && r.pdu.command_status === 0) done++;
        else failures++;
      }
    };
    await Promise.all(Array.from({ length: window }, loop));
    return done;
  };
  try {
    await run(WARMUP, performance.now() + MAX_MS);
    const t0 = performance.now();
    const done = await run(N, t0 + MAX_MS);
    const seconds = (performance.now() - t0) / 1000;
    if (failures > 0) process.stderr.write(`window ${window}: ${failures} submits failed\n`);
    return Math.round(done / seconds);
  } finally {
    await bind.close();
  }
}

const smsc = await startSmsc();
try {
  const window10 = await measure(smsc.port, 10);
  const window100 = await measure(smsc.port, 100);
  process.stdout.write(`${JSON.stringify({ smppSubmitPerSec: { window10, window100 } })}\n`);
} finally {
  smsc.child.kill('SIGTERM');
}
