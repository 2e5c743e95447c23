import { createHash } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import {
  AppError,
  countSegments,
  newId,
  normalizePhone,
  sendDelayMs,
  smartEncode,
  smartEncodingRecord,
  type SegmentInfo,
} from '@smsgw/core';
import { getMessageByIdempotencyKey, type Db, type HotPath, type MessageRow, type NewMessage } from '@smsgw/db';
import type { MessageMetrics } from '@smsgw/metrics';
import type { Queues } from '@smsgw/queues';
import type { ApiConfig } from '../config.js';
import type { DirectoryCache } from './directory.js';
import { RESERVED_METADATA_KEY, type MessageInput } from '../schemas/messages.js';
import { contentOf, type WrittenContent } from './message-content.js';
import { chooseGateways } from './routing.js';
import { planSendAt } from './schedule.js';
import { billeeKey, type SendSettings, type SendSettingsCache } from './send-settings.js';
import type { TemplateStore } from './template-store.js';
import { assertWebhookUrl } from './webhooks.js';

export interface AcceptDeps {
  db: Db;
  queues: Queues;
  config: ApiConfig;
  directory: DirectoryCache;
  /** The process's grouped, prepared statements (accept is one statement: row, event, opt-out check). */
  hot: HotPath;
  logger: FastifyBaseLogger;
  /** Per-account smart-encoding default and billee defaults, cached (no query per message). */
  sendSettings: SendSettingsCache;
  /** Stored templates, cached. */
  templates: TemplateStore;
  /** Counts what the batch path inserts without the hot path (single accepts are counted by the hot path itself). */
  metrics?: MessageMetrics;
}

/** The accept path's dependencies: the process-wide services the app carries. */
export function acceptDepsOf(app: FastifyInstance): AcceptDeps {
  return {
    db: app.db,
    queues: app.queues,
    config: app.config,
    directory: app.directory,
    hot: app.hotPath,
    logger: app.log,
    sendSettings: app.sendSettings,
    templates: app.templateStore,
    metrics: app.metrics,
  };
}

const SENDER_ALPHA = /^[A-Za-z0-9 ._&-]{1,11}$/;

interface MeasuredContent {
  content: string;
  seg: SegmentInfo;
  metadata: Record<string, unknown>;
}

/**
 * The text to send and its segments, smart-encoded when asked (the message's flag, else the
 * account's default, else the API's). smsgw's notes (the stored template version used, smart
 * encoding's replacements) go in the metadata under the reserved key: the `accepted` event is
 * written by the one accept statement, whose detail holds segments and encoding only.
 */
function measure(written: WrittenContent, input: MessageInput, config: ApiConfig, settings: SendSettings): MeasuredContent {
  const notes: Record<string, unknown> = written.template ? { template: written.template } : {};
  const withNotes = () =>
    Object.keys(notes).length === 0 ? (input.metadata ?? {}) : { ...(input.metadata ?? {}), [RESERVED_METADATA_KEY]: notes };
  const content = written.text;
  const seg = countSegments(content);
  if (!(input.smartEncoding ?? settings.smartEncoding ?? config.smartEncoding)) return { content, seg, metadata: withNotes() };
  const smart = smartEncode(content, seg);
  if (!smart.applied) return { content, seg, metadata: withNotes() };
  notes['smartEncoding'] = smartEncodingRecord(smart);
  return { content: smart.content, seg: smart.after, metadata: withNotes() };
}

const tooManySegments = (seg: SegmentInfo, limit: number, message: string) =>
  new AppError('too_many_segments', message, { details: { segments: seg.segments, encoding: seg.encoding, limit } });

function senderOf(from: string | undefined, defaultCountry: string | undefined): string | undefined {
  if (from === undefined) return undefined;
  if (/^\+?\d[\d ]{2,}$/.test(from)) {
    const n = normalizePhone(from, defaultCountry);
    if (n.ok) return n.e164;
  }
  if (SENDER_ALPHA.test(from)) return from;
  throw new AppError('invalid_sender', 'from must be a phone number or an alphanumeric sender id of up to 11 characters');
}

/** The value with object keys sorted at every level: a retry may serialise its fields in another order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
}

/** Stable hash of the request, so a reused Idempotency-Key with a different body is detected. */
export function requestHash(input: MessageInput): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/**
 * Validates a message and builds its row: recipient in E.164, content rendered and measured,
 * sender checked, opt-outs honoured, gateway (or route) chosen. Throws a 4xx AppError and
 * changes nothing when anything is wrong.
 */
export async function prepareMessage(
  deps: AcceptDeps,
  accountId: string,
  input: MessageInput,
  idempotencyKey: string | undefined,
  now = new Date(),
): Promise<NewMessage> {
  const phone = normalizePhone(input.to, deps.config.defaultCountry);
  if (!phone.ok) throw new AppError('invalid_recipient', `to: ${phone.reason}`);
  const settings = await deps.sendSettings.get(accountId);
  const billee = input.billee === undefined ? undefined : settings.billees.get(billeeKey(input.billee.type, String(input.billee.id)));
  const written = await contentOf(input, deps.config.maxSegments, deps.templates, accountId);
  if (written.text.trim() === '') throw new AppError('empty_content', 'The message has no content');
  const { content, seg, metadata } = measure(written, input, deps.config, settings);
  // Smart encoding removes invisible characters: a text of nothing else is empty now.
  if (content.trim() === '') throw new AppError('empty_content', 'The message has no visible content');
  const max = deps.config.maxSegments;
  if (seg.segments > max)
    throw tooManySegments(seg, max, `The content needs ${seg.segments} segments (${seg.encoding}); the limit is ${max}`);
  const from = senderOf(input.from, deps.config.defaultCountry);
  // A local sendAt is read in the billee's time zone, and the billee's quiet hours may move it later.
  const sendAt = planSendAt(input.sendAt, billee, now);
  const validUntil = input.validUntil ? new Date(input.validUntil) : undefined;
  if (validUntil && validUntil <= now) throw new AppError('invalid_valid_until', 'validUntil is in the past');
  if (validUntil && sendAt && validUntil <= sendAt) {
    throw new AppError('invalid_valid_until', "validUntil is before sendAt (or before the end of the billee's quiet hours)");
  }
  // Refused now rather than at delivery, so the caller hears of a bad URL (the connect-time check stays).
  if (input.webhookUrl !== undefined) await assertWebhookUrl(input.webhookUrl, deps.config.allowPrivateWebhooks);
  // Opt-outs are checked by the insert itself (one statement), and again when a worker claims it.

  const dir = await deps.directory.get();
  let route: string[];
  // The billee's gateway (the original's billee.sms_gateway) stands in for one the request names.
  const named = input.gateway ?? billee?.gateway ?? undefined;
  if (named !== undefined) {
    const gw = dir.gateways.get(named);
    if (!gw) throw new AppError('unknown_gateway', `There is no gateway named "${named}"`);
    if (!gw.enabled) throw new AppError('gateway_disabled', `Gateway "${named}" is disabled`);
    route = [gw.name];
  } else {
    route = chooseGateways(dir.routes, dir.gateways, phone.e164, phone.country);
    if (route.length === 0) throw new AppError('no_gateway', 'No gateway is configured for this recipient');
  }
  if (seg.encoding === 'ucs2') {
    // Keep only gateways that can send Unicode; refuse when none can (rather than strip characters).
    route = route.filter((name) => {
      const row = dir.gateways.get(name);
      return row !== undefined && deps.directory.capabilitiesOf(row).unicode;
    });
    if (route.length === 0) {
      throw new AppError('unicode_not_supported', `No gateway for this message can send Unicode (${seg.nonGsmCharacters.join('')})`);
    }
  }
  // A gateway's own segment limit (send.maxSegments) is known now: refuse here rather than fail at send time.
  const limits = route.map((name) => {
    const row = dir.gateways.get(name);
    return row === undefined ? undefined : deps.directory.capabilitiesOf(row).maxSegments;
  });
  route = route.filter((_name, i) => {
    const limit = limits[i];
    return limit === undefined || seg.segments <= limit;
  });
  if (route.length === 0) {
    const most = Math.max(...limits.map((l) => l ?? 0));
    throw tooManySegments(
      seg,
      most,
      `The content needs ${seg.segments} segments, more than any gateway for this message sends (at most ${most})`,
    );
  }
  const scheduled = sendAt !== undefined && sendAt.getTime() > now.getTime() + 1000;
  return {
    id: newId('msg'),
    accountId,
    to: phone.e164,
    // Rates may be per country: the accept statement prices the message by it.
    country: phone.country ?? null,
    from: from ?? null,
    content,
    encoding: seg.encoding,
    segments: seg.segments,
    status: scheduled ? 'scheduled' : 'queued',
    gateway: route[0] ?? null,
    routeGateways: route,
    routeIndex: 0,
    billeeType: input.billee?.type ?? null,
    billeeId: input.billee === undefined ? null : String(input.billee.id),
    replyHandler: input.replyCallback ?? null,
    webhookUrl: input.webhookUrl ?? null,
    metadata,
    idempotencyKey: idempotencyKey ?? null,
    requestHash: idempotencyKey ? requestHash(input) : null,
    sendAt: sendAt ?? null,
    validUntil: validUntil ?? null,
  };
}

/** The answer to a message that the opt-out check inside the insert refused. */
export const optedOut = () => new AppError('recipient_opted_out', 'The recipient has opted out of messages (replied STOP)');

/** The answer to a message whose prepaid billee's credit cannot pay for it (the accept statement's check). */
export const noCredit = () =>
  new AppError(
    'insufficient_credit',
    "The billee's credit cannot pay for this message (or the message has no price in the credit's currency)",
  );

/**
 * Adds the send job, waiting at most `enqueueTimeoutMs`. The row is committed and is the truth:
 * when Redis is slow or down the answer is still 202 (`enqueued: false`) and the maintenance
 * sweep queues the message once Redis is back. Returns whether the job is known to be queued.
 */
export async function enqueueMessage(deps: AcceptDeps, row: MessageRow, now = Date.now()): Promise<boolean> {
  if (!row.gateway || (row.status !== 'queued' && row.status !== 'scheduled')) return true;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), deps.config.enqueueTimeoutMs);
    });
    const added = deps.queues
      .enqueue('send', { messageId: row.id }, { gateway: row.gateway, delayMs: sendDelayMs(row, now) })
      .then(() => true);
    const ok = await Promise.race([added, timeout]);
    if (!ok) deps.logger.warn({ messageId: row.id }, 'enqueue timed out; the maintenance sweep will enqueue');
    return ok;
  } catch (err) {
    deps.logger.warn({ err, messageId: row.id }, 'enqueue failed; the maintenance sweep will re-enqueue');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface Accepted {
  row: MessageRow;
  created: boolean;
  /** False when the send job could not be queued in time (the sweep will). */
  enqueued: boolean;
}

/**
 * Validate, commit (one grouped statement), then enqueue: the row is the source of truth, the
 * job only a wake-up call. A repeat of an Idempotency-Key answers with the first message, even
 * when the request would no longer validate (a STOP since, a gateway disabled since).
 */
export async function acceptMessage(deps: AcceptDeps, accountId: string, input: MessageInput, idempotencyKey?: string): Promise<Accepted> {
  let values: NewMessage;
  try {
    values = await prepareMessage(deps, accountId, input, idempotencyKey);
  } catch (err) {
    const earlier = idempotencyKey ? await getMessageByIdempotencyKey(deps.db, accountId, idempotencyKey) : undefined;
    if (!earlier) throw err;
    return repeat(deps, earlier, requestHash(input));
  }
  const result = await deps.hot.accept(values);
  if (result.kind === 'blocked') throw optedOut();
  if (result.kind === 'no_credit') throw noCredit();
  if (result.kind === 'created') return { row: result.row, created: true, enqueued: await enqueueMessage(deps, result.row) };
  const earlier = idempotencyKey ? await getMessageByIdempotencyKey(deps.db, accountId, idempotencyKey) : undefined;
  if (!earlier) throw new Error('message insert conflicted but no earlier message was found');
  return repeat(deps, earlier, values.requestHash ?? null);
}

async function repeat(deps: AcceptDeps, earlier: MessageRow, hash: string | null): Promise<Accepted> {
  if (earlier.requestHash !== hash) throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
  // The first request may have died between commit and enqueue (that is why the client retries):
  // a still-queued row gets its job now rather than a minute later from the sweep. A job that
  // exists already makes this a no-op (jobId = message id), and the claim stops a second send.
  return { row: earlier, created: false, enqueued: await enqueueMessage(deps, earlier) };
}
