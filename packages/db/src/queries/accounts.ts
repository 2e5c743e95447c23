import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
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

export async function createAccount(db: Db, name: string) {
  const [row] = await db
    .insert(accounts)
    .values({ id: newId('acct'), name, webhookSecret: generateWebhookSecret() })
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
}

const findKey = (db: Db) =>
  db
    .select({ keyId: apiKeys.id, accountId: apiKeys.accountId, admin: apiKeys.admin, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.hash, sql.placeholder('hash')),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
      ),
    )
    .prepare('find_api_key');

/** A lookup by key hash, prepared once per database handle (it runs on every request). */
export function apiKeyFinder(db: Db): (key: string) => Promise<Principal | undefined> {
  const stmt = findKey(db);
  return async (key) => {
    const [row] = await stmt.execute({ hash: hashApiKey(key) });
    return row;
  };
}

export async function getAccount(db: Db, id: string) {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}
