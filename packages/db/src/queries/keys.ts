import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { newId } from '@smsgw/core';
import type { Db } from '../client.js';
import { apiKeys } from '../schema/accounts.js';
import { generateApiKey, hashApiKey } from './accounts.js';

/** A key's row without its hash (nothing outside this module needs the hash). */
export type ApiKeyRow = Omit<typeof apiKeys.$inferSelect, 'hash'>;

// Every column but the hash: no answer built from these rows can leak it.
const { hash: _hash, ...publicColumns } = getTableColumns(apiKeys);

export interface IssueKey {
  accountId: string;
  name: string;
  admin: boolean;
  scopes: string[];
  expiresAt: Date | null;
  rateLimitPerMinute: number | null;
}

type Tx = Pick<Db, 'insert' | 'select' | 'update'>;

/** Makes a new key; the clear key is returned here only, the table keeps its hash. */
export async function issueApiKey(db: Pick<Db, 'insert'>, opts: IssueKey): Promise<{ row: ApiKeyRow; key: string }> {
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ id: newId('key'), prefix: key.slice(0, 8), hash: hashApiKey(key), ...opts })
    .returning(publicColumns);
  if (!row) throw new Error('key insert returned nothing');
  return { row, key };
}

/** An account's keys, newest first, revoked and expired ones included (they say so). */
export async function listApiKeys(db: Db, accountId: string): Promise<ApiKeyRow[]> {
  return db.select(publicColumns).from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(desc(apiKeys.id)).limit(1000);
}

/** One key, of that account when one is given. */
export async function getApiKey(db: Pick<Db, 'select'>, keyId: string, accountId?: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select(publicColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), accountId === undefined ? undefined : eq(apiKeys.accountId, accountId)));
  return row;
}

/** Whether a key is still usable now (not revoked, not expired). */
export function isKeyActive(row: Pick<ApiKeyRow, 'revokedAt' | 'expiresAt'>, now = new Date()): boolean {
  return row.revokedAt === null && (row.expiresAt === null || row.expiresAt > now);
}

export type RotateResult =
  | { kind: 'rotated'; old: ApiKeyRow; row: ApiKeyRow; key: string }
  | { kind: 'not_found' }
  | { kind: 'inactive'; old: ApiKeyRow };

/**
 * Replaces a key with a new one of the same account, name, scopes and limit, in one transaction:
 * the old one is revoked, or (with `expiresOldAt`) expires then, so clients can switch over.
 * A revoked or expired key cannot be rotated (that would bring it back). Callers in a running
 * API must then publish the old key's change.
 */
export async function rotateApiKey(
  db: Db,
  opts: { keyId: string; accountId?: string | undefined; expiresOldAt?: Date | undefined; expiresAt: Date | null },
  /** Runs inside the transaction with the result (the audit entry goes there). */
  within?: (tx: Tx, result: { old: ApiKeyRow; row: ApiKeyRow }) => Promise<void>,
): Promise<RotateResult> {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select(publicColumns)
      .from(apiKeys)
      .where(and(eq(apiKeys.id, opts.keyId), opts.accountId === undefined ? undefined : eq(apiKeys.accountId, opts.accountId)))
      .for('update');
    if (!old) return { kind: 'not_found' };
    if (!isKeyActive(old)) return { kind: 'inactive', old };
    const { row, key } = await issueApiKey(tx, {
      accountId: old.accountId,
      name: old.name,
      admin: old.admin,
      scopes: old.scopes,
      expiresAt: opts.expiresAt,
      rateLimitPerMinute: old.rateLimitPerMinute,
    });
    // An overlap never extends the old key: an earlier expiry it already had stays.
    const set = opts.expiresOldAt
      ? { expiresAt: sql`least(coalesce(${apiKeys.expiresAt}, 'infinity'::timestamptz), ${opts.expiresOldAt.toISOString()}::timestamptz)` }
      : { revokedAt: sql`now()` };
    const [updated] = await tx.update(apiKeys).set(set).where(eq(apiKeys.id, old.id)).returning(publicColumns);
    const result = { old: updated ?? old, row };
    await within?.(tx, result);
    return { kind: 'rotated', ...result, key };
  });
}

/**
 * Writes `last_used_at` for many keys in one statement (the API collects uses in memory and
 * flushes every few seconds). A time never moves backwards: an older flush arriving late
 * changes nothing.
 */
export async function touchApiKeys(db: Db, uses: ReadonlyArray<{ id: string; at: Date }>): Promise<void> {
  if (uses.length === 0) return;
  const rows = JSON.stringify(uses.map((u) => ({ id: u.id, at: u.at.toISOString() })));
  await db.execute(sql`
    UPDATE api_keys AS k SET last_used_at = u.at
    FROM jsonb_to_recordset(${rows}::jsonb) AS u(id text, at timestamptz)
    WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`);
}
