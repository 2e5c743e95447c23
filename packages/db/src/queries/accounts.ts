import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { newId } from '@smsgw/core';
import type { Db } from '../client.js';
import { accounts, apiKeys } from '../schema/index.js';

/** Keys are 256-bit random, so a plain SHA-256 is enough to make a stolen table useless. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new API key: `sk_` + 43 base64url characters. */
export function generateApiKey(): string {
  return `sk_${randomBytes(32).toString('base64url')}`;
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Creates the account if it does not exist; returns it either way. */
export async function ensureAccount(db: Db, id: string, name: string) {
  await db.insert(accounts).values({ id, name, webhookSecret: generateWebhookSecret() }).onConflictDoNothing();
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  if (!row) throw new Error(`account ${id} could not be created`);
  return row;
}

export async function createAccount(db: Pick<Db, 'insert'>, name: string, webhookUrl: string | null = null) {
  const [row] = await db
    .insert(accounts)
    .values({ id: newId('acct'), name, webhookUrl, webhookSecret: generateWebhookSecret() })
    .returning();
  if (!row) throw new Error('account insert returned nothing');
  return row;
}

export interface NewKey {
  accountId: string;
  admin?: boolean;
  name?: string;
  scopes?: string[];
  /** Register this exact key (SMSGW_API_KEY) instead of generating one. */
  key?: string;
}

/** Stores a key's hash; returns the key in clear, the only time it is ever seen. */
export async function createApiKey(db: Db, opts: NewKey): Promise<{ id: string; key: string }> {
  const key = opts.key ?? generateApiKey();
  const hash = hashApiKey(key);
  const id = newId('key');
  await db
    .insert(apiKeys)
    .values({
      id,
      accountId: opts.accountId,
      name: opts.name ?? '',
      prefix: key.slice(0, 8),
      hash,
      admin: opts.admin ?? false,
      scopes: opts.scopes ?? [],
    })
    .onConflictDoNothing({ target: apiKeys.hash });
  const [row] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.hash, hash));
  return { id: row?.id ?? id, key };
}

export interface Principal {
  keyId: string;
  accountId: string;
  admin: boolean;
  scopes: string[];
  /** Requests per minute; null: the API's default; 0: no limit. */
  rateLimitPerMinute: number | null;
}

/** A key as the API's cache holds it: the principal, and when the key stops being valid. */
export interface ApiKeyRecord extends Principal {
  /** A cache must not serve the principal at or after this instant; `null` when the key never expires. */
  expiresAt: Date | null;
}

const findKey = (db: Db) =>
  db
    .select({
      keyId: apiKeys.id,
      accountId: apiKeys.accountId,
      admin: apiKeys.admin,
      scopes: apiKeys.scopes,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      expiresAt: apiKeys.expiresAt,
    })
    .from(apiKeys)
    // The account's state is part of the key's: a disabled account's keys are refused.
    .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
    .where(
      and(
        eq(apiKeys.hash, sql.placeholder('hash')),
        isNull(accounts.disabledAt),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
      ),
    )
    .prepare('find_api_key');

/**
 * A lookup by key hash, prepared once per database handle: `undefined` for an unknown, revoked
 * or expired key, or a key of a disabled account. It returns the expiry too, so a cache can stop serving the key at that instant.
 */
export function apiKeyLookup(db: Db): (hash: string) => Promise<ApiKeyRecord | undefined> {
  const stmt = findKey(db);
  return async (hash) => {
    const [row] = await stmt.execute({ hash });
    return row;
  };
}

/** A lookup by the key itself, uncached (the API's requests go through its key cache instead). */
export function apiKeyFinder(db: Db): (key: string) => Promise<Principal | undefined> {
  const lookup = apiKeyLookup(db);
  return async (key) => {
    const row = await lookup(hashApiKey(key));
    return (
      row && {
        keyId: row.keyId,
        accountId: row.accountId,
        admin: row.admin,
        scopes: row.scopes,
        rateLimitPerMinute: row.rateLimitPerMinute,
      }
    );
  };
}

/**
 * Revokes a key (sets `revoked_at`; a key already revoked keeps its first time, so a repeat is
 * harmless). Scoped to `accountId` when one is given, so an account cannot revoke another's key.
 * Callers in a running API must also publish the change (the API's `revokeKey` does both), or
 * caches keep accepting the key until their TTL runs out.
 *
 * @returns the key's id and revocation time, or `undefined` when no such key (in that account)
 */
export async function revokeApiKey(
  db: Pick<Db, 'update'>,
  opts: { keyId: string; accountId?: string | undefined },
): Promise<{ id: string; revokedAt: Date } | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.id, opts.keyId), opts.accountId === undefined ? undefined : eq(apiKeys.accountId, opts.accountId)))
    .returning({ id: apiKeys.id, revokedAt: apiKeys.revokedAt });
  return row?.revokedAt ? { id: row.id, revokedAt: row.revokedAt } : undefined;
}

export async function getAccount(db: Db, id: string) {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export type AccountRow = typeof accounts.$inferSelect;

/** Accounts in id order (ids are time-ordered: oldest first), after the cursor. */
export async function listAccounts(db: Db, q: { after?: string | undefined; limit: number }): Promise<AccountRow[]> {
  return db
    .select()
    .from(accounts)
    .where(q.after ? gt(accounts.id, q.after) : undefined)
    .orderBy(asc(accounts.id))
    .limit(q.limit);
}

/**
 * Disables or enables an account. The first disable time is kept when disabling again. Callers
 * in a running API must then tell the key caches (its keys are refused only once they hear it).
 */
export async function setAccountDisabled(db: Pick<Db, 'update'>, id: string, disabled: boolean): Promise<AccountRow | undefined> {
  const [row] = await db
    .update(accounts)
    .set({ disabledAt: disabled ? sql`coalesce(${accounts.disabledAt}, now())` : null })
    .where(eq(accounts.id, id))
    .returning();
  return row;
}
