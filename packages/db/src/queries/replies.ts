import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { replies } from '../schema/index.js';

export type ReplyRow = typeof replies.$inferSelect;

export async function listRepliesForMessage(db: Db, messageId: string): Promise<ReplyRow[]> {
  return db.select().from(replies).where(eq(replies.messageId, messageId)).orderBy(asc(replies.id));
}
