import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '@smsgw/sandbox-gateway';
import { startLiveStack } from '../../../test/support/live-stack.js';

/** A number the sandbox fails every message to (its delivery report says FAILED). */
export const UNDELIVERABLE = '+447400000001';

/** The real binary, as `npx smsgw` runs it. */
export const BIN = fileURLToPath(new URL('../bin/smsgw.js', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The whole system on loopback: API (listening), workers, the sandbox provider; one admin key. */
export interface Stack {
  url: string;
  adminKey: string;
  gateway: string;
  sandbox: Sandbox;
  /** A directory of this file's own (config file, CSVs). */
  dir: string;
  /** Runs `node bin/smsgw.js …args` with SMSGW_CONFIG in `dir` (and `env` over it). */
  cli(args: readonly string[], env?: Record<string, string | undefined>): Promise<Run>;
  /** Starts the binary and returns it running (for following commands). */
  spawnCli(args: readonly string[], env?: Record<string, string | undefined>): { done: Promise<Run> };
  close(): Promise<void>;
}

function childEnv(dir: string, env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // NODE_OPTIONS carries the loopback guard into the child (test/support/loopback-guard-setup.ts).
  const base: NodeJS.ProcessEnv = { ...process.env, SMSGW_CONFIG: join(dir, 'config.json') };
  delete base['SMSGW_URL'];
  delete base['SMSGW_KEY'];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

export async function startStack(label: string): Promise<Stack> {
  const stack = await startLiveStack(label, { sandbox: { dlrDelayMs: 20, rules: { [UNDELIVERABLE.slice(1)]: { outcome: 'failed' } } } });
  const { url, adminKey, gateway, sandbox } = stack;
  const dir = await mkdtemp(join(tmpdir(), 'smsgw-cli-'));

  const spawnCli: Stack['spawnCli'] = (args, extra = {}) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(dir, extra), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const done = new Promise<Run>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    return { done };
  };

  return {
    url,
    adminKey,
    gateway,
    sandbox,
    dir,
    cli: (args, extra = {}) =>
      new Promise((resolve, reject) => {
        execFile(process.execPath, [BIN, ...args], { env: childEnv(dir, extra), maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
          if (err && typeof err.code !== 'number') return reject(err);
          resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
        });
      }),
    spawnCli,
    async close() {
      await stack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Parses the last non-empty stdout line as JSON (the result; following commands print NDJSON). */
export function lastJson<T = Record<string, unknown>>(run: Run): T {
  const lines = run.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '');
  const last = lines.at(-1);
  if (last === undefined) throw new Error(`no output (exit ${run.code}); stderr: ${run.stderr}`);
  return JSON.parse(last) as T;
}
