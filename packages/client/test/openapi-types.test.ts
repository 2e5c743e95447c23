import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { liveSpec, TYPES_FILE, typesFromSpec } from '../scripts/openapi-types.js';
import { IDEMPOTENT_POSTS } from '../src/index.js';

interface Operation {
  parameters?: { in: string; name: string }[];
}

/**
 * The committed types must be what the live document generates today: a route changed without
 * `npm run client:types` fails here, with the command to run.
 */
describe('packages/client/src/openapi.d.ts', () => {
  it('matches the API document (regenerate with `npm run client:types`)', async () => {
    const spec = await liveSpec({ DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl') });
    const fresh = await typesFromSpec(spec);
    const committed = await readFile(TYPES_FILE, 'utf8');
    // Not toEqual on 200 kB of text: say what to do, then show where they differ.
    if (committed !== fresh) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      expect.fail(
        `openapi.d.ts is stale: run \`npm run client:types\` and commit it. First difference at line ${line + 1}:\n` +
          `committed: ${a[line] ?? '(end of file)'}\nlive:      ${b[line] ?? '(end of file)'}`,
      );
    }

    // The client retries a POST after a lost answer only where the API honours Idempotency-Key.
    const honouring = Object.entries(spec.paths ?? {})
      .filter(([, item]) =>
        ((item as { post?: Operation }).post?.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key'),
      )
      .map(([path]) => path)
      .sort();
    expect(honouring).toEqual([...IDEMPOTENT_POSTS].sort());
  });
});
