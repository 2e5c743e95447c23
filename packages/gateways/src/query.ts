import type { TemplateVars } from '@smsgw/core';
import { gatewayConfigError } from './errors.js';
import type { GatewayConfig } from './config/schema.js';
import { extract, tryParseJson, type ExtractSource } from './extract.js';
import type { HttpResult } from './http.js';
import { inheritedHeaders } from './query-headers.js';
import { renderHttpRequest, type RenderedRequest } from './render.js';

/**
 * The optional side requests a gateway config may describe: the account balance and a number
 * check (HLR / lookup). Both reuse the send request's rendering rules and, unless they say
 * otherwise, its auth.
 */

export interface QueryContext {
  credentials: Readonly<Record<string, string>>;
  settings: Readonly<Record<string, string | number | boolean>>;
  /** The number to check (E.164 with '+'); numberCheck only. */
  number?: string;
}

export type NumberCheckStatus = 'valid' | 'invalid' | 'unknown';

function querySpec(config: GatewayConfig, which: 'balance' | 'numberCheck') {
  const spec = which === 'balance' ? config.balance : config.numberCheck;
  if (spec === undefined) {
    const code = which === 'balance' ? 'balance_not_supported' : 'number_check_not_supported';
    throw gatewayConfigError(code, `This gateway config has no ${which} request`);
  }
  return spec;
}

/**
 * Renders the balance or number-check request. Variables: `credentials.*`, `settings.*` and, for
 * a number check, `number` (also as `to`); `numberCheck.numberParam` adds the number as that
 * parameter. Throws a GatewayError `balance_not_supported` / `number_check_not_supported` when the
 * config has no such request, and the render errors of `renderSendRequest`.
 */
export function renderQueryRequest(config: GatewayConfig, which: 'balance' | 'numberCheck', ctx: QueryContext): RenderedRequest {
  const spec = querySpec(config, which);
  const vars: TemplateVars = {
    credentials: ctx.credentials,
    settings: ctx.settings,
    ...(ctx.number === undefined ? {} : { number: ctx.number, to: ctx.number }),
  };
  const numberParam = which === 'numberCheck' ? config.numberCheck?.numberParam : undefined;
  if (numberParam !== undefined && ctx.number === undefined) {
    throw gatewayConfigError('gateway_template_error', 'A number check needs a number', { field: 'numberCheck.numberParam' });
  }
  const params = numberParam === undefined ? spec.params : { ...spec.params, [numberParam]: '{{number}}' };
  return renderHttpRequest(
    {
      method: spec.method,
      url: spec.url,
      auth: spec.auth ?? config.send.auth,
      body: spec.body,
      params,
      headers: inheritedHeaders(config, vars),
      omitEmpty: true,
    },
    vars,
    which,
  );
}

function sourceOf(result: HttpResult): ExtractSource | undefined {
  if (result.kind !== 'response' || result.status < 200 || result.status >= 300) return undefined;
  return { body: result.body, json: tryParseJson(result.body), headers: result.headers };
}

/**
 * Reads the balance (and currency, when the config says where it is) from a 2xx response.
 * Undefined when the request failed, the config has no balance query, or the value is absent.
 */
export function parseBalance(config: GatewayConfig, result: HttpResult): { balance: string; currency: string | undefined } | undefined {
  const spec = config.balance;
  const src = sourceOf(result);
  if (spec === undefined || src === undefined) return undefined;
  const balance = extract(spec.balance, src);
  if (balance === undefined) return undefined;
  return { balance, currency: spec.currency === undefined ? undefined : extract(spec.currency, src) };
}

/**
 * Reads a number check's verdict: the extracted status word mapped by `statusMap` (unmapped
 * words are 'unknown'). Undefined when the request failed or the config has no number check.
 */
export function parseNumberCheck(config: GatewayConfig, result: HttpResult): NumberCheckStatus | undefined {
  const spec = config.numberCheck;
  const src = sourceOf(result);
  if (spec === undefined || src === undefined) return undefined;
  const word = extract(spec.status, src);
  if (word === undefined) return 'unknown';
  return Object.hasOwn(spec.statusMap, word) ? (spec.statusMap[word] ?? 'unknown') : 'unknown';
}
