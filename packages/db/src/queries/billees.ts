import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../types.js';
import { accounts, billees } from '../schema/index.js';
import type { Billee } from './billing.js';

export type BilleeDefaultsRow = typeof billees.$inferSelect;

/** What a billee may set: each null (or absent) means none. */
export interface BilleeDefaultsInput {
  gateway: string | null;
  timeZone: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

const key = (accountId: string, b: Billee) =>
  and(eq(billees.accountId, accountId), eq(billees.billeeType, b.type), eq(billees.billeeId, b.id));

/** Sets (replaces) a billee's defaults. */
export async function putBilleeDefaults(db: Db, accountId: string, b: Billee, input: BilleeDefaultsInput): Promise<BilleeDefaultsRow> {
  const [row] = await db
    .insert(billees)
    .values({ accountId, billeeType: b.type, billeeId: b.id, ...input })
    .onConflictDoUpdate({ target: [billees.accountId, billees.billeeType, billees.billeeId], set: { ...input, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error('billee upsert returned nothing');
  return row;
}

export async function getBilleeDefaults(db: Db, accountId: string, b: Billee): Promise<BilleeDefaultsRow | undefined> {
  const [row] = await db.select().from(billees).where(key(accountId, b));
  return row;
}

/** Removes a billee's defaults; false when it had none. */
export async function deleteBilleeDefaults(db: Db, accountId: string, b: Billee): Promise<boolean> {
  const rows = await db.delete(billees).where(key(accountId, b)).returning({ id: billees.billeeId });
  return rows.length > 0;
}

/** An account's settings the accept path reads: its smart-encoding default and every billee's defaults. */
export interface AccountSendSettings {
  smartEncoding: boolean | null;
  billees: BilleeDefaultsRow[];
}

/** Loads {@link AccountSendSettings} (undefined for an unknown account), for the API's per-account cache. */
export async function loadAccountSendSettings(db: Db, accountId: string): Promise<AccountSendSettings | undefined> {
  const [[account], rows] = await Promise.all([
    db.select({ smartEncoding: accounts.smartEncoding }).from(accounts).where(eq(accounts.id, accountId)),
    db.select().from(billees).where(eq(billees.accountId, accountId)),
  ]);
  return account ? { smartEncoding: account.smartEncoding, billees: rows } : undefined;
}

/** Sets the account's smart-encoding default (null: the API's). */
export async function setAccountSmartEncoding(db: Db, accountId: string, value: boolean | null) {
  const [row] = await db.update(accounts).set({ smartEncoding: value }).where(eq(accounts.id, accountId)).returning();
  return row;
}
