import type { z } from 'zod';
import { effectiveScopes } from '@smsgw/core';
import type { AccountRow, ApiKeyRow, AuditRow } from '@smsgw/db';
import type { adminAccountSchema, auditEntrySchema, keySchema } from '../schemas/keys.js';

/** A key as listed: never the key itself, nor its hash (the row has none). */
export function keyView(row: ApiKeyRow): z.infer<typeof keySchema> {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: [...effectiveScopes(row)],
    admin: row.admin,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

export function adminAccountView(row: AccountRow): z.infer<typeof adminAccountSchema> {
  return {
    id: row.id,
    name: row.name,
    webhookUrl: row.webhookUrl,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function auditView(row: AuditRow): z.infer<typeof auditEntrySchema> {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorKeyId: row.actorKeyId,
    accountId: row.accountId,
    action: row.action,
    target: row.target,
    details: row.details,
  };
}
