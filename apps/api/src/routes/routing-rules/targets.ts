import type { FastifyInstance } from 'fastify';
import { AppError } from '@smsgw/core';
import { listGateways } from '@smsgw/db';

/** Refuses targets that name no gateway (422 `unknown_gateway`, listing them). */
export async function assertTargetsExist(app: FastifyInstance, targets: readonly { gateway: string }[]): Promise<void> {
  const known = new Set((await listGateways(app.db)).map((g) => g.name));
  const missing = targets.map((t) => t.gateway).filter((g) => !known.has(g));
  if (missing.length > 0) throw new AppError('unknown_gateway', `No gateway named ${missing.join(', ')}`);
}
