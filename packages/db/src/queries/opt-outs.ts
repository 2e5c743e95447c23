import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { optOuts } from '../schema/index.js';

export async function addOptOut(db: Db, accountId: string | null, number: string, source: string): Promise<boolean> {
  const rows = await db.insert(optOuts).values({ accountId, number, source }).onConflictDoNothing().returning({ id: optOuts.id });
  return rows.length > 0;
}

export async function removeOptOut(db: Db, accountId: string | null, number: string): Promise<boolean> {
  const rows = await db
    .delete(optOuts)
    .where(and(eq(optOuts.number, number), accountId === null ? isNull(optOuts.accountId) : eq(optOuts.accountId, accountId)))
    .returning({ id: optOuts.id });
  return rows.length > 0;
}

export async function listOptOuts(db: Db, accountId: string, limit: number, afterId?: number) {
  return db
    .select()
    .from(optOuts)
    .where(and(or(isNull(optOuts.accountId), eq(optOuts.accountId, accountId)), afterId ? sql`${optOuts.id} > ${afterId}` : undefined))
    .orderBy(optOuts.id)
    .limit(limit);
}

export type OptOutRow = typeof optOuts.$inferSelect;

/** The opt-out that stops this account's messages to the number: its own, or the every-account one. */
export async function getOptOut(db: Db, accountId: string, number: string): Promise<OptOutRow | undefined> {
  const [row] = await db
    .select()
    .from(optOuts)
    .where(and(eq(optOuts.number, number), or(isNull(optOuts.accountId), eq(optOuts.accountId, accountId))))
    .orderBy(optOuts.id)
    .limit(1);
  return row;
}
