/**
 * Real processes for the fault tests: the API and workers as `node --import tsx <entry>`, and a
 * private redis-server (with an append-only file, or with no persistence at all), so a test can
 * SIGKILL any of them and start it again. Every child is tracked by its group and killed by `killAll()` (and, as a last resort,
 * when the test process itself exits), so a failed run leaves no orphans.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { guardNodeOptions, recordRefusal, REFUSAL_MARK } from '../support/loopback-guard.js';

// The fault tests import it from here with the rest; its home is test/support/fixtures.ts.
export { freePort } from '../support/fixtures.js';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Proc {
  readonly name: string;
  readonly pid: number;
  /** The last lines the process wrote (stdout and stderr), for a failing test's report. */
  tail(): string[];
  /** Resolves when a line matching `match` has been written (also one written before the call). */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<void>;
  readonly exited: Promise<Exit>;
  /** False once the process has exited, by our signal or on its own. */
  running(): boolean;
  /** Sends the signal and resolves once the process is gone. */
  stop(signal: NodeJS.Signals): Promise<Exit>;
}

const TAIL_LINES = 200;

/** Polls `check` until it returns a value, or fails after `timeoutMs` naming `what`. */
export async function poll<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  // At least one look, however short the deadline.
  do {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  } while (Date.now() < deadline);
  const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
}

/** `promise`, or a failure naming `what` once `timeoutMs` have passed. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function track(name: string, child: ChildProcess): Proc {
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const lines: string[] = [];
  const waiters = new Set<{ match: (line: string) => boolean; done: () => void }>();
  const onLine = (line: string) => {
    // The child's loopback guard refused something: fail the test that is running, as in-process refusals do.
    if (line.includes(REFUSAL_MARK))
      recordRefusal({ what: line.replace(/^[!\s]+|[!\s]+$/g, ''), origin: `    in child process ${name} (pid ${String(child.pid)})` });
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
    for (const w of waiters) if (w.match(line)) w.done();
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const p of parts) onLine(p);
    });
  }
  const exited = new Promise<Exit>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    name,
    pid: child.pid,
    tail: () => [...lines],
    exited,
    running: () => !gone,
    waitForLine(match, timeoutMs) {
      if (lines.some(match)) return Promise.resolve();
      return new Promise((ok, fail) => {
        const waiter = {
          match,
          done: () => {
            clearTimeout(timer);
            waiters.delete(waiter);
            ok();
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          fail(new Error(`${name}: no matching line within ${timeoutMs} ms; last lines:\n${lines.slice(-20).join('\n')}`));
        }, timeoutMs);
        waiters.add(waiter);
        void exited.then((e) => {
          if (!waiters.delete(waiter)) return;
          clearTimeout(timer);
          fail(new Error(`${name} exited (${e.code ?? e.signal}) before the line came; last lines:\n${lines.slice(-20).join('\n')}`));
        });
      });
    },
    async stop(signal) {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}

/** Sends PING over a raw socket: "+PONG" means up and done loading its append-only file. */
export function redisPing(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((ok) => {
    const socket = new Socket();
    const finish = (up: boolean) => {
      socket.destroy();
      ok(up);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/** FLUSHALL on the redis-server at 127.0.0.1:`port`: every key of every database gone at once. */
export async function redisFlushAll(port: number): Promise<void> {
  const admin = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await admin.connect();
    const answer = await admin.flushall();
    if (answer !== 'OK') throw new Error(`FLUSHALL answered ${answer}`);
  } finally {
    admin.disconnect();
  }
}

export interface ProcessGroup {
  /** `node --import tsx <entry>` from the repository root, with `env` plus the loopback guard (NODE_OPTIONS) as its environment. */
  node(name: string, entry: string, env: Record<string, string>): Proc;
  /**
   * A redis-server on 127.0.0.1:`port`, working in `dir`; resolves once it answers. With
   * `appendOnly` (the default) it keeps an fsync-always append-only file there; without, it keeps
   * nothing at all (no AOF, no RDB snapshots), so a restart starts empty.
   */
  redis(port: number, dir: string, opts?: { appendOnly?: boolean }): Promise<Proc>;
  /** A scratch directory removed by `killAll()`. */
  tempDir(): string;
  /** SIGKILLs every child still running and waits for each to be gone. */
  killAll(): Promise<void>;
}

/** Children started through one group die with it; nothing is shared between groups. */
export function processGroup(): ProcessGroup {
  const children = new Map<number, Proc>();
  const dirs: string[] = [];
  // A crashed or timed-out test run must not leave servers behind.
  const lastResort = () => {
    for (const pid of children.keys()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', lastResort);
  const add = (proc: Proc) => {
    children.set(proc.pid, proc);
    void proc.exited.then(() => children.delete(proc.pid));
    return proc;
  };
  return {
    node(name, entry, env) {
      const childEnv = { ...env, NODE_OPTIONS: guardNodeOptions(env['NODE_OPTIONS']) };
      const child = spawn(process.execPath, ['--import', 'tsx', entry], {
        cwd: repoRoot,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return add(track(name, child));
    },
    async redis(port, dir, opts = {}) {
      const persistence = opts.appendOnly === false ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always'];
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir];
      const proc = add(track(`redis:${port}`, spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })));
      await poll(async () => ((await redisPing(port)) ? true : undefined), 10_000, `redis-server on port ${port}`, 50);
      return proc;
    },
    tempDir() {
      const dir = mkdtempSync(join(tmpdir(), 'smsgw-fault-'));
      dirs.push(dir);
      return dir;
    },
    async killAll() {
      await Promise.all([...children.values()].map((p) => p.stop('SIGKILL')));
      process.removeListener('exit', lastResort);
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
