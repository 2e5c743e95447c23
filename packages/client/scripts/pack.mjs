/**
 * Build and pack steps of @smsgw/client, run by its package.json scripts (plain Node: no tsx, no
 * dependencies, so packing works wherever npm and tsc do):
 *
 *   node scripts/pack.mjs clean        removes dist/
 *   node scripts/pack.mjs copy-types   copies src/*.d.ts (the generated openapi.d.ts) into dist/:
 *                                      tsc never emits a .d.ts for a .d.ts input, and the emitted
 *                                      types.d.ts / index.d.ts import './openapi.js'
 *   node scripts/pack.mjs prepack      swaps package.json for the published manifest
 *   node scripts/pack.mjs postpack     puts the workspace package.json back
 *
 * (Several steps run in order: `node scripts/pack.mjs copy-types prepack`. `prepack` repeats the
 * `build` script's commands rather than calling `npm run build`: one npm process less per pack.)
 *
 * Why swap: in the workspace `exports` points at src/*.ts (tsx, vitest and the root typecheck load
 * the sources, no build step), but the tarball ships dist/ only. npm, unlike pnpm and yarn, does
 * not apply `publishConfig.exports` / `main` / `types` to the packed manifest (publishConfig only
 * overrides npm config keys there, and npm 11 warns about any other key), so `prepack` writes the
 * published manifest itself, derived from the workspace one (./src/X.ts becomes ./dist/X.js, and
 * ./dist/X.d.ts under `types`), and `postpack` restores the original bytes. If a pack dies between
 * the two, package.json.workspace is left behind: `node scripts/pack.mjs postpack` restores it.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestFile = join(root, 'package.json');
const backupFile = join(root, 'package.json.workspace');

/** `./src/X.ts` as published: the JavaScript, or under `types` the declarations. */
function published(path, condition) {
  const match = /^\.\/src\/(.+)\.ts$/.exec(path);
  if (!match) throw new Error(`cannot map ${path} to dist/: expected ./src/<name>.ts`);
  return condition === 'types' ? `./dist/${match[1]}.d.ts` : `./dist/${match[1]}.js`;
}

/** Maps every `./src/*.ts` target of an `exports` value, conditions included. */
function publishedExports(value, condition) {
  if (typeof value === 'string') return published(value, condition);
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => publishedExports(v, condition));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, publishedExports(v, key.startsWith('.') ? condition : key)]));
}

/** The manifest that goes into the tarball: dist/ entry points, no scripts, no devDependencies. */
function publishedManifest(workspace) {
  const manifest = {};
  for (const [key, value] of Object.entries(workspace)) {
    if (key === 'scripts' || key === 'devDependencies') continue;
    if (key === 'exports') {
      manifest.exports = publishedExports(value, 'default');
    } else if (key === 'types') {
      manifest.main = published(value, 'default');
      manifest.types = published(value, 'types');
    } else {
      manifest[key] = value;
    }
  }
  return manifest;
}

const steps = {
  clean() {
    rmSync(join(root, 'dist'), { recursive: true, force: true });
  },
  'copy-types'() {
    mkdirSync(join(root, 'dist'), { recursive: true });
    for (const name of readdirSync(join(root, 'src'))) {
      if (name.endsWith('.d.ts')) copyFileSync(join(root, 'src', name), join(root, 'dist', name));
    }
  },
  prepack() {
    if (existsSync(backupFile)) {
      throw new Error(`${backupFile} exists: a previous pack did not finish. Run \`node scripts/pack.mjs postpack\` first.`);
    }
    const text = readFileSync(manifestFile, 'utf8');
    const manifest = publishedManifest(JSON.parse(text));
    for (const file of [manifest.main, manifest.types]) {
      if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run the build first`);
    }
    writeFileSync(backupFile, text);
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  },
  postpack() {
    if (existsSync(backupFile)) renameSync(backupFile, manifestFile);
  },
};

const names = process.argv.slice(2);
if (names.length === 0 || names.some((name) => !Object.hasOwn(steps, name))) {
  throw new Error(`usage: node scripts/pack.mjs <step>…, steps: ${Object.keys(steps).join(', ')}`);
}
for (const name of names) steps[name]();
