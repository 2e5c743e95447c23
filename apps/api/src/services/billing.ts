import { createHash } from 'node:crypto';
import { AppError } from '@smsgw/core';
import type { Billee, MessageRow } from '@smsgw/db';

/** `type:id` (the original's generic billee: a model and a primary key) → the billee, or a 400. */
export function parseBillee(text: string | undefined): Billee | undefined {
  if (text === undefined) return undefined;
  const i = text.indexOf(':');
  if (i <= 0 || i === text.length - 1) throw new AppError('invalid_request', 'billee must be type:id');
  return { type: text.slice(0, i), id: text.slice(i + 1) };
}

/** The hash a billing run's Idempotency-Key is held to: the billee and the instant, however written. */
export function runRequestHash(billee: Billee | undefined, until: Date): string {
  return createHash('sha256')
    .update(JSON.stringify({ billee: billee ?? null, until: until.toISOString() }))
    .digest('hex');
}

const CSV_COLUMNS = [
  'message_id',
  'created_at',
  'sent_at',
  'to',
  'country',
  'billee_type',
  'billee_id',
  'gateway',
  'status',
  'segments',
  'rate',
  'rate_currency',
  'charge',
  'charge_currency',
  'billed_amount',
  'billed_currency',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ makes spreadsheets run the cell as a formula: a quote mark keeps it text.
  const safe = /^[=+\-@]/.test(text) && !/^[+-]?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvHeader = `${CSV_COLUMNS.join(',')}\r\n`;

/** One billed message as a CSV line, in `CSV_COLUMNS` order. */
export function csvLine(m: MessageRow): string {
  const values: (string | number | null)[] = [
    m.id,
    m.createdAt.toISOString(),
    m.sentAt?.toISOString() ?? null,
    m.to,
    m.country,
    m.billeeType,
    m.billeeId,
    m.gateway,
    m.status,
    m.segments,
    m.rate,
    m.rateCurrency,
    m.gatewayCharge,
    m.chargeCurrency,
    m.billedAmount,
    m.billedCurrency,
  ];
  return `${values.map(field).join(',')}\r\n`;
}
