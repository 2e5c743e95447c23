import type { ReportStatus } from '@smsgw/core';
import type { RowReader } from './django-row.js';

/**
 * The original's postback fields as the status and reply callback configs. Its postbacks read
 * only the query string; these read the query or a form/JSON body (`source: auto`), so a
 * provider that POSTs is no longer silently ignored.
 */

/** strftime directives the engine's timestamp parser reads (timestamps.ts). */
const SUPPORTED_DIRECTIVES = new Set(['Y', 'y', 'm', 'd', 'H', 'M', 'S', 'f', 'z', '%']);

/**
 * The engine's format for an original date format: blank meant a unix timestamp (seconds,
 * maybe fractional); a strftime pattern is kept when every directive is one the engine reads.
 */
export function dateFormatOf(format: string | undefined): { ok: true; format: string } | { ok: false; error: string } {
  if (format === undefined || format.trim() === '') return { ok: true, format: 'unix' };
  const unsupported = [...format.matchAll(/%(.)/g)].map((m) => m[1] ?? '').filter((d) => !SUPPORTED_DIRECTIVES.has(d));
  if (unsupported.length > 0) {
    return {
      ok: false,
      error: `the date format uses ${unsupported.map((d) => `%${d}`).join(', ')}, which smsgw cannot read (it reads %Y %y %m %d %H %M %S %f %z)`,
    };
  }
  return { ok: true, format };
}

/** The original's four statuses as report words. Unsent in a report means "not sent yet": informational. */
const REPORT_WORD: Readonly<Record<string, ReportStatus>> = { unsent: 'buffered', sent: 'sent', delivered: 'delivered', failed: 'failed' };

export interface TimestampInput {
  path: string;
  format: string;
  timezone?: string;
}

function timestampOf(
  r: RowReader,
  pathField: 'status_date' | 'reply_date',
  formatField: 'status_date_format' | 'reply_date_format',
  to: string,
  timezone: string | undefined,
): TimestampInput | undefined {
  const path = r.text(pathField);
  const rawFormat = r.text(formatField);
  if (path === undefined) return undefined;
  const f = dateFormatOf(rawFormat);
  if (!f.ok) {
    r.report(pathField, 'not_carried', [], `${f.error}; reports are stored with the time they arrive`);
    return undefined;
  }
  const naive = f.format !== 'unix' && !f.format.includes('%z');
  const zone = naive
    ? timezone === undefined
      ? " Naive times are read as UTC (the original used the site's TIME_ZONE; give `timezone` to the import)."
      : ` Naive times are read in ${timezone}.`
    : '';
  r.report(pathField, 'carried', [`${to}.timestamp.path`], 'the time of the report, as the original read it.');
  r.report(
    formatField,
    f.format === 'unix' ? 'changed' : 'carried',
    [`${to}.timestamp.format`],
    `${f.format === 'unix' ? 'blank: a unix timestamp ("unix")' : `"${f.format}"`}.${zone}`,
  );
  return { path, format: f.format, ...(naive && timezone !== undefined ? { timezone } : {}) };
}

export interface StatusCallbackInput {
  source: 'auto';
  messageId: string;
  status: string;
  errorCode?: string;
  timestamp?: TimestampInput;
  charge?: string;
  statusMap: Record<string, ReportStatus>;
}

/** The status postback config, or undefined when the row names no message id or status field. */
export function statusCallbackOf(r: RowReader, timezone: string | undefined): StatusCallbackInput | undefined {
  const messageId = r.text('status_msg_id');
  const status = r.text('status_status');
  if (messageId === undefined || status === undefined) {
    for (const field of ['status_msg_id', 'status_status', 'status_error_code', 'status_date', 'charge_keyword'] as const) {
      if (r.text(field) !== undefined) r.report(field, 'not_carried', [], 'delivery reports need both status_msg_id and status_status');
    }
    return undefined;
  }
  const statusMap = statusMapOf(r);
  r.report(
    'status_msg_id',
    'carried',
    ['config.statusCallback.messageId'],
    "the gateway's id in the report; read from the query or a form/JSON body (the original ignored POSTs)",
  );
  r.report('status_status', 'carried', ['config.statusCallback.status'], 'mapped by status_mapping');
  const out: StatusCallbackInput = { source: 'auto', messageId, status, statusMap };
  const errorCode = r.text('status_error_code');
  if (errorCode !== undefined) {
    out.errorCode = errorCode;
    r.report(
      'status_error_code',
      'changed',
      ['config.statusCallback.errorCode'],
      "kept in the report's event; it no longer overwrites the message's status text on every report",
    );
  }
  const timestamp = timestampOf(r, 'status_date', 'status_date_format', 'config.statusCallback', timezone);
  if (timestamp !== undefined) out.timestamp = timestamp;
  const charge = r.text('charge_keyword');
  if (charge !== undefined) {
    out.charge = charge;
    r.report('charge_keyword', 'carried', ['config.statusCallback.charge'], "the report's charge becomes the message's gateway charge");
  }
  return out;
}

function statusMapOf(r: RowReader): Record<string, ReportStatus> {
  const mapping = r.json('status_mapping');
  const map: Record<string, ReportStatus> = {};
  if (mapping === undefined || mapping === null) return map;
  if (typeof mapping !== 'object' || Array.isArray(mapping)) {
    r.report('status_mapping', 'not_carried', [], 'not a JSON object');
    return map;
  }
  const dropped: string[] = [];
  for (const [code, word] of Object.entries(mapping)) {
    const ours = typeof word === 'string' ? REPORT_WORD[word.toLowerCase()] : undefined;
    if (ours === undefined) dropped.push(`${code} → ${JSON.stringify(word)}`);
    else map[code] = ours;
  }
  const notes = [
    'Sent, Delivered and Failed are sent, delivered and failed; Unsent is informational (buffered)',
    "the original failed a message on any status it did not map, smsgw records such a report without applying it: add the provider's failure codes to config.statusCallback.statusMap (or use its preset)",
  ];
  if (dropped.length > 0) notes.push(`not statuses of the original, dropped: ${dropped.join(', ')}`);
  r.report('status_mapping', dropped.length > 0 ? 'changed' : 'carried', ['config.statusCallback.statusMap'], `${notes.join('; ')}.`);
  return map;
}

export interface ReplyCallbackInput {
  source: 'auto';
  from: string;
  text: string;
  timestamp?: TimestampInput;
  reference?: string;
}

/** The reply postback config, or undefined when the row has no reply fields (or no sender field). */
export function replyCallbackOf(r: RowReader, timezone: string | undefined): ReplyCallbackInput | undefined {
  const text = r.text('reply_content');
  const from = r.text('reply_sender');
  if (text === undefined) {
    if (from !== undefined) r.report('reply_sender', 'not_carried', [], 'replies need reply_content too');
    return undefined;
  }
  if (from === undefined) {
    r.report(
      'reply_content',
      'not_carried',
      [],
      "smsgw needs the sender's field (reply_sender, which the original never read) to take replies",
    );
    return undefined;
  }
  r.report('reply_content', 'carried', ['config.replyCallback.text'], 'the reply text');
  r.report('reply_sender', 'carried', ['config.replyCallback.from'], 'the sender (the original configured it but never stored it)');
  const out: ReplyCallbackInput = { source: 'auto', from, text };
  const uuid = r.text('uuid_keyword');
  if (uuid !== undefined) {
    out.reference = uuid;
    r.report(
      'uuid_keyword',
      'carried',
      ['config.replyCallback.reference'],
      'a reply echoing it is matched to the message, as the original matched replies; others by the last message to the number',
    );
  }
  const timestamp = timestampOf(r, 'reply_date', 'reply_date_format', 'config.replyCallback', timezone);
  if (timestamp !== undefined) out.timestamp = timestamp;
  return out;
}
