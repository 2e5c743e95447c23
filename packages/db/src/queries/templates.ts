import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../types.js';
import { templates, templateVersions } from '../schema/index.js';

export type TemplateRow = typeof templates.$inferSelect;
export type TemplateVersionRow = typeof templateVersions.$inferSelect;

/** A template with one of its versions (the latest, unless asked for another). */
export interface TemplateWithVersion {
  template: TemplateRow;
  version: TemplateVersionRow;
}

/** What a version stores besides its number: the text and what was measured of it. */
export type VersionContent = Pick<TemplateVersionRow, 'body' | 'variables' | 'encoding' | 'segments'>;

const live = (accountId: string, name: string) =>
  and(eq(templates.accountId, accountId), eq(templates.name, name), isNull(templates.deletedAt));

/**
 * Creates a template with its version 1, or answers undefined when the account has a live
 * template of that name (the partial unique index decides, so two concurrent creates cannot both win).
 */
export async function createTemplate(
  db: Db,
  t: { id: string; accountId: string; name: string; description: string | null },
  content: VersionContent,
): Promise<TemplateWithVersion | undefined> {
  return db.transaction(async (tx) => {
    const [template] = await tx.insert(templates).values(t).onConflictDoNothing().returning();
    if (!template) return undefined;
    const [version] = await tx
      .insert(templateVersions)
      .values({ templateId: template.id, version: 1, ...content })
      .returning();
    if (!version) throw new Error('template version insert returned nothing');
    return { template, version };
  });
}

/** The live template of that name with its version `version` (default: the latest); undefined if either is missing. */
export async function getTemplate(db: Db, accountId: string, name: string, version?: number): Promise<TemplateWithVersion | undefined> {
  const [row] = await db
    .select({ template: templates, version: templateVersions })
    .from(templates)
    .innerJoin(
      templateVersions,
      and(
        eq(templateVersions.templateId, templates.id),
        version === undefined ? eq(templateVersions.version, templates.latestVersion) : eq(templateVersions.version, version),
      ),
    )
    .where(live(accountId, name));
  return row;
}

/** The account's live templates by name, each with its latest version; `after` is the previous page's last name. */
export async function listTemplates(db: Db, accountId: string, q: { after?: string; limit: number }): Promise<TemplateWithVersion[]> {
  return db
    .select({ template: templates, version: templateVersions })
    .from(templates)
    .innerJoin(templateVersions, and(eq(templateVersions.templateId, templates.id), eq(templateVersions.version, templates.latestVersion)))
    .where(
      and(eq(templates.accountId, accountId), isNull(templates.deletedAt), q.after === undefined ? undefined : gt(templates.name, q.after)),
    )
    .orderBy(asc(templates.name))
    .limit(q.limit);
}

/** Every version of a live template, newest first; undefined when there is no such template. */
export async function listTemplateVersions(db: Db, accountId: string, name: string): Promise<TemplateVersionRow[] | undefined> {
  const [t] = await db.select({ id: templates.id }).from(templates).where(live(accountId, name));
  if (!t) return undefined;
  return db.select().from(templateVersions).where(eq(templateVersions.templateId, t.id)).orderBy(desc(templateVersions.version));
}

/**
 * Changes a live template: a new body becomes the next version (under the template row's lock,
 * so concurrent changes get consecutive numbers), a description is changed in place.
 */
export async function updateTemplate(
  db: Db,
  accountId: string,
  name: string,
  change: { description?: string | null; content?: VersionContent },
): Promise<TemplateWithVersion | undefined> {
  return db.transaction(async (tx) => {
    const [template] = await tx
      .update(templates)
      .set({
        updatedAt: sql`now()`,
        ...(change.content ? { latestVersion: sql`${templates.latestVersion} + 1` } : {}),
        ...(change.description !== undefined ? { description: change.description } : {}),
      })
      .where(live(accountId, name))
      .returning();
    if (!template) return undefined;
    if (change.content) {
      const [version] = await tx
        .insert(templateVersions)
        .values({ templateId: template.id, version: template.latestVersion, ...change.content })
        .returning();
      if (!version) throw new Error('template version insert returned nothing');
      return { template, version };
    }
    const [version] = await tx
      .select()
      .from(templateVersions)
      .where(and(eq(templateVersions.templateId, template.id), eq(templateVersions.version, template.latestVersion)));
    if (!version) throw new Error('template has no latest version');
    return { template, version };
  });
}

/** Deletes a live template (its versions stay for the messages that used them); false when there is none. */
export async function deleteTemplate(db: Db, accountId: string, name: string): Promise<boolean> {
  const rows = await db.update(templates).set({ deletedAt: sql`now()`, updatedAt: sql`now()` }).where(live(accountId, name)).returning({
    id: templates.id,
  });
  return rows.length > 0;
}
