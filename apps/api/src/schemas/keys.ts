/** API keys, accounts (as admins see them) and the audit log. */
import { z } from 'zod';
import { SCOPES } from '@smsgw/core';
import { cursor, isoDate, limit, page, timestamp } from './common.js';
import { storable } from './storable.js';

export const scopeSchema = z.enum(SCOPES).meta({
  id: 'Scope',
  description: 'What a key may do; `admin` is everything, across accounts. See docs/keys-and-scopes.md.',
});

const rateLimitPerMinute = z
  .number()
  .int()
  .min(0)
  .max(1_000_000)
  .nullable()
  .meta({ description: 'Requests per minute; null: the server default; 0: no limit' });

export const keyInputSchema = storable(
  z
    .object({
      name: z.string().trim().min(1).max(100),
      scopes: z
        .array(scopeSchema)
        .min(1)
        .max(SCOPES.length)
        .meta({ description: 'At least one; only scopes the calling key holds itself' }),
      expiresAt: isoDate.optional().meta({ description: 'The key stops working at this time (never, when absent)' }),
      rateLimitPerMinute: rateLimitPerMinute.optional(),
    })
    .strict(),
);

// A bare POST is the usual rotation: a missing body is an empty one.
export const rotateInputSchema = storable(
  z
    .object({
      expiresOldAt: isoDate
        .optional()
        .meta({ description: 'Keep the old key working until then (an overlap for clients to switch); revoked now when absent' }),
      expiresAt: isoDate.optional().meta({ description: 'When the new key expires (never, when absent)' }),
    })
    .strict(),
).nullish();

export const keySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the key, to recognise it; the key itself is never shown again' }),
    scopes: z.array(scopeSchema).meta({ description: 'The scopes in effect (`["admin"]` for an admin key)' }),
    admin: z.boolean(),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    lastUsedAt: timestamp.nullable().meta({ description: 'Written every few seconds, not per request' }),
    rateLimitPerMinute,
  })
  .meta({ id: 'ApiKey' });

export const keyWithSecretSchema = keySchema
  .extend({ key: z.string().meta({ description: 'The full key: shown this once, store it now' }) })
  .meta({ id: 'ApiKeyWithSecret' });

export const keyList = z.object({ data: z.array(keySchema) });

export const adminAccountInputSchema = storable(
  z
    .object({
      name: z.string().trim().min(1).max(200),
      webhookUrl: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .optional(),
    })
    .strict(),
);

export const adminAccountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    webhookUrl: z.string().nullable(),
    disabled: z.boolean().meta({ description: 'A disabled account’s keys are refused (401); its data is kept' }),
    disabledAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'AdminAccount' });

export const accountListQuery = z.object({ cursor: cursor.optional(), limit: limit(50) }).strict();
export const adminAccountPage = page(adminAccountSchema);

export const auditQuery = z
  .object({
    cursor: cursor.optional(),
    limit: limit(50),
    action: z.string().min(1).max(64).optional().meta({ description: 'Only this action, e.g. `key.revoked`' }),
    accountId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: timestamp,
    actorKeyId: z.string().nullable(),
    accountId: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = page(auditEntrySchema);
