import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Real `redis-server` processes for the scale tests: loopback only, no persistence, each in a
 * temporary directory of its own, on ports the kernel says are free. Nothing here sleeps for a
 * fixed time: every wait polls the servers with a deadline.
 */

/** A port nobody listens on right now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10_000 });
  return stdout;
}

/** Polls `check` every 50 ms until it holds or `timeoutMs` passes (then throws, naming `what`). */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
}

export interface RedisProcess {
  port: number;
  child: ChildProcess;
  /** SIGKILL: the process dies without a word to anyone (a crashed machine). */
  kill(): void;
}

/** A set of servers sharing one temp directory, all killed and removed by `stop()`. */
export interface RedisFleet {
  dir: string;
  start(name: string, args: string[], opts?: { configFile?: string; sentinel?: boolean }): Promise<RedisProcess>;
  stop(): Promise<void>;
}

export function redisFleet(label: string): RedisFleet {
  const dir = mkdtempSync(join(tmpdir(), `smsgw-${label}-`));
  const procs: RedisProcess[] = [];
  // Should the test process end without its afterAll (a crash, a timeout), the servers go with it.
  const killAll = () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  return {
    dir,
    async start(name, args, opts = {}) {
      const port = await freePort();
      const nodeDir = mkdtempSync(join(dir, `${name}-`));
      const base = ['--port', String(port), '--bind', '127.0.0.1', '--dir', nodeDir, '--save', '', '--appendonly', 'no'];
      const argv = opts.configFile ? [opts.configFile, ...(opts.sentinel ? ['--sentinel'] : []), ...base, ...args] : [...base, ...args];
      const child = spawn('redis-server', argv, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const proc: RedisProcess = { port, child, kill: () => void child.kill('SIGKILL') };
      procs.push(proc);
      await until(
        `${name} on port ${port} to answer PING${stderr ? `: ${stderr}` : ''}`,
        async () => (await cli(port, 'PING')).trim() === 'PONG',
      );
      return proc;
    },
    async stop() {
      await Promise.all(
        procs.map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
              p.child.once('exit', () => resolve());
              p.child.kill('SIGKILL');
            }),
        ),
      );
      process.removeListener('exit', killAll);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Three masters, no replicas, slots split by `redis-cli --cluster create`; resolves once cluster_state is ok everywhere. */
export async function startCluster(fleet: RedisFleet): Promise<RedisProcess[]> {
  const nodes: RedisProcess[] = [];
  for (const name of ['node-a', 'node-b', 'node-c']) {
    // The bus port is given explicitly: the default (port + 10000) may not exist for a high free port.
    const bus = await freePort();
    nodes.push(
      await fleet.start(name, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${name}.conf`,
        '--cluster-port',
        String(bus),
        '--cluster-node-timeout',
        '2000',
      ]),
    );
  }
  const addrs = nodes.map((n) => `127.0.0.1:${n.port}`);
  await run('redis-cli', ['--cluster', 'create', ...addrs, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
  for (const n of nodes) {
    await until(`cluster_state:ok on ${n.port}`, async () => (await cli(n.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'));
  }
  return nodes;
}

export interface SentinelSet {
  master: RedisProcess;
  replica: RedisProcess;
  sentinel: RedisProcess;
  name: string;
  /** The port of the server the sentinel calls master now. */
  masterPort(): Promise<number>;
}

/** A master, one replica in sync with it, and one sentinel watching them (quorum 1, fast failover). */
export async function startSentinelSet(fleet: RedisFleet, name = 'mymaster'): Promise<SentinelSet> {
  const master = await fleet.start('master', []);
  const replica = await fleet.start('replica', ['--replicaof', '127.0.0.1', String(master.port)]);
  await until('the replica to sync', async () => (await cli(replica.port, 'INFO', 'replication')).includes('master_link_status:up'));
  const conf = join(fleet.dir, 'sentinel.conf');
  // The sentinel rewrites its file (it records what it learns), so it must be writable and its own.
  writeFileSync(
    conf,
    [
      'sentinel resolve-hostnames no',
      `sentinel monitor ${name} 127.0.0.1 ${master.port} 1`,
      `sentinel down-after-milliseconds ${name} 500`,
      `sentinel failover-timeout ${name} 3000`,
      `sentinel parallel-syncs ${name} 1`,
      '',
    ].join('\n'),
  );
  const sentinel = await fleet.start('sentinel', [], { configFile: conf, sentinel: true });
  const masterPort = async () => {
    const out = (await cli(sentinel.port, 'SENTINEL', 'get-master-addr-by-name', name)).trim().split('\n');
    return Number(out[1]);
  };
  // The sentinel must know the replica before a failover can promote it.
  await until('the sentinel to see the replica', async () =>
    (await cli(sentinel.port, 'SENTINEL', 'replicas', name)).includes(String(replica.port)),
  );
  return { master, replica, sentinel, name, masterPort };
}
