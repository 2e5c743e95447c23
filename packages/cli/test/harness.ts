import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, loadApiConfig } from '@smsgw/api';
import { createQueues, gatewayNotifier, redisConnection, type Queues } from '@smsgw/queues';
import { createSandbox, type Sandbox } from '@smsgw/sandbox-gateway';
import { loadWorkerConfig, startWorkers, type WorkerRuntime } from '@smsgw/worker';
import { privateDatabase, redisUrl, testAccount, uniquePrefix, type PrivateDatabase } from '../../../test/support/env.js';

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
  const own: PrivateDatabase = await privateDatabase(label);
  const prefix = uniquePrefix();
  const queues: Queues = createQueues({ connection: redisConnection(redisUrl()), prefix });
  const sandbox = await createSandbox({ dlrDelayMs: 20, rules: { [UNDELIVERABLE.slice(1)]: { outcome: 'failed' } } });
  const env = {
    DATABASE_URL: own.url,
    SMSGW_QUEUE_PREFIX: prefix,
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
    SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SMSGW_SWEEP_EVERY_MS: '3600000',
    LOG_LEVEL: 'silent',
  };
  const logger = pino({ level: 'silent' });
  const app: FastifyInstance = await buildApp({
    db: own.database.db,
    queues,
    config: loadApiConfig(env),
    logger,
    notifier: gatewayNotifier(queues.connection, prefix),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const runtime: WorkerRuntime = await startWorkers({
    db: own.database.db,
    queues,
    connection: queues.connection,
    config: loadWorkerConfig({ ...env, SMSGW_PUBLIC_URL: url }),
    logger,
  });
  const adminKey = (await testAccount(own.database, true)).key;
  const gateway = `gw-${randomBytes(4).toString('hex')}`;
  const res = await fetch(`${url}/v1/gateways`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: gateway, preset: 'sandbox', settings: { baseUrl: sandbox.url } }),
  });
  if (res.status !== 201) throw new Error(`creating the gateway: ${res.status} ${await res.text()}`);
  await runtime.sync();
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
      await runtime.close();
      await sandbox.idle();
      await app.close();
      await sandbox.close();
      await queues.close();
      await queues.connection.quit();
      await own.drop();
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
