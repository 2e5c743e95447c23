/**
 * A tiny request/response protocol over Node's IPC channel, shared by the orchestrator and the
 * bench's own child processes (load generator, sandbox, counting proxy, ceiling). The product's
 * processes never use it: they are driven only through env vars and HTTP.
 */
import type { ChildProcess } from 'node:child_process';

type Ready = { kind: 'ready'; info: unknown };
type Request = { kind: 'request'; id: number; type: string; payload: unknown };
type Response = { kind: 'response'; id: number; ok: boolean; result?: unknown; error?: string };
type Message = Ready | Request | Response;

function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && 'kind' in v && typeof (v as { kind: unknown }).kind === 'string';
}

export type Handlers = Record<string, (payload: unknown) => Promise<unknown> | unknown>;

/**
 * Child side: answers the parent's requests with `handlers`, then announces `info` as ready.
 * Exits when the parent goes away (the channel closes), so an orchestrator killed with SIGKILL
 * does not leave this process running.
 */
export function serve(handlers: Handlers, info: unknown, onParentGone: () => void = () => process.exit(0)): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this script is a bench child process: start it through bench/run.ts (it needs an IPC channel)');
  process.on('message', (raw: unknown) => {
    if (!isMessage(raw) || raw.kind !== 'request') return;
    const handler = handlers[raw.type];
    const reply = (r: Omit<Response, 'kind' | 'id'>) => send({ kind: 'response', id: raw.id, ...r });
    if (!handler) return void reply({ ok: false, error: `unknown request ${raw.type}` });
    Promise.resolve()
      .then(() => handler(raw.payload))
      .then(
        (result) => reply({ ok: true, result }),
        (err: unknown) => reply({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  process.on('disconnect', onParentGone);
  send({ kind: 'ready', info });
}

/** Parent side of one child's channel. */
export interface Channel {
  /** Resolves with the child's ready info; rejects after `timeoutMs` or if the child exits first. */
  ready<T>(timeoutMs: number): Promise<T>;
  request<T>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
}

export function channel(proc: ChildProcess, name: string, exited: Promise<string>): Channel {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let readyInfo: { value: unknown } | undefined;
  const readyWaiters: ((v: unknown) => void)[] = [];
  proc.on('message', (raw: unknown) => {
    if (!isMessage(raw)) return;
    if (raw.kind === 'ready') {
      readyInfo = { value: raw.info };
      for (const w of readyWaiters.splice(0)) w(raw.info);
    } else if (raw.kind === 'response') {
      const p = pending.get(raw.id);
      pending.delete(raw.id);
      if (!p) return;
      if (raw.ok) p.resolve(raw.result);
      else p.reject(new Error(`${name}: ${raw.error ?? 'request failed'}`));
    }
  });
  void exited.then((how) => {
    for (const p of pending.values()) p.reject(new Error(`${name} exited (${how}) before answering`));
    pending.clear();
  });
  const bounded = <T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name}: no answer to ${what} within ${timeoutMs} ms`)), timeoutMs);
    });
    const died = exited.then((how) => Promise.reject(new Error(`${name} exited (${how}) while waiting for ${what}`)));
    return Promise.race([work, timeout, died]).finally(() => clearTimeout(timer));
  };
  return {
    ready<T>(timeoutMs: number) {
      const info = readyInfo ? Promise.resolve(readyInfo.value) : new Promise<unknown>((resolve) => readyWaiters.push(resolve));
      return bounded(info as Promise<T>, timeoutMs, 'ready');
    },
    request<T>(type: string, payload?: unknown, timeoutMs = 60_000) {
      const id = nextId++;
      const answer = new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        proc.send({ kind: 'request', id, type, payload } satisfies Request);
      });
      return bounded(answer as Promise<T>, timeoutMs, type);
    },
  };
}
