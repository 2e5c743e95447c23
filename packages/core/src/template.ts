/**
 * A tiny template engine for message content and gateway HTTP parameters. Templates come from
 * users and gateway definitions, so it is deliberately not JavaScript: no eval, no calls, and
 * lookups see only own properties (never the prototype chain).
 *
 * Syntax: `{{ path.to.value }}` with chainable filters, `{{ to | noplus | urlencode }}`.
 * Everything outside tags is copied verbatim.
 */

export type TemplateVars = Readonly<Record<string, unknown>>;

/**
 * Why a template failed: `template_error` for the template or its variables, `content_too_long`
 * when the output would pass `maxLength`. The names double as API error codes (both 422).
 */
export type TemplateErrorCode = 'template_error' | 'content_too_long';

/**
 * Raised for an unknown variable, an unknown filter, bad syntax, or output past `maxLength`.
 * `path` is the variable path of the offending tag, or the tag's raw text when it could not be
 * parsed ('' when literal text pushed the output past the limit).
 */
export class TemplateError extends Error {
  readonly path: string;
  readonly code: TemplateErrorCode;

  constructor(message: string, path: string, code: TemplateErrorCode = 'template_error') {
    super(message);
    this.name = 'TemplateError';
    this.path = path;
    this.code = code;
  }
}

/** Options of {@link renderTemplate}. */
export interface RenderOptions {
  /** `'error'` (default) throws on a missing variable, `'empty'` renders ''. */
  missing?: 'error' | 'empty';
  /**
   * Most UTF-16 code units the output may have. Checked before each piece is appended, so a
   * small template repeating a large variable fails fast instead of building hundreds of MB.
   */
  maxLength?: number;
}

interface Filter {
  name: string;
  arg: string | undefined;
}

interface Tag {
  path: string;
  segments: string[];
  filters: Filter[];
}

type Node = string | Tag;

/** Filters that take no argument; each maps a rendered string to a string. */
const STRING_FILTERS: Readonly<Record<string, (value: string) => string>> = {
  noplus: (v) => (v.startsWith('+') ? v.slice(1) : v),
  digits: (v) => v.replace(/[^0-9]/g, ''),
  upper: (v) => v.toUpperCase(),
  lower: (v) => v.toLowerCase(),
  // Clickatell and similar gateways want UCS-2 as big-endian UTF-16 code units in hex.
  ucs2hex: (v) => {
    let out = '';
    for (let i = 0; i < v.length; i++) out += v.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
    return out;
  },
  base64: (v) => Buffer.from(v, 'utf8').toString('base64'),
  // RFC 3986: encodeURIComponent leaves !'()* alone, which some gateways' parsers choke on.
  urlencode: (v) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
};
const ARG_FILTERS = new Set(['default']);
const VALUE_FILTERS = new Set(['json']);

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const FILTER = /^([a-z][a-z0-9]*)\s*(?:\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\))?$/;

/** Splits a tag body on `|`, ignoring pipes inside quoted filter arguments. */
function splitPipes(body: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (quote !== undefined) {
      current += c;
      if (c === '\\') current += body.charAt(++i);
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '|') {
      parts.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current.trim());
  return parts;
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

function parseTag(body: string): Tag {
  const raw = body.trim();
  const [head = '', ...rest] = splitPipes(raw);
  const segments = head.split('.');
  if (head === '' || !segments.every((s) => SEGMENT.test(s))) {
    throw new TemplateError(`bad variable path in {{ ${raw} }}`, raw);
  }
  const filters = rest.map((text): Filter => {
    const match = FILTER.exec(text);
    if (match === null) throw new TemplateError(`bad filter "${text}" in {{ ${raw} }}`, head);
    const name = match[1] ?? '';
    const arg = match[2] === undefined ? undefined : unquote(match[2]);
    if (!Object.hasOwn(STRING_FILTERS, name) && !ARG_FILTERS.has(name) && !VALUE_FILTERS.has(name)) {
      throw new TemplateError(`unknown filter "${name}" in {{ ${raw} }}`, head);
    }
    if (ARG_FILTERS.has(name) !== (arg !== undefined)) {
      const want = arg === undefined ? 'needs an argument' : 'takes no argument';
      throw new TemplateError(`filter "${name}" ${want} in {{ ${raw} }}`, head);
    }
    return { name, arg };
  });
  return { path: head, segments, filters };
}

/**
 * Index of the `}}` ending a tag, or -1. Quoted filter arguments such as default("}}") are
 * skipped; a quote counts only right after `(`, so a stray apostrophe in a bad tag is reported
 * as bad syntax in that tag rather than as an unclosed tag swallowing the rest of the template.
 */
function findClose(template: string, from: number): number {
  let quote: string | undefined;
  let previous = '';
  for (let i = from; i < template.length; i++) {
    const c = template.charAt(i);
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && previous === '(') {
      quote = c;
    } else if (c === '}' && template.charAt(i + 1) === '}') {
      return i;
    }
    if (c.trim() !== '') previous = c;
  }
  return -1;
}

function parse(template: string): Node[] {
  const nodes: Node[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{{', pos);
    if (open === -1) break;
    if (open > pos) nodes.push(template.slice(pos, open));
    const close = findClose(template, open + 2);
    if (close === -1) {
      const rest = template.slice(open, open + 40);
      throw new TemplateError(`unclosed tag at offset ${open}: ${rest}`, rest);
    }
    nodes.push(parseTag(template.slice(open + 2, close)));
    pos = close + 2;
  }
  if (pos < template.length) nodes.push(template.slice(pos));
  return nodes;
}

/** Follows a path through own properties only; null and undefined count as missing. */
function lookup(vars: TemplateVars, segments: readonly string[]): unknown {
  let current: unknown = vars;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current ?? undefined;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** JSON that tolerates bigint (as a string) and reports cycles as a TemplateError. */
function toJson(value: unknown, path: string): string | undefined {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch (err) {
    throw new TemplateError(`cannot render ${path} as JSON: ${messageOf(err)}`, path);
  }
}

function stringify(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      // A bare Date would otherwise render as a quoted JSON string (and an invalid one throw).
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TemplateError(`${path} is an invalid date`, path);
        return value.toISOString();
      }
      return toJson(value, path) ?? '';
    default:
      throw new TemplateError(`cannot render ${path}: it is a ${typeof value}`, path);
  }
}

function applyFilter(value: unknown, filter: Filter, path: string): unknown {
  if (filter.name === 'default') return value === undefined || value === '' ? filter.arg : value;
  // Missing stays missing through every other filter, so a later default() can still apply.
  if (value === undefined) return undefined;
  if (filter.name === 'json') return toJson(value, path);
  const fn = STRING_FILTERS[filter.name];
  // parseTag rejected unknown names; the check keeps the compiler honest.
  if (fn === undefined) throw new TemplateError(`unknown filter "${filter.name}"`, path);
  const input = stringify(value, path);
  try {
    return fn(input);
  } catch (err) {
    // e.g. urlencode of a lone surrogate (URIError).
    throw new TemplateError(`filter "${filter.name}" failed on ${path}: ${messageOf(err)}`, path);
  }
}

/** Renders one tag; undefined means the value is missing after all filters. */
function renderTag(vars: TemplateVars, tag: Tag): string | undefined {
  let value = lookup(vars, tag.segments);
  for (const filter of tag.filters) value = applyFilter(value, filter, tag.path);
  return value === undefined ? undefined : stringify(value, tag.path);
}

/**
 * Renders a template. Variables are looked up as own properties only, objects render as JSON,
 * and null or undefined count as missing.
 *
 * @param template - text with `{{ path | filter }}` tags
 * @param vars - values to substitute
 * @param opts - `missing` handling and an optional `maxLength` of the output
 * @throws TemplateError on bad syntax, an unknown filter, (by default) a missing variable, or
 *   (code `content_too_long`) output longer than `maxLength`
 */
export function renderTemplate(template: string, vars: TemplateVars, opts?: RenderOptions): string {
  const missing = opts?.missing ?? 'error';
  const max = opts?.maxLength ?? Number.POSITIVE_INFINITY;
  let out = '';
  for (const node of parse(template)) {
    let piece: string;
    let path = '';
    if (typeof node === 'string') {
      piece = node;
    } else {
      path = node.path;
      const rendered = renderTag(vars, node);
      if (rendered === undefined && missing === 'error') {
        throw new TemplateError(`unknown variable ${node.path}`, node.path);
      }
      piece = rendered ?? '';
    }
    // Before the append, so the oversized string is never built (600 × 1 MB would be 600 MB).
    if (out.length + piece.length > max) {
      throw new TemplateError(`the rendered content is longer than ${max} characters`, path, 'content_too_long');
    }
    out += piece;
  }
  return out;
}

/**
 * The distinct variable paths a template uses, in order of first appearance, so callers can
 * check them against what they will supply before rendering.
 *
 * @throws TemplateError on bad syntax or an unknown filter
 */
export function templateVariables(template: string): string[] {
  const paths = new Set<string>();
  for (const node of parse(template)) {
    if (typeof node !== 'string') paths.add(node.path);
  }
  return [...paths];
}
