import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../bench/explain/data.js';
import { explainingDb, indexesUsed, pickSamples, planProblems, QUERIES, type Samples } from '../../../bench/explain/queries.js';
import { privateDatabase, type PrivateDatabase } from '../../../test/support/env.js';

/**
 * The hot, list, sweep, billing and retention queries use the indexes meant for them: each one is
 * run through the product's own query function on a generated data set (50k messages, with
 * events, reports, replies and webhooks, ANALYZEd), its plans come back from auto_explain, and
 * the test walks them for the index names and for sequential scans on the big tables.
 * `npm run bench:explain` does the same at 10M messages with EXPLAIN (ANALYZE, BUFFERS).
 */
describe('query plans on a generated data set', () => {
  let pdb: PrivateDatabase;
  let admin: postgres.Sql;
  let explaining: Awaited<ReturnType<typeof explainingDb>>;
  let samples: Samples;

  beforeAll(async () => {
    pdb = await privateDatabase('plans');
    admin = postgres(pdb.url, { max: 1, onnotice: () => undefined });
    await generate(admin, { messages: 50_000, eventsPerMessage: 1, days: 60 });
    samples = await pickSamples(admin);
    explaining = await explainingDb(pdb.url, false);
  }, 120_000);
  afterAll(async () => {
    await explaining?.close();
    await admin?.end({ timeout: 5 });
    await pdb?.drop();
  });

  for (const q of QUERIES) {
    it(`${q.name}: ${q.uses.length > 0 ? q.uses.join(', ') : 'no sequential scan on a big table'}`, async () => {
      const plans = await explaining.explain(q, samples);
      expect(planProblems(q, plans), `indexes used: ${[...indexesUsed(plans)].join(', ')}`).toEqual([]);
    });
  }

  it('catches a sequential scan (the check can fail)', async () => {
    const plans = await explaining.explain(
      { name: 'unindexed', uses: [], run: (db) => db.execute("SELECT count(*) FROM messages WHERE content LIKE '%x%'") },
      samples,
    );
    expect(planProblems({ name: 'unindexed', uses: ['messages_pkey'], run: async () => undefined }, plans)).toEqual([
      'does not use messages_pkey',
      'sequential scan on messages',
    ]);
  });
});
