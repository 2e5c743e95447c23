import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../types.js';
import { rowsOf } from '../rows.js';
import { billeeCredits, creditLedger } from '../schema/index.js';
import type { Billee } from './billing.js';

export type CreditLedgerRow = typeof creditLedger.$inferSelect;

export interface Credit {
  billee: Billee;
  currency: string;
  limit: string;
  reserved: string;
  spent: string;
  /** limit − reserved − spent: what new messages may still reserve. */
  balance: string;
  updatedAt: Date;
}

const key = (accountId: string, b: Billee) =>
  and(eq(billeeCredits.accountId, accountId), eq(billeeCredits.billeeType, b.type), eq(billeeCredits.billeeId, b.id));

/** A billee's credit, or undefined when it has none (it is not prepaid: nothing is reserved for it). */
export async function getCredit(db: Db, accountId: string, billee: Billee): Promise<Credit | undefined> {
  const [row] = await db
    .select({
      currency: billeeCredits.currency,
      limit: billeeCredits.creditLimit,
      reserved: billeeCredits.reserved,
      spent: billeeCredits.spent,
      balance: sql<string>`(${billeeCredits.creditLimit} - ${billeeCredits.reserved} - ${billeeCredits.spent})::text`,
      updatedAt: billeeCredits.updatedAt,
    })
    .from(billeeCredits)
    .where(key(accountId, billee));
  return row ? { billee, ...row } : undefined;
}

export type SetCreditResult = { kind: 'set'; credit: Credit } | { kind: 'currency'; currency: string };

/**
 * Sets a billee's credit limit (opening its credit when it has none), and writes the difference
 * to the ledger as a `limit` entry, in one transaction under the credit row's lock: an accept
 * reserving at the same moment sees the limit before or after, never half of it. The currency is
 * fixed when the credit is opened.
 */
export async function setCreditLimit(db: Db, accountId: string, billee: Billee, limit: string, currency: string): Promise<SetCreditResult> {
  return db.transaction(async (tx) => {
    // A credit opened at 0 adds nothing to the ledger; the limit below is the whole first entry.
    await tx
      .insert(billeeCredits)
      .values({ accountId, billeeType: billee.type, billeeId: billee.id, currency, creditLimit: '0' })
      .onConflictDoNothing();
    const [old] = rowsOf(
      await tx.execute(sql`
        SELECT credit_limit::text AS credit_limit, currency FROM billee_credits
        WHERE account_id = ${accountId} AND billee_type = ${billee.type} AND billee_id = ${billee.id} FOR NO KEY UPDATE`),
    );
    if (!old) throw new Error('billee credit row vanished');
    if (old['currency'] !== currency) return { kind: 'currency', currency: String(old['currency']) };
    await tx.execute(sql`
      WITH u AS (
        UPDATE billee_credits SET credit_limit = ${limit}::numeric, updated_at = now()
        WHERE account_id = ${accountId} AND billee_type = ${billee.type} AND billee_id = ${billee.id}
        RETURNING credit_limit
      )
      INSERT INTO credit_ledger (account_id, billee_type, billee_id, kind, amount)
      SELECT ${accountId}, ${billee.type}, ${billee.id}, 'limit', u.credit_limit - ${String(old['credit_limit'])}::numeric FROM u
      WHERE u.credit_limit <> ${String(old['credit_limit'])}::numeric`);
    const credit = await getCredit(tx, accountId, billee);
    if (!credit) throw new Error('billee credit row vanished');
    return { kind: 'set', credit };
  });
}

/** A billee's ledger, newest first (`before`: the previous page's last entry id). */
export async function listCreditLedger(
  db: Db,
  accountId: string,
  billee: Billee,
  q: { before?: number | undefined; limit: number },
): Promise<CreditLedgerRow[]> {
  const conds = [eq(creditLedger.accountId, accountId), eq(creditLedger.billeeType, billee.type), eq(creditLedger.billeeId, billee.id)];
  if (q.before !== undefined) conds.push(lt(creditLedger.id, q.before));
  return db
    .select()
    .from(creditLedger)
    .where(and(...conds))
    .orderBy(desc(creditLedger.id))
    .limit(q.limit);
}

/** The sum of a billee's ledger entries: always its credit's balance (the invariant the tests hold). */
export async function creditLedgerSum(db: Db, accountId: string, billee: Billee): Promise<string> {
  const [row] = rowsOf(
    await db.execute(sql`
      SELECT coalesce(sum(amount), 0)::text AS total FROM credit_ledger
      WHERE account_id = ${accountId} AND billee_type = ${billee.type} AND billee_id = ${billee.id}`),
  );
  return String(row?.['total'] ?? '0');
}
