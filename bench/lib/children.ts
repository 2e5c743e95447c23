/**
 * Every process the bench starts goes through here, so every one of them can be found and
 * stopped on exit, error or signal. Node children run with tsx and a guard that ends them if the
 * orchestrator disappears without cleaning up (killed with SIGKILL, say).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { channel, type Channel } from './ipc.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUARD = pathToFileURL(fileURLToPath(new URL('./orphan-guard.ts', import.meta.url))).href;

export interface Child extends Channel {
  readonly name: string;
  readonly pid: number;
  /** Resolves with how the process ended ("code 0", "signal SIGTERM"), whenever it does. */
  readonly exited: Promise<string>;
  /** How the process ended, or undefined while it runs. */
  exitCode(): string | undefined;
  /** The last lines the process wrote (stdout and stderr), for error messages. */
  tail(): string;
  /** Lines the process logged at warn level or above (pino JSON with level >= 40, or anything on stderr). */
  warnings(): { count: number; sample: string[] };
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** An IPC channel (the bench's own children); product processes get none. */
  ipc?: boolean;
  /** The process is expected to end by itself (migrations, load generator): not a fault. */
  oneShot?: boolean;
  /** Infrastructure (redis-server) others still talk to: left to its owner's teardown by stopAll. */
  lastToStop?: boolean;
}

const live = new Set<Child>();
const lastToStop = new Set<Child>();
let faultListener: ((child: Child, how: string) => void) | undefined;
let stoppingAll = false;

/** Called when a long-running child ends without being asked to (a crash): the run must stop. */
export function onUnexpectedExit(listener: (child: Child, how: string) => void): void {
  faultListener = listener;
}

function isWarning(line: string, stream: 'out' | 'err'): boolean {
  if (stream === 'err') return line.trim() !== '';
  const level = /"level":(\d+)/.exec(line)?.[1];
  return level !== undefined && Number(level) >= 40;
}

/** Starts `command args`; with a `.ts` script as command, runs it as `node --import tsx <guard> script`. */
export function start(name: string, command: string, args: string[], opts: SpawnOptions = {}): Child {
  const isTs = command.endsWith('.ts');
  const file = isTs ? process.execPath : command;
  // BENCH_PROFILE=api,worker: those children write a V8 CPU profile to bench/results/prof/ on exit.
  const profiled = isTs && (process.env['BENCH_PROFILE'] ?? '').split(',').includes(name);
  const prof = profiled ? ['--cpu-prof', `--cpu-prof-dir=${ROOT}/bench/results/prof`] : [];
  const argv = isTs ? [...prof, '--import', 'tsx', '--import', GUARD, command, ...args] : args;
  const proc: ChildProcess = spawn(file, argv, {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, BENCH_PARENT_PID: String(process.pid) },
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`could not start ${name} (${file})`);
  const lines: string[] = [];
  const warned: string[] = [];
  let warnCount = 0;
  const collect = (stream: 'out' | 'err') => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 60) lines.shift();
        if (isWarning(line, stream)) {
          warnCount++;
          if (warned.length < 5) warned.push(line.slice(0, 400));
        }
      }
    };
  };
  proc.stdout?.on('data', collect('out'));
  proc.stderr?.on('data', collect('err'));
  let stopRequested = false;
  let ended: string | undefined;
  const exited = new Promise<string>((resolve) => {
    const end = (how: string) => {
      ended = how;
      resolve(how);
    };
    proc.once('exit', (code, signal) => end(signal ? `signal ${signal}` : `code ${code}`));
    proc.once('error', (err) => end(`error ${err.message}`));
  });
  const ipc = opts.ipc ? channel(proc, name, exited) : undefined;
  const noIpc = () => Promise.reject(new Error(`${name} has no IPC channel`));
  const child: Child = {
    name,
    pid: proc.pid,
    exited,
    exitCode: () => ended,
    tail: () => lines.slice(-25).join('\n'),
    warnings: () => ({ count: warnCount, sample: [...warned] }),
    ready: ipc ? (t) => ipc.ready(t) : noIpc,
    request: ipc ? (type, payload, t) => ipc.request(type, payload, t) : noIpc,
    async stop(graceMs = 10_000) {
      stopRequested = true;
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      live.delete(child);
    },
  };
  live.add(child);
  if (opts.lastToStop) lastToStop.add(child);
  void exited.then((how) => {
    live.delete(child);
    if (!stopRequested && !stoppingAll && !(opts.oneShot && how === 'code 0')) faultListener?.(child, how);
  });
  return child;
}

/**
 * Stops every child still running, all at once (each with its own grace period), except
 * infrastructure marked `lastToStop`, which its owner's teardown stops after its clients.
 */
export async function stopAll(graceMs = 10_000): Promise<void> {
  stoppingAll = true;
  await Promise.all([...live].filter((c) => !lastToStop.has(c)).map((c) => c.stop(graceMs)));
}

// Last resort when the orchestrator exits without stopAll (an uncaught error): no orphan may stay.
process.on('exit', () => {
  for (const c of live) {
    try {
      process.kill(c.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});
