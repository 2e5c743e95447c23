import type { z } from 'zod';
import type { RouteRow } from '@smsgw/db';
import type { routeSchema } from '../schemas/routing-rules.js';

export function routeView(r: RouteRow): z.infer<typeof routeSchema> {
  return {
    name: r.name,
    position: r.position,
    match: { prefix: r.matchPrefix, country: r.matchCountry },
    targets: r.targets,
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
  };
}
