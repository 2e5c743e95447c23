import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertConnectionBudget, type Database } from '@smsgw/db';
import { testDatabase } from '../../../test/support/env.js';

describe('connection budget at start', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => database.close());

  it('accepts a pool that fits and refuses one that would pass max_connections, naming the numbers', async () => {
    await assertConnectionBudget(database, 1); // throws if it does not fit
    await expect(assertConnectionBudget(database, 100_000)).rejects.toThrow(
      /SMSGW_DB_POOL_MAX=100000 does not fit: PostgreSQL allows \d+ client connections and \d+ are open/,
    );
  });
});
