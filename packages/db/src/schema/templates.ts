import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/**
 * A named message template of an account. Its text lives in `template_versions`: a change of
 * text is a new version, never an edit, so a message's recorded version always means the text it
 * was rendered from. Deleting sets `deleted_at` (the versions stay, for the messages that name
 * them) and frees the name for a new template.
 */
export const templates = pgTable(
  'templates',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    description: text('description'),
    /** The newest version: what a send by name alone uses. */
    latestVersion: integer('latest_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('templates_account_name_uq').on(t.accountId, t.name).where(sql`${t.deletedAt} IS NULL`),
    index('templates_account_idx').on(t.accountId, t.name),
  ],
);

/** One immutable text of a template, numbered from 1. */
export const templateVersions = pgTable(
  'template_versions',
  {
    templateId: text('template_id')
      .notNull()
      .references(() => templates.id),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    /** The variable paths the body uses, in order of first appearance. */
    variables: text('variables').array().notNull().default([]),
    /** Encoding and segments of the body's fixed text (tags left out): the least a render needs. */
    encoding: text('encoding').$type<'gsm7' | 'ucs2'>().notNull(),
    segments: integer('segments').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);
