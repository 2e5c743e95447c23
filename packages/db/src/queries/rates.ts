import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../types.js';
import { rowsOf } from '../rows.js';
import { rates } from '../schema/index.js';

export type RateRow = typeof rates.$inferSelect;

export interface NewRate {
  gateway: string;
  prefix: string | null;
  country: string | null;
  pricePerSegment: string;
  currency: string;
  /** From when the price applies (now when absent); an earlier version applies until then. */
  validFrom?: Date | undefined;
}

/** Adds a version of a price: rows are never updated, so messages keep naming the price they got. */
export async function insertRate(db: Db, r: NewRate): Promise<RateRow> {
  const [row] = await db
    .insert(rates)
    .values({ ...r, ...(r.validFrom ? { validFrom: r.validFrom } : {}) })
    .returning();
  if (!row) throw new Error('rate insert returned nothing');
  return row;
}

export interface RateQuery {
  gateway?: string | undefined;
  /** Every version, newest first, rather than the one in force at `at` per gateway/prefix/country. */
  history?: boolean | undefined;
  at?: Date | undefined;
}

/** The rates in force (one per gateway, prefix and country), or their whole history. */
export async function listRates(db: Db, q: RateQuery): Promise<RateRow[]> {
  const gateway = q.gateway === undefined ? undefined : eq(rates.gateway, q.gateway);
  if (q.history) {
    return db.select().from(rates).where(gateway).orderBy(asc(rates.gateway), desc(rates.validFrom), desc(rates.id));
  }
  const at = (q.at ?? new Date()).toISOString();
  const conds: SQL[] = [lte(rates.validFrom, sql`${at}::timestamptz`)];
  if (gateway) conds.push(gateway);
  const result = await db.execute(sql`
    SELECT DISTINCT ON (gateway, coalesce(prefix, ''), coalesce(country, '')) id FROM rates
    WHERE ${and(...conds)}
    ORDER BY gateway, coalesce(prefix, ''), coalesce(country, ''), valid_from DESC, id DESC`);
  const ids = rowsOf(result).map((r) => Number(r['id']));
  if (ids.length === 0) return [];
  return db
    .select()
    .from(rates)
    .where(
      sql`${rates.id} IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    )
    .orderBy(asc(rates.gateway), asc(rates.prefix), asc(rates.country));
}

export interface LastRate {
  messageId: string;
  /** The charge divided by the segments: what one segment cost. */
  perSegment: string;
  currency: string | null;
  charge: string;
  segments: number;
  sentAt: Date | null;
}

/**
 * The per-segment rate of the latest charged message to `to` (the original's
 * `get_last_rate_for`: charge / length), among this account's messages.
 */
export async function lastRateFor(db: Db, accountId: string, to: string): Promise<LastRate | undefined> {
  // messages_to_sent_idx walks the number's sends newest first; the first charged one is the answer.
  const result = await db.execute(sql`
    SELECT id, round(gateway_charge / segments, 6)::text AS per_segment, charge_currency, gateway_charge::text AS charge, segments,
      (extract(epoch FROM sent_at) * 1000)::float8 AS sent_ms
    FROM messages
    WHERE "to" = ${to} AND sent_at IS NOT NULL AND account_id = ${accountId} AND gateway_charge IS NOT NULL AND segments > 0
    ORDER BY sent_at DESC, id DESC LIMIT 1`);
  const [r] = rowsOf(result);
  if (!r) return undefined;
  return {
    messageId: String(r['id']),
    perSegment: String(r['per_segment']),
    currency: r['charge_currency'] === null ? null : String(r['charge_currency']),
    charge: String(r['charge']),
    segments: Number(r['segments']),
    sentAt: r['sent_ms'] === null ? null : new Date(Number(r['sent_ms'])),
  };
}
