import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { gateways, routes } from '../schema/index.js';

export type GatewayRow = typeof gateways.$inferSelect;
export type NewGatewayRow = typeof gateways.$inferInsert;
export type RouteRow = typeof routes.$inferSelect;

export async function insertGateway(db: Db, row: NewGatewayRow): Promise<GatewayRow> {
  return db.transaction(async (tx) => {
    // One default at a time: setting a new default clears the old one in the same transaction.
    if (row.isDefault) await tx.update(gateways).set({ isDefault: false }).where(eq(gateways.isDefault, true));
    const [created] = await tx.insert(gateways).values(row).returning();
    if (!created) throw new Error('gateway insert returned nothing');
    return created;
  });
}

export async function listGateways(db: Db): Promise<GatewayRow[]> {
  return db.select().from(gateways).orderBy(asc(gateways.name));
}

export async function getGateway(db: Db, name: string): Promise<GatewayRow | undefined> {
  const [row] = await db.select().from(gateways).where(eq(gateways.name, name));
  return row;
}

export async function getDefaultGateway(db: Db): Promise<GatewayRow | undefined> {
  const [row] = await db.select().from(gateways).where(eq(gateways.isDefault, true));
  return row;
}

/** Applies a change and bumps `version`, so workers holding a cached copy see it is stale. */
export async function updateGateway(
  db: Db,
  name: string,
  patch: Partial<Omit<NewGatewayRow, 'id' | 'name' | 'version' | 'createdAt'>>,
): Promise<GatewayRow | undefined> {
  return db.transaction(async (tx) => {
    if (patch.isDefault) await tx.update(gateways).set({ isDefault: false }).where(eq(gateways.isDefault, true));
    const [row] = await tx
      .update(gateways)
      .set({ ...patch, version: sql`${gateways.version} + 1`, updatedAt: new Date() })
      .where(eq(gateways.name, name))
      .returning();
    return row;
  });
}

export async function deleteGateway(db: Db, name: string): Promise<boolean> {
  const rows = await db.delete(gateways).where(eq(gateways.name, name)).returning({ id: gateways.id });
  return rows.length > 0;
}

/** Name → version of every gateway: a cheap poll that tells workers what changed. */
export async function gatewayVersions(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ name: gateways.name, version: gateways.version }).from(gateways);
  return new Map(rows.map((r) => [r.name, r.version]));
}

export async function listRoutes(db: Db): Promise<RouteRow[]> {
  return db.select().from(routes).orderBy(asc(routes.position), asc(routes.name));
}

export type NewRouteRow = typeof routes.$inferInsert;

export async function getRoute(db: Db, name: string): Promise<RouteRow | undefined> {
  const [row] = await db.select().from(routes).where(eq(routes.name, name));
  return row;
}

export async function insertRoute(db: Db, row: NewRouteRow): Promise<RouteRow> {
  const [created] = await db.insert(routes).values(row).returning();
  if (!created) throw new Error('route insert returned nothing');
  return created;
}

export async function updateRoute(db: Db, name: string, patch: Partial<Omit<NewRouteRow, 'id' | 'name'>>): Promise<RouteRow | undefined> {
  const [row] = await db.update(routes).set(patch).where(eq(routes.name, name)).returning();
  return row;
}

export async function deleteRoute(db: Db, name: string): Promise<boolean> {
  const rows = await db.delete(routes).where(eq(routes.name, name)).returning({ id: routes.id });
  return rows.length > 0;
}

/** Stores a balance the provider reported. */
export async function storeBalance(db: Db, name: string, amount: string, currency: string | undefined): Promise<void> {
  await db
    .update(gateways)
    .set({ creditRemaining: amount, creditCurrency: currency ?? null, lastBalanceCheck: new Date() })
    .where(eq(gateways.name, name));
}
