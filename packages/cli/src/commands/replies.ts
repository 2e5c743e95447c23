import type { Reply, ReplyQuery } from '@smsgw/client';
import { type Command, int, str } from '../command.js';
import { EXIT } from '../exit.js';
import { line, printJson, table } from '../output.js';

const COLUMNS = ['receivedAt', 'from', 'to', 'messageId', 'content'];

export const repliesList: Command = {
  name: 'replies list',
  usage: 'smsgw replies list [--from NUMBER] [--message ID] [--since ISO] [--limit N] [--cursor C]',
  summary: 'list replies (inbound messages), newest first',
  options: {
    from: { type: 'string' },
    message: { type: 'string' },
    since: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
  },
  async run(ctx) {
    const query: ReplyQuery = { limit: int(ctx.values, 'limit', 20, 1, 1000) };
    const from = str(ctx.values, 'from');
    const message = str(ctx.values, 'message');
    const since = str(ctx.values, 'since');
    const cursor = str(ctx.values, 'cursor');
    if (from) query.from = from;
    if (message) query.messageId = message;
    if (since) query.since = since;
    if (cursor) query.cursor = cursor;
    const page = await (await ctx.client()).replies.list(query);
    if (ctx.io.json) printJson(ctx.io, page);
    else {
      table(
        ctx.io,
        COLUMNS,
        page.data.map((r) => ({ ...r })),
      );
      if (page.nextCursor) line(ctx.io, `more: --cursor ${page.nextCursor}`);
    }
    return EXIT.ok;
  },
};

/**
 * Prints replies as they arrive (from now, or `--since`), oldest first, one line each (NDJSON
 * with --json). Polls `GET /v1/replies?since=`; ids already printed are skipped, since a poll
 * overlaps the last one. Runs until interrupted, or until `--count N` replies were printed.
 */
export const repliesTail: Command = {
  name: 'replies tail',
  usage: 'smsgw replies tail [--from NUMBER] [--since ISO] [--interval MS] [--count N]',
  summary: 'follow new replies',
  options: { from: { type: 'string' }, since: { type: 'string' }, interval: { type: 'string' }, count: { type: 'string' } },
  async run(ctx) {
    const client = await ctx.client();
    const interval = int(ctx.values, 'interval', 2000, 50, 60_000);
    const count = int(ctx.values, 'count', 0, 0);
    const from = str(ctx.values, 'from');
    let since = str(ctx.values, 'since') ?? new Date().toISOString();
    const seen = new Set<string>();
    let printed = 0;
    for (;;) {
      const page = await client.replies.list({ since, limit: 100, ...(from ? { from } : {}) });
      const fresh: Reply[] = page.data.filter((r) => !seen.has(r.id)).reverse();
      for (const r of fresh) {
        seen.add(r.id);
        if (ctx.io.json) printJson(ctx.io, r);
        else line(ctx.io, `${r.receivedAt}  ${r.from} → ${r.to ?? '-'}  ${r.messageId ?? '(unmatched)'}  ${r.content}`);
        if (r.receivedAt > since) since = r.receivedAt;
        if (count > 0 && ++printed >= count) return EXIT.ok;
      }
      // Replies at the same instant as `since` come again on the next poll: keep only those ids.
      if (seen.size > 10_000) for (const id of [...seen].slice(0, 5_000)) seen.delete(id);
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  },
};
