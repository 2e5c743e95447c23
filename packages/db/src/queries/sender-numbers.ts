import { and, asc, eq, getTableColumns, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { senderNumbers } from '../schema/index.js';

export type SenderNumberRow = typeof senderNumbers.$inferSelect;

export type AssignResult =
  | { kind: 'created'; row: SenderNumberRow }
  /** The account owned it already (its gateway is now the one given). */
  | { kind: 'updated'; row: SenderNumberRow }
  | { kind: 'owned'; row: SenderNumberRow };

/**
 * Gives a number to an account, in one statement so two admins racing for the same number
 * cannot both win: a number the account owns already takes the new gateway scope, a number
 * another account owns is left as it is (`owned`, with that row).
 */
export async function assignSenderNumber(db: Db, v: { number: string; accountId: string; gateway: string | null }): Promise<AssignResult> {
  const [row] = await db
    .insert(senderNumbers)
    .values(v)
    .onConflictDoUpdate({
      target: senderNumbers.number,
      set: { gateway: sql`excluded.gateway` },
      setWhere: eq(senderNumbers.accountId, sql`excluded.account_id`),
    })
    // xmax is 0 on a row this statement inserted, and set on one it updated.
    .returning({ ...getTableColumns(senderNumbers), inserted: sql<boolean>`(xmax = 0)` });
  if (row) {
    const { inserted, ...stored } = row;
    return { kind: inserted ? 'created' : 'updated', row: stored };
  }
  const existing = await getSenderNumber(db, v.number);
  // Removed between the two statements: rare, and the caller's retry will take it.
  if (!existing) throw new Error('sender number conflicted but was not found');
  return { kind: 'owned', row: existing };
}

export async function getSenderNumber(db: Db, number: string): Promise<SenderNumberRow | undefined> {
  const [row] = await db.select().from(senderNumbers).where(eq(senderNumbers.number, number));
  return row;
}

export async function removeSenderNumber(db: Db, number: string): Promise<boolean> {
  const rows = await db.delete(senderNumbers).where(eq(senderNumbers.number, number)).returning({ number: senderNumbers.number });
  return rows.length > 0;
}

/** Sender numbers in number order (of one account when given), after `after` for paging. */
export async function listSenderNumbers(
  db: Db,
  f: { accountId?: string | undefined; after?: string | undefined; limit: number },
): Promise<SenderNumberRow[]> {
  return db
    .select()
    .from(senderNumbers)
    .where(and(f.accountId ? eq(senderNumbers.accountId, f.accountId) : undefined, f.after ? gt(senderNumbers.number, f.after) : undefined))
    .orderBy(asc(senderNumbers.number))
    .limit(f.limit);
}

/** The account that owns `number` for replies arriving through `gateway`, if any. */
export async function senderNumberOwner(db: Db, number: string, gateway: string): Promise<string | undefined> {
  const [row] = await db
    .select({ accountId: senderNumbers.accountId })
    .from(senderNumbers)
    .where(and(eq(senderNumbers.number, number), or(isNull(senderNumbers.gateway), eq(senderNumbers.gateway, gateway))));
  return row?.accountId;
}
