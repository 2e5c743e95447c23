import type { FastifyInstance, FastifyRequest } from 'fastify';
import { insertAudit, type AuditEntry, type Db } from '@smsgw/db';

export interface AuditAction {
  action: string;
  target?: string | null | undefined;
  /** The account acted on; the caller's own when absent. */
  accountId?: string | null | undefined;
  /** Never a secret: ids, names, flags, which fields changed. */
  details?: Record<string, unknown> | undefined;
}

/** The entry for an action of the request's key. */
export function auditEntry(request: FastifyRequest, a: AuditAction): AuditEntry {
  const principal = request.principal;
  return {
    actorKeyId: principal?.keyId ?? null,
    accountId: a.accountId === undefined ? (principal?.accountId ?? null) : a.accountId,
    action: a.action,
    target: a.target,
    details: a.details,
  };
}

/**
 * Records an admin action after it is done (gateways, billing runs, …). Key and account changes
 * write theirs in the same transaction as the change (services/api-keys.ts); elsewhere the entry
 * follows the change, so a failure between the two loses the entry, never the change.
 */
export async function audit(app: FastifyInstance, request: FastifyRequest, a: AuditAction, db: Pick<Db, 'insert'> = app.db): Promise<void> {
  await insertAudit(db, auditEntry(request, a));
}
