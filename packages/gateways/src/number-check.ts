import { gatewayUnavailable } from './errors.js';
import type { GatewayConfig } from './config/schema.js';
import { extract, tryParseJson } from './extract.js';
import { executeRequest, type HttpLimits, type HttpResult } from './http.js';
import { renderQueryRequest, type NumberCheckStatus, type QueryContext } from './query.js';

/**
 * The number check (the original's `check_availability_to_send`): ask the provider whether it
 * can deliver to a number, and at what charge, without sending anything.
 */

export interface NumberCheck {
  status: NumberCheckStatus;
  /** The provider's own word or code, as it gave it. */
  providerStatus: string;
  /** What the provider says one message to the number costs, when it says. */
  charge: string | undefined;
  currency: string | undefined;
}

const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes from the quoted answer.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]+/g;
const SNIPPET_CHARS = 200;

/**
 * Reads a number check's answer: undefined unless it is a 2xx carrying a status word. A charge
 * that is not a plain decimal is left out rather than passed on as a price.
 */
export function readNumberCheck(config: GatewayConfig, result: HttpResult): NumberCheck | undefined {
  const spec = config.numberCheck;
  if (spec === undefined || result.kind !== 'response' || result.status < 200 || result.status >= 300) return undefined;
  const src = { body: result.body, json: tryParseJson(result.body), headers: result.headers };
  const providerStatus = extract(spec.status, src);
  if (providerStatus === undefined) return undefined;
  const status = Object.hasOwn(spec.statusMap, providerStatus) ? (spec.statusMap[providerStatus] ?? 'unknown') : 'unknown';
  const charge = spec.charge === undefined ? undefined : extract(spec.charge, src);
  return {
    status,
    providerStatus,
    charge: charge !== undefined && DECIMAL.test(charge) ? charge : undefined,
    currency: spec.currency === undefined ? undefined : extract(spec.currency, src),
  };
}

function why(result: HttpResult): string {
  if (result.kind === 'error') return result.code;
  const text = result.body.replace(CONTROL_CHARS, ' ').trim().slice(0, SNIPPET_CHARS);
  return text === '' ? `HTTP ${result.status}` : `HTTP ${result.status}: ${text}`;
}

/**
 * Checks a number at the provider. Throws a GatewayError: `number_check_not_supported` without a
 * number-check config, `number_check_failed` (the provider's fault, retryable) when the answer
 * is not a 2xx with a status word — an error page or "ERR: 001, Authentication failed" says
 * nothing about the number. The provider's text is kept in the message for the admin asking.
 *
 * @param ctx - credentials, settings and `number` (E.164 with '+')
 */
export async function checkNumber(config: GatewayConfig, ctx: QueryContext & { number: string }, limits: HttpLimits): Promise<NumberCheck> {
  const request = renderQueryRequest(config, 'numberCheck', ctx);
  const result = await executeRequest(request, limits);
  const check = readNumberCheck(config, result);
  if (!check) throw gatewayUnavailable('number_check_failed', `The gateway did not answer the number check (${why(result)})`);
  return check;
}
