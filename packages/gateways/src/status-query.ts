import type { ReportStatus, TemplateVars } from '@smsgw/core';
import type { GatewayConfig, NotFoundRule, StatusQueryConfig } from './config/schema.js';
import { extract, getPath, scalarString, tryParseJson, type ExtractSource } from './extract.js';
import type { HttpResult } from './http-types.js';
import { inheritedHeaders } from './query-headers.js';
import { renderHttpRequest, type RenderedRequest } from './render.js';

/**
 * The status lookup (`statusQuery`): asks the provider what became of one message, so a message
 * left `unknown` can be settled without waiting for a report that may never come. Pure: the
 * worker's reconcile task does the I/O and the bookkeeping.
 */

export interface StatusQueryContext {
  /** Our id (the reference the send passed on). */
  messageId: string;
  /** The provider's id, when its answer to the send was stored. */
  gatewayMessageId: string | null;
  to: string;
  credentials: Readonly<Record<string, string>>;
  settings: Readonly<Record<string, string | number | boolean>>;
}

/** What a lookup says about a message. Only `found` and `not_found` may change it. */
export type StatusLookup =
  | {
      kind: 'found';
      /** Our word for the provider's status. */
      status: ReportStatus;
      providerStatus: string;
      gatewayMessageId: string | undefined;
      errorCode: string | undefined;
    }
  /** The provider knows the message but its status word is not in the map: nothing is concluded. */
  | { kind: 'unmapped'; providerStatus: string }
  /** The provider positively says it has no such message (a `notFound` rule matched). */
  | { kind: 'not_found'; httpStatus: number }
  /** No usable answer (network error, server error, auth failure, unreadable body). */
  | { kind: 'inconclusive'; reason: string };

/**
 * Answers that never prove a message absent, whatever the config's rules say: the provider is
 * failing, refusing us, or throttling us, and may well hold the message.
 */
function neverConclusive(status: number): boolean {
  return status >= 500 || status === 401 || status === 403 || status === 407 || status === 429;
}

function statusMatches(matcher: NotFoundRule['status'], status: number): boolean {
  if (typeof matcher === 'number') return matcher === status;
  if (Array.isArray(matcher)) return matcher.includes(status);
  return Math.floor(status / 100) === Number(matcher.charAt(0));
}

function ruleMatches(rule: NotFoundRule, status: number, src: ExtractSource): boolean {
  if (!statusMatches(rule.status, status)) return false;
  if (rule.bodyMatches !== undefined && !new RegExp(rule.bodyMatches, 'm').test(src.body)) return false;
  if (rule.json !== undefined) {
    const value = getPath(src.json, rule.json.path);
    const present = value !== undefined && value !== null;
    if (rule.json.exists !== undefined && rule.json.exists !== present) return false;
    if (rule.json.equals !== undefined) {
      const actual = scalarString(value);
      const wanted = Array.isArray(rule.json.equals) ? rule.json.equals : [rule.json.equals];
      if (actual === undefined || !wanted.some((w) => String(w) === actual)) return false;
    }
  }
  return true;
}

/**
 * Renders the lookup of one message, or undefined when the config has none or the message lacks
 * the id it is looked up by (`by: gatewayMessageId` and the send's answer never came).
 */
export function renderStatusQuery(config: GatewayConfig, ctx: StatusQueryContext): RenderedRequest | undefined {
  const spec = config.statusQuery;
  if (spec === undefined) return undefined;
  if (spec.by === 'gatewayMessageId' && !ctx.gatewayMessageId) return undefined;
  const vars: TemplateVars = {
    messageId: ctx.messageId,
    gatewayMessageId: ctx.gatewayMessageId ?? '',
    to: ctx.to,
    credentials: ctx.credentials,
    settings: ctx.settings,
  };
  return renderHttpRequest(
    {
      method: spec.method,
      url: spec.url,
      auth: spec.auth ?? config.send.auth,
      body: spec.body,
      params: spec.params,
      headers: inheritedHeaders(config, vars),
      omitEmpty: true,
    },
    vars,
    'statusQuery',
  );
}

/** Reads a lookup's answer. A config without `statusQuery` reads nothing: inconclusive. */
export function parseStatusQuery(config: GatewayConfig, result: HttpResult): StatusLookup {
  const spec: StatusQueryConfig | undefined = config.statusQuery;
  if (spec === undefined) return { kind: 'inconclusive', reason: 'no statusQuery in the gateway config' };
  if (result.kind === 'error') return { kind: 'inconclusive', reason: result.code };
  // A cut-off body may have lost the very field that would contradict a "not found" rule.
  if (result.truncated) return { kind: 'inconclusive', reason: 'response too large' };
  const src: ExtractSource = { body: result.body, json: tryParseJson(result.body), headers: result.headers };
  if (!neverConclusive(result.status) && spec.notFound.some((rule) => ruleMatches(rule, result.status, src))) {
    return { kind: 'not_found', httpStatus: result.status };
  }
  if (result.status < 200 || result.status >= 300) return { kind: 'inconclusive', reason: `HTTP ${result.status}` };
  const word = extract(spec.status, src);
  if (word === undefined) return { kind: 'inconclusive', reason: 'no status in the answer' };
  const ours = Object.hasOwn(spec.statusMap, word) ? spec.statusMap[word] : undefined;
  if (ours === undefined) return { kind: 'unmapped', providerStatus: word };
  return {
    kind: 'found',
    status: ours,
    providerStatus: word,
    gatewayMessageId: spec.messageId === undefined ? undefined : extract(spec.messageId, src),
    errorCode: spec.errorCode === undefined ? undefined : extract(spec.errorCode, src),
  };
}
