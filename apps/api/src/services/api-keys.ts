import { revokeApiKey, type Db } from '@smsgw/db';
import { notifyKeysChanged, type Queues } from '@smsgw/queues';

export interface KeyAdminDeps {
  db: Db;
  /** Its connection publishes the change, on the channel of its prefix (the one API processes share). */
  queues: Pick<Queues, 'connection' | 'prefix'>;
}

/**
 * Revokes a key and tells every API process, whose caches drop it at once (without the message
 * they would accept it until their TTL runs out). Idempotent: revoking again keeps the first time
 * and publishes again, which is how a caller recovers from a failed publish.
 *
 * @param accountId - scope the revocation to this account (what a non-admin route must pass)
 * @returns the key's id and revocation time, or `undefined` when there is no such key (in that account)
 */
export async function revokeKey(
  deps: KeyAdminDeps,
  keyId: string,
  accountId?: string,
): Promise<{ id: string; revokedAt: Date } | undefined> {
  const revoked = await revokeApiKey(deps.db, { keyId, accountId });
  if (revoked) await notifyKeysChanged(deps.queues.connection, deps.queues.prefix, revoked.id);
  return revoked;
}

/**
 * Publishes that a key changed in some other way (expiry moved, admin flag or scopes changed),
 * or `'*'` for many keys at once (an account deleted). Call it after the change is committed.
 */
export async function keysChanged(deps: Pick<KeyAdminDeps, 'queues'>, change: string): Promise<void> {
  await notifyKeysChanged(deps.queues.connection, deps.queues.prefix, change);
}
