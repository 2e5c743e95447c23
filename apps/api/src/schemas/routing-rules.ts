/** Routing rules: which gateways, in which order, serve which recipients. */
import { z } from 'zod';
import { GATEWAY_NAME_RE } from '@smsgw/core';
import { timestamp } from './common.js';
import { storable } from './storable.js';

const target = z
  .object({
    gateway: z.string().regex(GATEWAY_NAME_RE),
    rank: z.number().int().min(0).max(100).default(0).meta({ description: 'Lower ranks are tried first (failover order)' }),
    weight: z.number().int().min(0).max(10_000).default(1).meta({ description: 'Share of the traffic within its rank' }),
  })
  .strict();

const fields = {
  position: z.number().int().min(-100_000).max(100_000).optional().meta({ description: 'Rules are tried by position, lowest first' }),
  match: z
    .object({
      prefix: z
        .string()
        .regex(/^\+?\d{1,15}$/, 'digits of an E.164 prefix')
        .optional(),
      country: z
        .string()
        .regex(/^[A-Za-z]{2}$/, 'an ISO 3166 country code')
        .optional(),
    })
    .strict()
    .optional(),
  targets: z.array(target).min(1).max(50),
  enabled: z.boolean().optional(),
};

export const createRouteSchema = storable(z.object({ name: z.string().regex(GATEWAY_NAME_RE), ...fields }).strict());
export const patchRouteSchema = storable(z.object({ ...fields, targets: fields.targets.optional() }).strict());

export const routeSchema = z
  .object({
    name: z.string(),
    position: z.number().int(),
    match: z.object({ prefix: z.string().nullable(), country: z.string().nullable() }),
    targets: z.array(z.object({ gateway: z.string(), rank: z.number().int(), weight: z.number().int() })),
    enabled: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'RoutingRule' });

export const routeList = z.object({ data: z.array(routeSchema) });
