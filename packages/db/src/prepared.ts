import type { Db } from './types.js';

/**
 * A drizzle prepared query built once per database handle and reused. Drizzle builds the SQL
 * again at every `.prepare()` call, and for a lookup by id that building cost more than the
 * round trip (getMessageById alone was half of the API's drizzle time in a bench profile).
 * Keyed by the handle: a transaction gets its own, bound to it.
 */
export function preparedOnce<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) {
      q = build(db);
      built.set(db, q);
    }
    return q;
  };
}
