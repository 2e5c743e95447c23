import type { FastifyInstance } from 'fastify';
import { AppError, isAppError } from '@smsgw/core';
import { getGateway, insertGateway } from '@smsgw/db';
import { convertDjangoGateways, type ConvertedDjangoGateway } from '@smsgw/gateways';
import type { DjangoImportBody, DjangoImportItem } from '../schemas/gateway-import.js';
import type { CreateGatewayInput } from '../schemas/gateways.js';
import { gatewayView } from '../views/gateways.js';
import { buildGatewayRow } from './gateway-admin.js';

const exists = (name: string) => new AppError('gateway_exists', `A gateway named "${name}" exists`);

/** The create request for a converted gateway, with the admin's overrides merged in. */
function createInput(g: ConvertedDjangoGateway, body: DjangoImportBody): CreateGatewayInput {
  const o = g.source.name === null ? undefined : body.overrides?.[g.source.name];
  return {
    name: o?.name ?? g.gateway.name,
    config: { ...g.gateway.config },
    credentials: { ...g.gateway.credentials, ...o?.credentials },
    settings: { ...g.gateway.settings, ...o?.settings },
    ...(o?.enabled === undefined ? {} : { enabled: o.enabled }),
  };
}

/**
 * Converts the original's gateways and creates each one the way `POST /v1/gateways` does (same
 * checks: credentials, URLs). Each gateway stands alone: one that exists already or fails a
 * check is reported and the others still go in. An existing name is never taken over or
 * renamed around, so running the import twice creates nothing twice.
 */
export async function importDjangoGateways(
  app: FastifyInstance,
  body: DjangoImportBody,
): Promise<{ created: number; data: DjangoImportItem[]; skipped: { index: number; model: string | null }[] }> {
  const result = convertDjangoGateways(body.rows, body.timezone === undefined ? {} : { timezone: body.timezone });
  const data: DjangoImportItem[] = result.rejected.map((r) => ({
    index: r.index,
    source: r.source,
    name: null,
    created: false,
    gateway: null,
    config: null,
    settings: null,
    credentials: [],
    suggestedPreset: null,
    error: { code: 'invalid_gateway_config', message: r.error },
    report: r.report,
  }));
  let created = 0;
  for (const g of result.gateways) {
    const input = createInput(g, body);
    const item: DjangoImportItem = {
      index: g.index,
      source: g.source,
      name: input.name,
      created: false,
      gateway: null,
      config: input.config ?? null,
      settings: Object.fromEntries(
        Object.entries(input.settings ?? {}).filter((e): e is [string, string | number | boolean] => e[1] !== null),
      ),
      credentials: Object.keys(input.credentials ?? {}).sort(),
      suggestedPreset: g.suggestedPreset,
      error: null,
      report: g.report,
    };
    data.push(item);
    try {
      if (await getGateway(app.db, input.name)) throw exists(input.name);
      const row = await buildGatewayRow(input, app.config);
      if (body.dryRun) continue;
      const stored = await insertGateway(app.db, row).catch(async (err: unknown) => {
        if (await getGateway(app.db, input.name)) throw exists(input.name);
        throw err;
      });
      item.created = true;
      item.gateway = gatewayView(stored, app.config);
      created += 1;
    } catch (err) {
      if (!isAppError(err)) throw err;
      item.error = { code: err.code, message: err.message };
    }
  }
  data.sort((a, b) => a.index - b.index);
  return { created, data, skipped: result.skipped };
}
