import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { newId } from '@smsgw/core';
import type { Db } from '../client.js';
import { auditLog } from '../schema/audit.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  actorKeyId: string | null;
  accountId: string | null;
  action: string;
  target?: string | null | undefined;
  /** Never a secret: ids, names, flags, what changed. */
  details?: Record<string, unknown> | undefined;
}

/**
 * Appends one entry. The only write this table gets: there is no update or delete here, and
 * the database refuses them (trigger `audit_log_append_only`). Pass a transaction to make the
 * entry part of the change it records.
 */
export async function insertAudit(db: Pick<Db, 'insert'>, entry: AuditEntry): Promise<AuditRow> {
  const [row] = await db
    .insert(auditLog)
    .values({
      id: newId('aud'),
      actorKeyId: entry.actorKeyId,
      accountId: entry.accountId,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details ?? {},
    })
    .returning();
  if (!row) throw new Error('audit insert returned nothing');
  return row;
}

export interface AuditQuery {
  /** The last id of the previous page (ids are time-ordered). */
  before?: string | undefined;
  limit: number;
  action?: string | undefined;
  accountId?: string | undefined;
}

/** Entries newest first, by id. */
export async function listAudit(db: Db, q: AuditQuery): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (q.before) where.push(lt(auditLog.id, q.before));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.accountId) where.push(eq(auditLog.accountId, q.accountId));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
}
