import type { RowReader } from './django-row.js';
import type { FixedParams } from './django-send.js';
import { convertPythonRegex } from './python-regex.js';

/**
 * The original's side requests: `check_availability_to_send` (the number check) and
 * `query_balance`. Both POSTed a form; their answers were read with `re.match` patterns.
 */

/**
 * A URL as a template: on the send URL's host it follows `settings.baseUrl` (so pointing the
 * gateway elsewhere moves every request), anywhere else it stays as written.
 */
export function urlTemplate(url: string, base: URL): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const rest = `${parsed.pathname}${parsed.search}`;
  if (rest.includes('{{')) return undefined;
  return parsed.origin === base.origin ? `{{settings.baseUrl}}${rest}` : `${parsed.origin}${rest}`;
}

/** The original's number-check answers mapped to a verdict: its mapping's values were free text. */
const VALID = new Set(['valid', 'ok', 'true', 'yes', '1', 'available', 'routable', 'supported', 'sent', 'delivered']);
const INVALID = new Set(['invalid', 'false', 'no', '0', 'unavailable', 'unroutable', 'unsupported', 'failed', 'error']);

export interface NumberCheckInput {
  method: 'POST';
  url: string;
  body: 'form';
  params: Record<string, string>;
  status: { regex: string };
  statusMap: Record<string, 'valid' | 'invalid' | 'unknown'>;
  charge?: { regex: string };
}

export function numberCheckOf(r: RowReader, base: URL, fixed: FixedParams): NumberCheckInput | undefined {
  const url = r.text('check_number_url');
  const field = r.text('check_number_field');
  const format = r.text('check_number_response_format');
  if (url === undefined) {
    for (const f of ['check_number_field', 'check_number_response_format'] as const) {
      if (r.text(f) !== undefined) r.report(f, 'not_carried', [], 'no check_number_url');
    }
    return undefined;
  }
  const target = urlTemplate(url, base);
  const status = format === undefined ? undefined : convertPythonRegex(format, { valueGroup: 'status' });
  const problem =
    target === undefined
      ? 'check_number_url is not an http(s) URL'
      : field === undefined
        ? 'check_number_field is empty: there is no parameter to send the number in'
        : status === undefined
          ? 'check_number_response_format is empty: there is no status to read'
          : !status.ok
            ? `check_number_response_format ${status.error}`
            : !status.groups.includes('status')
              ? 'check_number_response_format has no status group'
              : undefined;
  if (problem !== undefined || target === undefined || field === undefined || status === undefined || !status.ok) {
    r.report('check_number_url', 'not_carried', [], problem ?? 'incomplete');
    return undefined;
  }
  const out: NumberCheckInput = {
    method: 'POST',
    url: target,
    body: 'form',
    params: { ...fixed.params, [field]: '{{number | noplus}}' },
    status: { regex: status.regex },
    statusMap: verdicts(r),
  };
  r.report(
    'check_number_url',
    'carried',
    ['config.numberCheck.url'],
    'POSTed with the settings, as before: GET /v1/gateways/:name/lookup?to= runs it',
  );
  r.report('check_number_field', 'carried', [`config.numberCheck.params.${field}`], 'the number in international format without "+"');
  const notes = ['its status group is read and mapped by check_number_status_mapping'];
  if (status.groups.includes('charge')) {
    const charge = convertPythonRegex(format ?? '', { valueGroup: 'charge' });
    if (charge.ok) {
      out.charge = { regex: charge.regex };
      notes.push('its charge group is the charge, as given (the original looked it up in the status mapping)');
    }
  }
  r.report('check_number_response_format', 'carried', ['config.numberCheck.status', 'config.numberCheck.charge'], `${notes.join('; ')}.`);
  return out;
}

function verdicts(r: RowReader): Record<string, 'valid' | 'invalid' | 'unknown'> {
  const mapping = r.json('check_number_status_mapping');
  const map: Record<string, 'valid' | 'invalid' | 'unknown'> = {};
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
    if (mapping !== undefined && mapping !== null) r.report('check_number_status_mapping', 'not_carried', [], 'not a JSON object');
    return map;
  }
  const unknown: string[] = [];
  for (const [word, value] of Object.entries(mapping)) {
    const v = String(value).trim().toLowerCase();
    map[word] = VALID.has(v) ? 'valid' : INVALID.has(v) ? 'invalid' : 'unknown';
    if (map[word] === 'unknown' && v !== 'unknown') unknown.push(`${word} → ${JSON.stringify(value)}`);
  }
  const note =
    unknown.length === 0
      ? 'each value read as valid or invalid'
      : `values that say neither valid nor invalid are "unknown": ${unknown.join(', ')}`;
  r.report('check_number_status_mapping', unknown.length === 0 ? 'carried' : 'changed', ['config.numberCheck.statusMap'], note);
  return map;
}

export interface BalanceInput {
  method: 'POST';
  url: string;
  body: 'form';
  params: Record<string, string>;
  balance: { regex: string };
}

export function balanceOf(r: RowReader, base: URL, fixed: FixedParams): BalanceInput | undefined {
  const url = r.text('query_balance_url');
  const format = r.text('query_balance_response_format');
  const keys = r.json('query_balance_params');
  if (url === undefined) {
    if (format !== undefined) r.report('query_balance_response_format', 'not_carried', [], 'no query_balance_url');
    if (Array.isArray(keys) && keys.length > 0) r.report('query_balance_params', 'not_carried', [], 'no query_balance_url');
    return undefined;
  }
  const target = urlTemplate(url, base);
  const balance = format === undefined ? undefined : convertPythonRegex(format, { valueGroup: 'balance' });
  const problem =
    target === undefined
      ? 'query_balance_url is not an http(s) URL'
      : balance === undefined
        ? 'query_balance_response_format is empty: there is no balance to read'
        : !balance.ok
          ? `query_balance_response_format ${balance.error}`
          : !balance.groups.includes('balance')
            ? 'query_balance_response_format has no balance group'
            : undefined;
  if (problem !== undefined || target === undefined || balance === undefined || !balance.ok) {
    r.report('query_balance_url', 'not_carried', [], problem ?? 'incomplete');
    return undefined;
  }
  const params: Record<string, string> = {};
  const missing: string[] = [];
  for (const key of Array.isArray(keys) ? keys : []) {
    const template = typeof key === 'string' && Object.hasOwn(fixed.params, key) ? fixed.params[key] : undefined;
    if (template === undefined) missing.push(JSON.stringify(key));
    else params[String(key)] = template;
  }
  r.report(
    'query_balance_url',
    'carried',
    ['config.balance.url'],
    'POSTed as before; the workers refresh the balance, GET /v1/gateways/:name/balance asks now',
  );
  r.report('query_balance_response_format', 'carried', ['config.balance.balance'], 'its balance group is the balance');
  if (Array.isArray(keys) && keys.length > 0) {
    const note =
      missing.length === 0
        ? 'the same settings are sent'
        : `not in settings, so not sent (the original failed on them): ${missing.join(', ')}`;
    r.report('query_balance_params', missing.length === 0 ? 'carried' : 'changed', ['config.balance.params'], note);
  }
  return { method: 'POST', url: target, body: 'form', params, balance: { regex: balance.regex } };
}
