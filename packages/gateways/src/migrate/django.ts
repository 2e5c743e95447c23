import { gatewayConfigSchema, type GatewayConfig, type GatewayConfigInput } from '../config/schema.js';
import { getPreset, presetNames } from '../presets.js';
import { replyCallbackOf, statusCallbackOf } from './django-callbacks.js';
import { balanceOf, numberCheckOf } from './django-queries.js';
import { DJANGO_GATEWAY_FIELDS, gatewayNameOf, rowReader, type FieldReport, type RowReader } from './django-row.js';
import { fixedParams, messageParams, responseConfig } from './django-send.js';

/**
 * django-sms-gateway → smsgw: the original's Gateway rows (a `dumpdata` of `sms.gateway`) as the
 * bodies of `POST /v1/gateways`, with a report per field of what was carried, what changed and
 * what could not be. Pure: no I/O beyond the shipped presets it compares hosts with, so the API
 * route and a command line share it.
 */

export interface DjangoGatewayBody {
  name: string;
  config: GatewayConfigInput;
  credentials: Record<string, string>;
  settings: Record<string, string>;
}

export interface DjangoSource {
  pk: string | number | null;
  name: string | null;
}

export interface ConvertedDjangoGateway {
  /** Position in the dump. */
  index: number;
  source: DjangoSource;
  gateway: DjangoGatewayBody;
  /** A shipped preset for the same provider API: it knows more (every status code, Unicode). */
  suggestedPreset: string | null;
  report: FieldReport[];
}

export interface RejectedDjangoRow {
  index: number;
  source: DjangoSource;
  error: string;
  report: FieldReport[];
}

export interface DjangoImport {
  gateways: ConvertedDjangoGateway[];
  rejected: RejectedDjangoRow[];
  /** Entries of other models (a whole-app dump holds messages too). */
  skipped: { index: number; model: string | null }[];
}

export interface DjangoImportOptions {
  /** The Django site's TIME_ZONE (an offset or an IANA name): naive postback dates were in it. */
  timezone?: string;
  /** Names already taken (existing gateways): converted names avoid them. */
  takenNames?: Iterable<string>;
  /** Presets to recognise providers by (default: the shipped ones). */
  presets?: ReadonlyMap<string, GatewayConfig>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Converts a Django `dumpdata` (a list of `{model, pk, fields}`) of the original's gateways.
 *
 * @param dump - the parsed JSON: a list, or one entry
 */
export function convertDjangoGateways(dump: unknown, options: DjangoImportOptions = {}): DjangoImport {
  const entries = Array.isArray(dump) ? dump : [dump];
  const used = new Set(options.takenNames ?? []);
  const presets = options.presets ?? shippedPresets();
  const out: DjangoImport = { gateways: [], rejected: [], skipped: [] };
  entries.forEach((entry: unknown, index) => {
    const model = isRecord(entry) && typeof entry['model'] === 'string' ? entry['model'] : null;
    if (model !== null && model.toLowerCase() !== 'sms.gateway') {
      out.skipped.push({ index, model });
      return;
    }
    const rawPk = isRecord(entry) ? entry['pk'] : undefined;
    const pk = typeof rawPk === 'string' || typeof rawPk === 'number' ? rawPk : null;
    const fields = isRecord(entry) ? entry['fields'] : undefined;
    if (model === null || !isRecord(fields)) {
      out.rejected.push({
        index,
        source: { pk, name: null },
        error: 'not a dumpdata entry of sms.gateway ({"model", "pk", "fields"})',
        report: [],
      });
      return;
    }
    const result = convertRow(index, pk, fields, used, presets, options.timezone);
    if ('error' in result) out.rejected.push(result);
    else out.gateways.push(result);
  });
  return out;
}

function convertRow(
  index: number,
  pk: string | number | null,
  fields: Record<string, unknown>,
  used: Set<string>,
  presets: ReadonlyMap<string, GatewayConfig>,
  timezone: string | undefined,
): ConvertedDjangoGateway | RejectedDjangoRow {
  const r = rowReader(fields);
  const name = r.text('name') ?? null;
  const source = { pk, name };
  const baseUrl = r.text('base_url');
  const recipient = r.text('recipient_keyword');
  const content = r.text('content_keyword');
  const base = baseUrl === undefined || !URL.canParse(baseUrl) ? undefined : new URL(baseUrl);
  const missing = [
    name === null ? 'name' : undefined,
    base === undefined || !/^https?:$/.test(base.protocol) ? 'base_url (an http or https URL)' : undefined,
    recipient === undefined ? 'recipient_keyword' : undefined,
    content === undefined ? 'content_keyword' : undefined,
  ].filter((m) => m !== undefined);
  if (missing.length > 0 || base === undefined || recipient === undefined || content === undefined || name === null) {
    return { index, source, error: `cannot send without ${missing.join(', ')}`, report: r.reports };
  }
  const gatewayName = gatewayNameOf(name, pk, used);
  r.report(
    'name',
    gatewayName === name ? 'carried' : 'changed',
    ['name'],
    gatewayName === name ? 'the gateway name' : `"${gatewayName}": lowercase letters, digits, _ and - only`,
  );

  const fixed = fixedParams(r);
  const sendPath = `${base.pathname}${base.search}`;
  const suggestedPreset = presetFor(base, presets);
  const presetNote =
    suggestedPreset === null
      ? ''
      : ` The "${suggestedPreset}" preset is this provider's API: it knows every status code and how to send Unicode.`;
  r.report(
    'base_url',
    'changed',
    ['settings.baseUrl', 'config.send.url'],
    `POSTed as a form, as before; settings.baseUrl is ${base.origin}, so the gateway can be pointed elsewhere.${presetNote}`,
  );

  const config: GatewayConfigInput = {
    version: 1,
    title: `${name} (imported from django-sms-gateway)`,
    credentials: fixed.credentialSpecs,
    settings: { baseUrl: base.origin },
    send: {
      method: 'POST',
      url: `{{settings.baseUrl}}${sendPath}`,
      body: 'form',
      params: messageParams(r, recipient, content, fixed),
      omitEmpty: false,
      unicode: { supported: false, params: {}, gsmParams: {} },
    },
    response: responseConfig(r),
  };
  const statusCallback = statusCallbackOf(r, timezone);
  if (statusCallback !== undefined) config.statusCallback = statusCallback;
  const replyCallback = replyCallbackOf(r, timezone);
  if (replyCallback !== undefined) config.replyCallback = replyCallback;
  const numberCheck = numberCheckOf(r, base, fixed);
  if (numberCheck !== undefined) config.numberCheck = numberCheck;
  const balance = balanceOf(r, base, fixed);
  if (balance !== undefined) config.balance = balance;
  reportUnused(r, fields);

  const parsed = gatewayConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
    return { index, source, error: `the converted config is not valid: ${issues}`, report: r.reports };
  }
  return {
    index,
    source,
    gateway: { name: gatewayName, config, credentials: fixed.credentials, settings: { baseUrl: base.origin, ...fixed.settings } },
    suggestedPreset,
    report: r.reports,
  };
}

/** A field with a value that no step used: the original only read it together with fields this row leaves empty. */
function reportUnused(r: RowReader, fields: Record<string, unknown>): void {
  const reported = new Set(r.reports.map((x) => x.field));
  for (const field of DJANGO_GATEWAY_FIELDS) {
    const v = fields[field];
    const empty =
      v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);
    if (empty || reported.has(field) || (field === 'settings' && isRecord(v))) continue;
    r.report(field, 'not_carried', [], 'not used: the original read it only together with fields this row leaves empty');
  }
}

function shippedPresets(): ReadonlyMap<string, GatewayConfig> {
  const map = new Map<string, GatewayConfig>();
  for (const name of presetNames()) {
    const config = getPreset(name);
    if (config !== undefined) map.set(name, config);
  }
  return map;
}

/** The registrable part of a host, near enough: api.smsglobal.com and www.smsglobal.com are one provider. */
const domainOf = (host: string): string => host.split('.').slice(-2).join('.');

/** The preset whose base URL is on the same provider's domain, preferring one with the same send path. */
function presetFor(base: URL, presets: ReadonlyMap<string, GatewayConfig>): string | null {
  let best: { name: string; score: number } | null = null;
  for (const [name, config] of presets) {
    const presetBase = config.settings['baseUrl'];
    if (typeof presetBase !== 'string' || !URL.canParse(presetBase)) continue;
    if (domainOf(new URL(presetBase).hostname) !== domainOf(base.hostname)) continue;
    const path = config.send.url.replace('{{settings.baseUrl}}', '');
    const score = path === base.pathname ? 2 : 1;
    if (best === null || score > best.score) best = { name, score };
  }
  return best?.name ?? null;
}
