/**
 * Key and account management shared by the account routes (/v1/keys) and the admin routes
 * (/v1/admin/…): the rules a new, rotated or revoked key follows. Each change is written with
 * its audit entry in one transaction, then published to every API process's key cache.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, effectiveScopes, hasScope, notFound, type Scope } from '@smsgw/core';
import {
  createAccount,
  getApiKey,
  insertAudit,
  issueApiKey,
  revokeApiKey,
  rotateApiKey,
  setAccountDisabled,
  type AccountRow,
  type ApiKeyRow,
  type Principal,
} from '@smsgw/db';
import { missingScope, principalOf } from '../plugins/auth.js';
import { auditEntry } from './audit.js';
import { keysChanged } from './api-keys.js';

export interface KeyInput {
  name: string;
  scopes: Scope[];
  expiresAt?: string | undefined;
  rateLimitPerMinute?: number | null | undefined;
}

/**
 * After a key change is committed: this process's cache drops it now (so the very next request
 * here is refused), the others when the news reaches them over Redis (milliseconds).
 */
async function changed(app: FastifyInstance, change: string): Promise<void> {
  app.keyCache.invalidate(change);
  await keysChanged(app, change);
}

const future = (iso: string | undefined, field: string): Date | undefined => {
  if (iso === undefined) return undefined;
  const at = new Date(iso);
  if (at.getTime() <= Date.now()) throw new AppError('invalid_expiry', `${field} must be in the future`);
  return at;
};

/** A key can only hand on what it holds: every scope of `key` must be the caller's too. */
function assertHolds(caller: Principal, scopes: readonly Scope[]): void {
  for (const s of scopes) if (!hasScope(caller, s)) throw missingScope(s);
}

/**
 * The limit a new key gets. An admin sets any; a limited key cannot make an unlimited or
 * less limited one (that would be a way around its own limit): given nothing, the new key
 * inherits the caller's limit when the default would be looser.
 */
function rateLimitFor(app: FastifyInstance, caller: Principal, asked: number | null | undefined): number | null {
  const fallback = app.config.keyRateLimitPerMinute;
  const own = caller.rateLimitPerMinute ?? fallback;
  const rate = asked ?? null;
  if (caller.admin || own === 0) return rate;
  const effective = rate ?? fallback;
  if (effective > 0 && effective <= own) return rate;
  if (asked === undefined) return own;
  throw new AppError('forbidden', `This key is limited to ${own} requests per minute; a key it makes cannot have more`);
}

/** Makes a key in `accountId` (the caller's own, or any account for an admin route). */
export async function createKey(
  app: FastifyInstance,
  request: FastifyRequest,
  accountId: string,
  input: KeyInput,
): Promise<{ row: ApiKeyRow; key: string }> {
  const caller = principalOf(request);
  const scopes = [...new Set(input.scopes)];
  assertHolds(caller, scopes);
  const admin = scopes.includes('admin');
  const expiresAt = future(input.expiresAt, 'expiresAt') ?? null;
  const rateLimitPerMinute = rateLimitFor(app, caller, input.rateLimitPerMinute);
  return app.db.transaction(async (tx) => {
    const made = await issueApiKey(tx, {
      accountId,
      name: input.name,
      admin,
      // An admin key's rights are its flag; its list says so and nothing more.
      scopes: admin ? ['admin'] : scopes,
      expiresAt,
      rateLimitPerMinute,
    });
    const { row } = made;
    await insertAudit(
      tx,
      auditEntry(request, {
        action: 'key.created',
        accountId,
        target: row.id,
        details: { name: row.name, prefix: row.prefix, scopes: row.scopes, expiresAt: row.expiresAt, rateLimitPerMinute },
      }),
    );
    return made;
  });
}

/** The key, when the caller may manage it: it must hold every scope the key has. */
async function manageable(app: FastifyInstance, caller: Principal, keyId: string, accountId: string | undefined): Promise<ApiKeyRow> {
  const row = await getApiKey(app.db, keyId, accountId);
  if (!row) throw notFound('Key');
  assertHolds(caller, effectiveScopes(row));
  return row;
}

/** Revokes a key (idempotent); its caches drop it at once. `accountId` limits it to one account. */
export async function revokeKey(
  app: FastifyInstance,
  request: FastifyRequest,
  keyId: string,
  accountId: string | undefined,
): Promise<void> {
  const caller = principalOf(request);
  const row = await manageable(app, caller, keyId, accountId);
  await app.db.transaction(async (tx) => {
    await revokeApiKey(tx, { keyId: row.id, accountId });
    // A repeat changes nothing and is not an action: only the first revocation is recorded.
    if (row.revokedAt === null) {
      await insertAudit(
        tx,
        auditEntry(request, { action: 'key.revoked', accountId: row.accountId, target: row.id, details: { prefix: row.prefix } }),
      );
    }
  });
  // Published on every call, so a caller recovers from a lost publish by revoking again.
  await changed(app, row.id);
}

/** A new key in place of an old one (same name, scopes, limit); the old one revoked or expiring at `expiresOldAt`. */
export async function rotateKey(
  app: FastifyInstance,
  request: FastifyRequest,
  keyId: string,
  accountId: string | undefined,
  input: { expiresOldAt?: string | undefined; expiresAt?: string | undefined },
): Promise<{ row: ApiKeyRow; key: string }> {
  const caller = principalOf(request);
  await manageable(app, caller, keyId, accountId);
  const expiresOldAt = future(input.expiresOldAt, 'expiresOldAt');
  const expiresAt = future(input.expiresAt, 'expiresAt') ?? null;
  const result = await rotateApiKey(app.db, { keyId, accountId, expiresOldAt, expiresAt }, async (tx, { old, row }) => {
    await insertAudit(
      tx,
      auditEntry(request, {
        action: 'key.rotated',
        accountId: old.accountId,
        target: old.id,
        details: { newKeyId: row.id, newPrefix: row.prefix, oldExpiresAt: old.expiresAt, oldRevokedAt: old.revokedAt },
      }),
    );
  });
  if (result.kind === 'not_found') throw notFound('Key');
  if (result.kind === 'inactive') throw new AppError('key_inactive', 'The key is revoked or expired; make a new key instead');
  await changed(app, result.old.id);
  return { row: result.row, key: result.key };
}

/** A new account, with its audit entry. */
export async function createAccountAudited(
  app: FastifyInstance,
  request: FastifyRequest,
  input: { name: string; webhookUrl?: string | undefined },
): Promise<AccountRow> {
  return app.db.transaction(async (tx) => {
    const row = await createAccount(tx, input.name, input.webhookUrl ?? null);
    await insertAudit(
      tx,
      auditEntry(request, { action: 'account.created', accountId: row.id, target: row.id, details: { name: row.name } }),
    );
    return row;
  });
}

/** Disables or enables an account; its keys are refused or accepted again at once in every API process. */
export async function setAccountState(
  app: FastifyInstance,
  request: FastifyRequest,
  accountId: string,
  disabled: boolean,
): Promise<AccountRow> {
  if (disabled && principalOf(request).accountId === accountId) {
    throw new AppError('own_account', 'A key cannot disable its own account (it would lock itself out)');
  }
  const row = await app.db.transaction(async (tx) => {
    const before = await setAccountDisabled(tx, accountId, disabled);
    if (!before) throw notFound('Account');
    await insertAudit(tx, auditEntry(request, { action: disabled ? 'account.disabled' : 'account.enabled', accountId, target: accountId }));
    return before;
  });
  // Every key of the account: the caches hold keys by key, so they start over.
  await changed(app, '*');
  return row;
}
