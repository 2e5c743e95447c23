import type { Batch, SmsgwClient } from '@smsgw/client';
import { type Command, type Context, int, positional } from '../command.js';
import { EXIT } from '../exit.js';
import { details, printJson } from '../output.js';
import { progressBar } from '../progress.js';

/** Counts by status, added up over batches. */
export function addCounts(batches: readonly Batch[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of batches) for (const [status, n] of Object.entries(b.counts)) out[status] = (out[status] ?? 0) + n;
  return out;
}

/**
 * Polls batches until every one is complete (each message delivered, failed, expired or
 * cancelled), drawing one bar over all of them. Returns the batches as they ended.
 */
export async function followBatches(
  ctx: Context,
  client: SmsgwClient,
  ids: readonly string[],
  intervalMs: number,
  enabled: boolean,
): Promise<Batch[]> {
  let batches = await Promise.all(ids.map((id) => client.batches.get(id)));
  const total = batches.reduce((n, b) => n + b.total, 0);
  const bar = progressBar(ctx.io, total, 'delivering', enabled);
  const tally = () => {
    const c = addCounts(batches);
    return `delivered ${c['delivered'] ?? 0}  failed ${(c['failed'] ?? 0) + (c['expired'] ?? 0)}`;
  };
  while (!batches.every((b) => b.completed)) {
    bar.update(
      batches.reduce((n, b) => n + b.done, 0),
      tally(),
    );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    batches = await Promise.all(ids.map((id) => client.batches.get(id)));
  }
  bar.finish(
    batches.reduce((n, b) => n + b.done, 0),
    tally(),
  );
  return batches;
}

export const batchesGet: Command = {
  name: 'batches get',
  usage: 'smsgw batches get ID [--wait [--interval MS]] [--progress|--no-progress]',
  summary: "a batch's progress: counts by status (--wait: until every message is final)",
  options: { wait: { type: 'boolean' }, interval: { type: 'string' }, progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' } },
  async run(ctx) {
    const client = await ctx.client();
    const id = positional(ctx, 0, 'batch id');
    const enabled = ctx.values['no-progress'] ? false : ctx.values['progress'] === true || ctx.io.stderr.isTTY === true;
    const batch = ctx.values['wait']
      ? (await followBatches(ctx, client, [id], int(ctx.values, 'interval', 1000, 50, 60_000), enabled))[0]
      : await client.batches.get(id);
    if (!batch) return EXIT.api;
    if (ctx.io.json) printJson(ctx.io, batch);
    else
      details(ctx.io, [
        ['id', batch.id],
        ['progress', `${batch.done}/${batch.total} (${batch.percentComplete}%)`],
        ['completed', batch.completedAt ?? 'no'],
        ...Object.entries(batch.counts).filter(([, n]) => n > 0),
      ]);
    return EXIT.ok;
  },
};
