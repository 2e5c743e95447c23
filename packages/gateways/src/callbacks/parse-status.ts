import type { ReportStatus } from '@smsgw/core';
import type { StatusCallbackConfig } from '../config/schema.js';
import { callbackFields, type CallbackRequest } from './request.js';
import { callbackItems, itemLabel, readId, readText, readTime, requireId } from './read.js';
import { storableItem } from './storable.js';

/** One delivery report, as the gateway's config reads it. */
export interface ParsedStatusReport {
  gatewayMessageId: string;
  /** The provider's own word or code, kept for the event history. */
  providerStatus: string;
  /** From statusMap; undefined when the provider's word is not mapped (record it, do not apply). */
  status: ReportStatus | undefined;
  errorCode: string | undefined;
  /** Delivery or report time. */
  at: Date | undefined;
  /** A decimal string that parses as a finite number, sign kept as the provider sent it. */
  charge: string | undefined;
  currency: string | undefined;
  /** Our message id, when the provider echoes the reference it was sent. */
  reference: string | undefined;
  partIndex: number | undefined;
  partCount: number | undefined;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
const MAX_SHORT = 64;

/**
 * Reads the delivery reports of a status callback (one, or one per entry of `each`). A missing
 * message id or status is a 400 `invalid_callback` naming the field; an unreadable time, charge
 * or part number is left undefined, because the report itself is still worth keeping. Every
 * string comes back storable (NUL and unpaired surrogates replaced, see storable.ts), so content
 * never turns a callback into a 500 that the provider would retry forever.
 */
export function parseStatusCallback(cfg: StatusCallbackConfig, req: CallbackRequest): ParsedStatusReport[] {
  const fields = callbackFields(cfg.source, req);
  return callbackItems(fields, cfg.each).map((item, i) => {
    const label = itemLabel(cfg.each, i);
    const gatewayMessageId = requireId(item, cfg.messageId, label);
    const providerStatus = requireId(item, cfg.status, label);
    return storableItem({
      gatewayMessageId,
      providerStatus,
      status: mapStatus(cfg.statusMap, providerStatus),
      errorCode: short(readText(item, cfg.errorCode)),
      at: readTime(item, cfg.timestamp),
      charge: decimal(readText(item, cfg.charge)),
      currency: short(readText(item, cfg.currency)),
      reference: readId(item, cfg.reference),
      partIndex: count(readText(item, cfg.partIndex), 0),
      partCount: count(readText(item, cfg.partCount), 1),
    });
  });
}

/**
 * The provider's word through the gateway's map: exactly first, then ignoring case. Own keys
 * only, so a status of "constructor" cannot find Object.prototype's.
 */
export function mapStatus(map: Readonly<Record<string, ReportStatus>>, word: string): ReportStatus | undefined {
  if (Object.hasOwn(map, word)) return map[word];
  const lower = word.toLowerCase();
  for (const key of Object.keys(map)) if (key.toLowerCase() === lower) return map[key];
  return undefined;
}

function decimal(v: string | undefined): string | undefined {
  if (v === undefined || v.length > MAX_SHORT || !DECIMAL.test(v)) return undefined;
  return Number.isFinite(Number(v)) ? v : undefined;
}

function short(v: string | undefined): string | undefined {
  return v !== undefined && v.length <= MAX_SHORT ? v : undefined;
}

function count(v: string | undefined, min: number): number | undefined {
  if (v === undefined || !/^\d{1,6}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min ? n : undefined;
}
