import { Pool, type Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchOnce } from '../src/http-exchange.js';
import { closeServers, serve } from './http-test-servers.js';

/**
 * The per-request "written" fact on a shared pool, with each request's deadline driven by hand
 * (through createHttpClient all calls have the same deadline, so the order of expiry is fixed).
 */

const pools: Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.destroy()));
  await closeServers();
});

function getOpts(path: string): Dispatcher.DispatchOptions {
  return { path, method: 'GET', headers: {} };
}

describe('dispatchOnce on a shared pool', () => {
  it('reports a request that expired while queued behind another as not written, and never writes it later', async () => {
    let release: (() => void) | undefined;
    const srv = await serve((req, res) => {
      if (req.url === '/slow') release = () => res.end('slow');
      else res.end(req.url);
    });
    const pool = new Pool(srv.url, { connections: 1, pipelining: 1 });
    pools.push(pool);
    const slowDeadline = new AbortController();
    const queuedDeadline = new AbortController();
    const slow = dispatchOnce(pool, getOpts('/slow'), 1024, slowDeadline.signal);
    await srv.received(1);
    const queued = dispatchOnce(pool, { ...getOpts('/queued'), method: 'POST', body: 'id=queued' }, 1024, queuedDeadline.signal);
    queuedDeadline.abort();
    expect(await queued).toMatchObject({ kind: 'error', written: false, code: 'deadline_exceeded' });
    // The socket frees up: the pool hands it the expired request, which must stop before writing.
    release?.();
    expect(await slow).toMatchObject({ kind: 'response', body: 'slow' });
    expect(await dispatchOnce(pool, getOpts('/after'), 1024, new AbortController().signal)).toMatchObject({
      kind: 'response',
      body: '/after',
    });
    expect(srv.seen.map((s) => s.url)).toEqual(['/slow', '/after']);
  });

  it('reports a request that expired after it was written as written', async () => {
    const srv = await serve(() => undefined);
    const pool = new Pool(srv.url, { connections: 1, pipelining: 1 });
    pools.push(pool);
    const deadline = new AbortController();
    const result = dispatchOnce(pool, getOpts('/hang'), 1024, deadline.signal);
    await srv.received(1);
    deadline.abort();
    expect(await result).toMatchObject({ kind: 'error', written: true, code: 'deadline_exceeded' });
  });
});
