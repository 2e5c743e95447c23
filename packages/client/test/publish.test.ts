import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as source from '../src/index.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(packageDir, '../..');
const repoModules = join(repoRoot, 'node_modules');

interface PackResult {
  filename: string;
  files: { path: string }[];
}

interface Manifest {
  exports: { '.': { types: string; default: string } };
  main: string;
  types: string;
  files: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  scripts?: unknown;
  devDependencies?: unknown;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Links a package of the monorepo's node_modules into another node_modules (no install, no network). */
async function linkModule(modules: string, name: string): Promise<void> {
  const target = join(repoModules, name);
  if (!(await exists(target))) throw new Error(`${name} is not installed in ${repoModules}`);
  await mkdir(dirname(join(modules, name)), { recursive: true });
  await symlink(target, join(modules, name), 'dir');
}

/**
 * What a consumer of the published package gets: `npm pack` (prepack builds dist/ and swaps in the
 * published manifest) of a copy of the package, outside the workspace, extracted into a consumer's
 * node_modules next to its declared dependencies only, then loaded with plain node and checked with
 * tsc. Nothing is installed and nothing is fetched: dependencies are symlinks into the monorepo's
 * node_modules, and npm runs --offline.
 */
describe('the packed @smsgw/client', () => {
  let temp: string;
  let workspaceManifest: string;
  let packed: PackResult;
  let manifest: Manifest;
  let installed: string;
  let consumer: string;

  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'smsgw-client-pack-'));

    // The package as committed (no node_modules, no dist), with the links its build needs.
    const pkg = join(temp, 'pkg');
    for (const entry of ['package.json', 'README.md', 'tsconfig.build.json', 'src', 'scripts/pack.mjs']) {
      await cp(join(packageDir, entry), join(pkg, entry), { recursive: true });
    }
    workspaceManifest = await readFile(join(pkg, 'package.json'), 'utf8');
    for (const name of ['undici', '@types/node']) await linkModule(join(pkg, 'node_modules'), name);

    const { stdout } = await run('npm', ['pack', '--offline', '--json', '--pack-destination', temp], {
      cwd: pkg,
      // tsc from the monorepo (npm adds only the package's own node_modules/.bin).
      env: { ...process.env, PATH: `${join(repoModules, '.bin')}${delimiter}${process.env['PATH'] ?? ''}` },
    });
    [packed] = JSON.parse(stdout) as [PackResult];

    consumer = join(temp, 'consumer');
    installed = join(consumer, 'node_modules/@smsgw/client');
    await mkdir(installed, { recursive: true });
    await writeFile(join(consumer, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
    await run('tar', ['-xzf', join(temp, packed.filename), '-C', installed, '--strip-components=1']);
    manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Manifest;
    // The published dependencies, and nothing else: an undeclared runtime import fails to resolve.
    for (const name of Object.keys(manifest.dependencies ?? {})) await linkModule(join(consumer, 'node_modules'), name);
  }, 60_000);

  afterAll(async () => {
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('ships dist/ (JavaScript and declarations) and the README, no sources', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths.filter((p) => !p.startsWith('dist/'))).toEqual(['README.md', 'package.json']);
    for (const name of ['index', 'client', 'errors', 'http', 'types', 'webhooks']) {
      expect(paths).toContain(`dist/${name}.js`);
      expect(paths).toContain(`dist/${name}.d.ts`);
    }
    // The generated OpenAPI types, which tsc does not emit (a .d.ts input): copied by the build.
    expect(paths).toContain('dist/openapi.d.ts');
  });

  it('publishes a manifest that points at dist/ and depends on no workspace package', async () => {
    expect(manifest.exports).toEqual({ '.': { types: './dist/index.d.ts', default: './dist/index.js' } });
    expect(manifest.main).toBe('./dist/index.js');
    expect(manifest.types).toBe('./dist/index.d.ts');
    expect(manifest.files).toEqual(['dist', 'README.md']);
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    expect(Object.keys(manifest.dependencies ?? {})).toContain('undici');
    const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
    expect(Object.keys(deps).filter((name) => name.startsWith('@smsgw/'))).toEqual([]);
    // The workspace keeps its own manifest (exports to src/ for tsx): prepack's swap was undone.
    expect(await readFile(join(temp, 'pkg/package.json'), 'utf8')).toBe(workspaceManifest);
    expect(await exists(join(temp, 'pkg/package.json.workspace'))).toBe(false);
  });

  it('imports nothing it does not ship or declare', async () => {
    const dist = join(installed, 'dist');
    const allowed = new Set(Object.keys(manifest.dependencies ?? {}));
    for (const name of await readdir(dist)) {
      const text = await readFile(join(dist, name), 'utf8');
      const specifiers = [...text.matchAll(/(?:from\s+|import\()\s*'([^']+)'/g)].map((m) => m[1] as string);
      for (const specifier of specifiers) {
        if (specifier.startsWith('.')) {
          // './x.js' is dist/x.js, or for a declaration file dist/x.d.ts.
          const target = posix.join('dist', specifier);
          const ok = name.endsWith('.d.ts')
            ? await exists(join(installed, target.replace(/\.js$/, '.d.ts')))
            : await exists(join(installed, target));
          expect(ok, `${name} imports ${specifier}, which is not in the package`).toBe(true);
        } else if (!specifier.startsWith('node:')) {
          expect(allowed.has(specifier), `${name} imports ${specifier}, which is not a dependency`).toBe(true);
        }
      }
    }
  });

  it('loads with plain node and exports what the sources export', async () => {
    const script = `
      import * as client from '@smsgw/client';
      const smsgw = new client.SmsgwClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'key' });
      const verification = client.verifyWebhook({ secret: 'whsec_AAAA', headers: {}, body: '' });
      console.log(JSON.stringify({
        resolved: import.meta.resolve('@smsgw/client'),
        exports: Object.keys(client).sort(),
        client: smsgw instanceof client.SmsgwClient,
        verified: verification.ok,
      }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    const result = JSON.parse(stdout) as { resolved: string; exports: string[]; client: boolean; verified: boolean };
    expect(fileURLToPath(result.resolved)).toBe(join(installed, 'dist/index.js'));
    expect(result.exports).toEqual(Object.keys(source).sort());
    expect(result.exports).toEqual(expect.arrayContaining(['SmsgwClient', 'verifyWebhook', 'SmsgwError', 'isSmsgwError']));
    expect(result.client).toBe(true);
    expect(result.verified).toBe(false);
  });

  it('type-checks a consumer against the shipped declarations (generated OpenAPI types included)', async () => {
    await linkModule(join(consumer, 'node_modules'), '@types/node');
    await writeFile(
      join(consumer, 'check.ts'),
      `import { type MessageStatus, type paths, SmsgwClient, type SmsgwError, verifyWebhook } from '@smsgw/client';
export const status: MessageStatus = 'delivered';
// @ts-expect-error not a status: unused (an error) if the OpenAPI types were lost and this were any
export const wrong: MessageStatus = 'no-such-status';
export type GetMessage = paths['/v1/messages/{id}']['get'];
export const client = new SmsgwClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'key' });
export const sent = client.messages.send({ to: '+447700900123', content: 'Hello' });
export const verify: typeof verifyWebhook = verifyWebhook;
export type Failure = SmsgwError['code'];
`,
    );
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        // skipLibCheck: checking @types/node would triple the time; what it would catch in dist/ (an
        // unresolved import) the test above and the @ts-expect-error catch.
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
          skipLibCheck: true,
        },
        files: ['check.ts'],
      }),
    );
    const tsc = join(repoModules, '.bin/tsc');
    const result = await run(tsc, ['-p', join(consumer, 'tsconfig.json')], { cwd: consumer }).then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error),
    );
    expect(result).toBe('');
  });
});
