import { renderTemplate, TemplateError, type TemplateVars } from '@smsgw/core';
import { gatewayConfigError } from './errors.js';
import type { GatewayAuth, GatewayConfig, ParamValue } from './config/schema.js';
import { freshSigning, macAuthorization, type RequestSigning } from './mac-auth.js';

/**
 * Turns a gateway config plus one message into the HTTP request to send. Pure: no I/O, no clock,
 * the same input always gives the same request (parameters in config order), so presets can be
 * checked against fixtures byte for byte. The one exception is the `mac` auth kind, which signs
 * each request with the time and a nonce (`SendContext.signing`; tests fix both).
 */

export interface SendContext {
  /** E.164 with '+'. */
  to: string;
  from: string | undefined;
  content: string;
  encoding: 'gsm7' | 'ucs2';
  segments: number;
  /** Our id, msg_…. */
  messageId: string;
  statusCallbackUrl: string;
  replyCallbackUrl: string;
  credentials: Readonly<Record<string, string>>;
  /** Already merged: config.settings defaults ← gateway row settings. */
  settings: Readonly<Record<string, string | number | boolean>>;
  /** Time and nonce for `mac` auth; absent, a fresh pair is taken (the sender never sets it). */
  signing?: RequestSigning;
}

export interface RenderedRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The request part of a config: the send block, or a balance / number-check query. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  auth: GatewayAuth;
  body: 'form' | 'json' | 'query' | 'none';
  params: Readonly<Record<string, ParamValue>>;
  headers: Readonly<Record<string, string>>;
  omitEmpty: boolean;
}

const USER_AGENT = 'smsgw/0.1';
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

type Rendered = string | number | boolean | null | Rendered[] | { [key: string]: Rendered };

function templateError(field: string, message: string, variable?: string): never {
  throw gatewayConfigError('gateway_template_error', `Gateway template error in ${field}: ${message}`, { field, variable });
}

/** Renders one template; a missing variable is named, its value never shown. */
function render(template: string, vars: TemplateVars, field: string): string {
  try {
    return renderTemplate(template, vars, { missing: 'error' });
  } catch (err) {
    if (err instanceof TemplateError) return templateError(field, err.message, err.path);
    throw err;
  }
}

function renderValue(value: ParamValue, vars: TemplateVars, field: string, omitEmpty: boolean): Rendered | undefined {
  if (typeof value === 'string') {
    const out = render(value, vars, field);
    return omitEmpty && out === '' ? undefined : out;
  }
  if (Array.isArray(value)) {
    // Positions matter for plain items, so they stay (as ''); objects in an array still drop
    // their empty fields (Infobip's messages[0].from when there is no sender).
    return value.map((v, i) => {
      const nested = v !== null && typeof v === 'object' && !Array.isArray(v);
      return renderValue(v, vars, `${field}[${i}]`, nested ? omitEmpty : false) ?? '';
    });
  }
  if (value !== null && typeof value === 'object') return renderObject(value, vars, field, omitEmpty);
  return value;
}

function renderObject(
  params: Readonly<Record<string, ParamValue>>,
  vars: TemplateVars,
  field: string,
  omitEmpty: boolean,
): { [key: string]: Rendered } {
  const entries: [string, Rendered][] = [];
  for (const [key, value] of Object.entries(params)) {
    const out = renderValue(value, vars, `${field}.${key}`, omitEmpty);
    if (out !== undefined) entries.push([key, out]);
  }
  // fromEntries defines own properties, so a "__proto__" parameter stays a parameter.
  return Object.fromEntries(entries);
}

/** Flattens rendered params to name/value pairs for a form body or a query string. */
function toPairs(params: { [key: string]: Rendered }): [string, string][] {
  const pairs: [string, string][] = [];
  const scalar = (v: Rendered): string | undefined => (v === null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v));
  for (const [key, value] of Object.entries(params)) {
    // Arrays repeat the key (to=a&to=b), the common convention for multi-valued fields.
    for (const item of Array.isArray(value) ? value : [value]) {
      const s = scalar(item);
      if (s !== undefined) pairs.push([key, s]);
    }
  }
  return pairs;
}

/** RFC 3986 component encoding (encodeURIComponent leaves !'()* alone). */
function encodeComponent(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Appends pairs to the query without re-serialising what the template already wrote. */
function appendQuery(url: URL, pairs: readonly [string, string][]): void {
  if (pairs.length === 0) return;
  const extra = pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
  const current = url.search.replace(/^\?/, '');
  url.search = current === '' ? extra : `${current}&${extra}`;
}

function parseUrl(rendered: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(rendered);
  } catch {
    throw gatewayConfigError('invalid_gateway_url', `${field} does not render to an absolute URL`, { field });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw gatewayConfigError('invalid_gateway_url', `${field} must be an http or https URL`, { field });
  }
  return url;
}

function setHeader(headers: Record<string, string>, name: string, value: string, field: string): void {
  if (!HEADER_NAME.test(name)) templateError(field, `invalid header name "${name}"`);
  // A CR/LF in a header would let a message body inject headers of its own.
  if (/[\r\n\0]/.test(value)) templateError(field, `header ${name} renders to a value with line breaks`);
  headers[name.toLowerCase()] = value;
}

/**
 * Renders any request spec (send, balance, number check) over the given variables.
 * `prefix` names the config block in error messages (`send`, `balance`, …).
 */
export function renderHttpRequest(
  spec: RequestSpec,
  vars: TemplateVars,
  prefix: string,
  signing: RequestSigning = freshSigning(),
): RenderedRequest {
  const url = parseUrl(render(spec.url, vars, `${prefix}.url`), `${prefix}.url`);
  const params = renderObject(spec.params, vars, `${prefix}.params`, spec.omitEmpty);
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  let body: string | undefined;
  if (spec.body === 'form') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(toPairs(params)).toString();
  } else if (spec.body === 'json') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(params);
  } else if (spec.body === 'query') {
    appendQuery(url, toPairs(params));
  }
  for (const [name, template] of Object.entries(spec.headers)) {
    setHeader(headers, name, render(template, vars, `${prefix}.headers.${name}`), `${prefix}.headers.${name}`);
  }
  const auth = spec.auth;
  const field = `${prefix}.auth`;
  if (auth.type === 'basic') {
    const user = render(auth.username, vars, `${field}.username`);
    const pass = render(auth.password, vars, `${field}.password`);
    setHeader(headers, 'authorization', `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`, field);
  } else if (auth.type === 'bearer') {
    setHeader(headers, 'authorization', `Bearer ${render(auth.token, vars, `${field}.token`)}`, field);
  } else if (auth.type === 'header') {
    setHeader(headers, auth.name, render(auth.value, vars, `${field}.value`), field);
  } else if (auth.type === 'mac') {
    // Signed last, over the final URL: the MAC covers the path and query as sent.
    const id = render(auth.id, vars, `${field}.id`);
    const secret = render(auth.secret, vars, `${field}.secret`);
    setHeader(headers, 'authorization', macAuthorization(id, secret, spec.method, url, signing), field);
  } else if (auth.type === 'query') {
    const pairs = Object.entries(auth.params).map(([k, t]): [string, string] => [k, render(t, vars, `${field}.params.${k}`)]);
    appendQuery(url, pairs);
  }
  return { method: spec.method, url: url.href, headers, body };
}

/**
 * Merges a gateway row's settings over the config's defaults. Only strings, numbers and booleans
 * are settings; null or undefined keep the default, anything else is ignored.
 */
export function mergeSettings(
  config: GatewayConfig,
  overrides: Readonly<Record<string, unknown>>,
): Record<string, string | number | boolean> {
  const entries: [string, string | number | boolean][] = Object.entries(config.settings);
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') entries.push([key, value]);
  }
  return Object.fromEntries(entries);
}

/**
 * Renders the send request for one message. Throws a GatewayError (the config's fault):
 * `unicode_not_supported` (UCS-2 content on a GSM-only gateway), `too_many_segments` (over send.maxSegments),
 * `gateway_template_error` (a missing variable, named), `invalid_gateway_url` (not absolute http(s)).
 */
export function renderSendRequest(config: GatewayConfig, ctx: SendContext): RenderedRequest {
  const send = config.send;
  if (ctx.encoding === 'ucs2' && !send.unicode.supported) {
    throw gatewayConfigError('unicode_not_supported', 'This gateway cannot send Unicode (UCS-2) content');
  }
  if (send.maxSegments !== undefined && ctx.segments > send.maxSegments) {
    throw gatewayConfigError('too_many_segments', `This gateway sends at most ${send.maxSegments} segments per message`);
  }
  const vars: TemplateVars = {
    to: ctx.to,
    // No sender is a normal case (the account default applies): render it empty, omitEmpty drops it.
    from: ctx.from ?? '',
    content: ctx.content,
    encoding: ctx.encoding,
    segments: ctx.segments,
    messageId: ctx.messageId,
    statusCallbackUrl: ctx.statusCallbackUrl,
    replyCallbackUrl: ctx.replyCallbackUrl,
    credentials: ctx.credentials,
    settings: ctx.settings,
  };
  const extra = ctx.encoding === 'ucs2' ? send.unicode.params : send.unicode.gsmParams;
  return renderHttpRequest({ ...send, params: { ...send.params, ...extra } }, vars, 'send', ctx.signing);
}
