/**
 * The Docker image and the compose file, checked without a Docker engine: what the Dockerfile
 * copies exists and is not ignored, the image runs only what production dependencies provide,
 * the compose commands name files that exist, and the API health check command does what it says.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(text: string): Instruction[] {
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l));
  const joined = lines.join('\n').replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerfile = instructions(read('Dockerfile'));
const ignored = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** Every workspace's package.json (the root's `workspaces` are apps/* and packages/*). */
function workspaces(): { dir: string; pkg: { dependencies?: Record<string, string> } }[] {
  return ['apps', 'packages'].flatMap((top) =>
    readdirSync(join(root, top))
      .map((name) => `${top}/${name}`)
      .filter((dir) => existsSync(join(root, dir, 'package.json')))
      .map((dir) => ({ dir, pkg: JSON.parse(read(`${dir}/package.json`)) as { dependencies?: Record<string, string> } })),
  );
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(name) ? [full] : [];
  });
}

describe('Dockerfile', () => {
  it('copies only sources that exist and that .dockerignore lets through', () => {
    const copies = dockerfile.filter((i) => i.op === 'COPY' && !i.args.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const parts = copy.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      for (const source of parts.slice(0, -1)) {
        if (source === '.') continue;
        expect(existsSync(join(root, source)), `COPY ${source}`).toBe(true);
        expect(ignored, `COPY ${source} is excluded by .dockerignore`).not.toContain(source);
      }
    }
    expect(ignored).toContain('**/node_modules');
  });

  it('copies from stages it defines, installs production dependencies only, and runs as a non-root user', () => {
    const stages = dockerfile.filter((i) => i.op === 'FROM').map((i) => i.args.match(/\bAS\s+(\S+)/i)?.[1]);
    for (const copy of dockerfile.filter((i) => i.op === 'COPY' && i.args.includes('--from='))) {
      expect(stages).toContain(copy.args.match(/--from=(\S+)/)?.[1]);
    }
    const runs = dockerfile.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs.some((r) => /--include=dev/.test(r))).toBe(false);
    const last = dockerfile.slice(dockerfile.map((i) => i.op).lastIndexOf('FROM'));
    const user = last.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    // The command runs an entry that exists, through tsx (a production dependency).
    const cmd = JSON.parse(last.filter((i) => i.op === 'CMD').at(-1)?.args ?? '[]') as string[];
    expect(cmd.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
    expect(existsSync(join(root, cmd[3] ?? ''))).toBe(true);
  });

  it('every package the running code imports is a production dependency of some workspace', () => {
    const all = workspaces();
    const declared = new Set(all.flatMap((w) => Object.keys(w.pkg.dependencies ?? {})));
    expect(declared).toContain('tsx');
    const builtins = new Set(builtinModules);
    const missing: string[] = [];
    for (const { dir } of all) {
      for (const file of sourceFiles(join(root, dir, 'src'))) {
        const text = readFileSync(file, 'utf8');
        const specifiers = [
          ...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;'"]*?\bfrom\s+['"]([^'"]+)['"]/gm),
          ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
          ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
        ].map((m) => m[1] ?? '');
        for (const spec of specifiers) {
          if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
          if (name.startsWith('@smsgw/')) continue;
          if (!declared.has(name)) missing.push(`${file.slice(root.length)}: ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  interface Service {
    build?: string;
    image?: string;
    command?: string[];
    healthcheck?: { test?: string[] };
  }
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  it('parses, and every command of our image names an entry file (or npm script) that exists', () => {
    const ours = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
    expect(ours.map(([name]) => name)).toEqual(expect.arrayContaining(['api', 'migrate', 'sandbox', 'worker']));
    for (const [name, service] of ours) {
      expect(existsSync(join(root, service.build ?? '', 'Dockerfile')), name).toBe(true);
      const command = service.command ?? [];
      if (command[0] === 'npm') expect(scripts, name).toHaveProperty(command[2] ?? '');
      else {
        expect(command.slice(0, 3), name).toEqual(['node', '--import', 'tsx']);
        expect(existsSync(join(root, command[3] ?? '')), `${name}: ${command[3]}`).toBe(true);
      }
    }
  });

  it("the API's health check asks /readyz, answering 0 only when it says ready", async () => {
    const test = compose.services['api']?.healthcheck?.test ?? [];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toContain('/readyz');
    expect(read('apps/api/src/routes/health/ready.ts')).toContain("'/readyz'");
    let status = 200;
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(status).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    // Asynchronous: the server above answers from this process's event loop.
    const check = (p: number) =>
      new Promise<number | null>((resolve) => {
        spawn(process.execPath, ['-e', test[3] ?? ''], { env: { ...process.env, PORT: String(p) }, stdio: 'ignore' }).once('exit', resolve);
      });
    try {
      expect(await check(port)).toBe(0);
      status = 503;
      expect(await check(port)).toBe(1);
      expect(paths).toEqual(['/readyz', '/readyz']);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
    // Nothing listening: unhealthy, not a hang.
    expect(await check(port)).toBe(1);
  });
});
