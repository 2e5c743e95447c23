import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { SendMessage } from '@smsgw/client';
import { type Context, int, readInputFile, str } from '../command.js';
import { type CsvRecord, csvLine, parseCsv } from '../csv.js';
import { CliError, EXIT, exitCodeOf } from '../exit.js';
import { details, note, printJson } from '../output.js';
import { progressBar } from '../progress.js';
import { addCounts, followBatches } from './batches.js';
import { templateOf } from './template.js';

/** Columns with a meaning of their own; every other column is a template variable. */
const RESERVED = ['to', 'content', 'from', 'gateway'] as const;

interface Rejected {
  record: CsvRecord;
  code: string;
  reason: string;
}

/** `contacts.csv` → `contacts.rejected.csv` (beside it). */
export function defaultRejectsPath(input: string): string {
  return input.replace(/(\.csv)?$/i, '.rejected.csv');
}

async function load(file: string): Promise<{ header: string[]; rows: CsvRecord[] }> {
  const text = await readInputFile(file);
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  const [first, ...rows] = records;
  if (!first) throw new CliError(`${file} is empty: it needs a header row (to, content or template variables)`);
  return { header: first.fields.map((h) => h.trim()), rows };
}

/**
 * `send --csv`: every row a message, sent through `POST /v1/messages/batch` in chunks (each its
 * own batch, with Idempotency-Key `PREFIX-<chunk>`: the same file sent again with the same
 * `--idempotency-key` and chunk size resends nothing that was stored). Rows the API refuses, and
 * rows never sent because a chunk failed, go to the rejects CSV with the reason.
 */
export async function sendCsv(ctx: Context): Promise<number> {
  const file = str(ctx.values, 'csv') ?? '';
  const { header, rows } = await load(file);
  const lower = header.map((h) => h.toLowerCase());
  const col = (name: (typeof RESERVED)[number]) => lower.indexOf(name);
  const template = templateOf(ctx, {});
  if (col('to') < 0) throw new CliError(`${file} has no "to" column (header: ${header.join(', ')})`);
  if (!template && col('content') < 0) throw new CliError(`${file} has no "content" column: add one, or give --template / --template-name`);
  const chunkSize = int(ctx.values, 'chunk-size', 500, 1, 1000);
  const rejectsPath = str(ctx.values, 'rejects') ?? defaultRejectsPath(file);
  const prefix = str(ctx.values, 'idempotency-key') ?? `csv-${randomUUID()}`;
  const flagFrom = str(ctx.values, 'from');
  const flagGateway = str(ctx.values, 'gateway');
  const vars = header.map((h, i) => ({ name: h, i })).filter(({ name }) => !(RESERVED as readonly string[]).includes(name.toLowerCase()));

  const rejected: Rejected[] = [];
  const valid: { record: CsvRecord; message: SendMessage }[] = [];
  for (const record of rows) {
    const f = record.fields;
    if (f.length !== header.length) {
      rejected.push({ record, code: 'invalid_row', reason: `the row has ${f.length} fields, the header ${header.length}` });
      continue;
    }
    const get = (name: (typeof RESERVED)[number]) => (col(name) < 0 ? '' : (f[col(name)] ?? '').trim());
    const from = get('from') || flagFrom;
    const gateway = get('gateway') || flagGateway;
    const message: SendMessage = {
      to: get('to'),
      ...(template
        ? { template: { ...template, vars: Object.fromEntries(vars.map(({ name, i }) => [name, f[i] ?? ''])) } }
        : { content: f[col('content')] ?? '' }),
      ...(from ? { from } : {}),
      ...(gateway ? { gateway } : {}),
    };
    valid.push({ record, message });
  }

  const client = await ctx.client();
  const enabled = ctx.values['no-progress'] ? false : ctx.values['progress'] === true || ctx.io.stderr.isTTY === true;
  const bar = progressBar(ctx.io, rows.length, 'sending', enabled);
  let done = rejected.length;
  let accepted = 0;
  const batches: string[] = [];
  let failure: unknown;
  const tally = () => `accepted ${accepted}  rejected ${rejected.length}`;
  for (let start = 0, chunk = 0; start < valid.length; start += chunkSize, chunk++) {
    const part = valid.slice(start, start + chunkSize);
    try {
      const result = await client.messages.batch({ messages: part.map((p) => p.message) }, { idempotencyKey: `${prefix}-${chunk}` });
      if (result.batchId) batches.push(result.batchId);
      for (const item of result.data) {
        const record = part[item.index]?.record;
        if (!record) continue;
        if ('error' in item) rejected.push({ record, code: item.error.code, reason: item.error.message });
        else accepted++;
      }
    } catch (err) {
      failure = err;
      const why = err instanceof Error ? err.message : String(err);
      for (const p of valid.slice(start)) rejected.push({ record: p.record, code: 'not_sent', reason: why });
      done = rows.length;
      break;
    }
    done += part.length;
    bar.update(done, tally());
  }
  bar.finish(done, tally());

  // --wait: then follow the batches until every message is final.
  const ended = ctx.values['wait'] && !failure && batches.length > 0 ? await followBatches(ctx, client, batches, 1000, enabled) : undefined;

  rejected.sort((a, b) => a.record.line - b.record.line);
  if (rejected.length > 0) {
    const out = [csvLine([...header, 'line', 'error', 'reason'])];
    for (const r of rejected) out.push(csvLine([...r.record.fields, String(r.record.line), r.code, r.reason]));
    await writeFile(rejectsPath, out.join(''));
  }
  const summary = {
    file,
    rows: rows.length,
    accepted,
    rejected: rejected.length,
    batches,
    idempotencyKey: prefix,
    rejectsFile: rejected.length > 0 ? rejectsPath : null,
    ...(ended ? { statuses: addCounts(ended) } : {}),
    ...(failure ? { error: failure instanceof Error ? failure.message : String(failure) } : {}),
  };
  if (ctx.io.json) printJson(ctx.io, summary);
  else {
    details(ctx.io, [
      ['rows', summary.rows],
      ['accepted', summary.accepted],
      ['rejected', summary.rejected],
      ['batches', batches.length > 0 ? batches.join(' ') : '-'],
      ['rejects file', summary.rejectsFile ?? '-'],
      ['idempotency key', prefix],
      ...(summary.statuses ? Object.entries(summary.statuses).filter(([, n]) => n > 0) : []),
    ]);
    if (failure)
      note(
        ctx.io,
        `stopped: ${summary.error}. Send the rest again with --csv ${rejectsPath} (or this file with --idempotency-key ${prefix}).`,
      );
  }
  if (failure) return exitCodeOf(failure);
  return rejected.length > 0 ? EXIT.partial : EXIT.ok;
}
