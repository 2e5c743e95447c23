import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError, newId, notFound, renderTemplate, TemplateError } from '@smsgw/core';
import { rowsOf, type Db, type GatewayRow, type NewGatewayRow } from '@smsgw/db';
import {
  assertUrlAllowed,
  encryptSecret,
  isSmppConfig,
  mergeSettings,
  readCredentials,
  resolveAnyGatewayConfig,
  type AnyGatewayConfig,
  type GatewayConfig,
} from '@smsgw/gateways';
import type { ApiConfig } from '../config.js';
import type { CreateGatewayInput, PatchGatewayInput } from '../schemas/gateways.js';

/** Applies a patch where `null` removes a key. */
function mergeRecord<T>(base: Record<string, T>, patch: Record<string, T | null> | undefined): Record<string, T> {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * Checks a gateway as it will be used: the config resolves, every required credential is
 * there, and its base URL is allowed (SSRF guard). Throws a 422 naming what is wrong.
 */
export async function validateGateway(
  config: AnyGatewayConfig,
  credentials: Record<string, string>,
  settings: Record<string, string | number | boolean>,
  api: ApiConfig,
): Promise<void> {
  if (isSmppConfig(config)) {
    // An SMPP bind: the account's system_id and password, and an SMSC host the SSRF rule allows.
    const absent = ['system_id', 'password'].filter((name) => !credentials[name]);
    if (absent.length > 0) throw new AppError('missing_credentials', `Missing credentials: ${absent.join(', ')}`);
    await assertUrlAllowed(
      `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`,
      api.allowPrivateGateways,
    );
    return;
  }
  const missing = config.credentials.filter((c) => c.required && !credentials[c.name]).map((c) => c.name);
  if (missing.length > 0) throw new AppError('missing_credentials', `Missing credentials: ${missing.join(', ')}`);
  const merged = mergeSettings(config, settings);
  const baseUrl = merged['baseUrl'];
  if (typeof baseUrl === 'string') await assertUrlAllowed(baseUrl, api.allowPrivateGateways);
  for (const url of requestUrls(config, credentials, merged)) await assertUrlAllowed(url, api.allowPrivateGateways);
}

/**
 * The URLs the gateway will call, rendered with what is known at save time, so a custom config
 * with a literal private URL (no baseUrl) is refused too. One that cannot be rendered yet is left
 * to send time, where the connect-time guard still applies.
 */
function requestUrls(
  config: GatewayConfig,
  credentials: Record<string, string>,
  settings: Record<string, string | number | boolean>,
): string[] {
  const message = { to: '', from: '', content: '', encoding: 'gsm7', segments: 1, messageId: '' };
  const vars = { ...message, statusCallbackUrl: '', replyCallbackUrl: '', settings, credentials };
  const urls: string[] = [];
  for (const template of [config.send.url, config.balance?.url, config.numberCheck?.url, config.statusQuery?.url]) {
    if (template === undefined) continue;
    try {
      const rendered = renderTemplate(template, vars, { missing: 'empty' });
      if (URL.canParse(rendered)) urls.push(rendered);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
    }
  }
  return urls;
}

/** Builds the new row from a create request (validated, credentials encrypted). */
export async function buildGatewayRow(input: CreateGatewayInput, api: ApiConfig): Promise<NewGatewayRow> {
  if (!input.preset && !input.config) throw new AppError('invalid_gateway_config', 'Give a preset or a config');
  const config = resolveAnyGatewayConfig(input.preset ?? null, input.config ?? null);
  const credentials = mergeRecord<string>({}, input.credentials);
  const settings = mergeRecord<string | number | boolean>({}, input.settings);
  await validateGateway(config, credentials, settings, api);
  return {
    id: newId('gw'),
    name: input.name,
    preset: input.preset ?? null,
    config: input.config ?? null,
    settings,
    credentialsEncrypted: Object.keys(credentials).length > 0 ? encryptSecret(JSON.stringify(credentials), api.encryptionKey) : null,
    callbackToken: randomBytes(24).toString('base64url'),
    enabled: input.enabled ?? true,
    isDefault: input.isDefault ?? false,
    priority: input.priority ?? 0,
    rateLimitMax: input.rateLimit?.max ?? null,
    rateLimitIntervalMs: input.rateLimit?.intervalMs ?? null,
    rateLimitPerSegment: input.rateLimit?.perSegment ?? false,
  };
}

/** The changes of a PATCH, validated against the gateway as it will be after them. */
export async function buildGatewayPatch(current: GatewayRow, input: PatchGatewayInput, api: ApiConfig): Promise<Partial<NewGatewayRow>> {
  const configOverride = input.config === undefined ? current.config : input.config;
  const config = resolveAnyGatewayConfig(current.preset, configOverride);
  const credentials = mergeRecord(readCredentials(current, api.encryptionKey), input.credentials);
  const settings = mergeRecord(current.settings, input.settings);
  await validateGateway(config, credentials, settings, api);
  const patch: Partial<NewGatewayRow> = { config: configOverride, settings };
  if (input.credentials !== undefined) {
    patch.credentialsEncrypted = Object.keys(credentials).length > 0 ? encryptSecret(JSON.stringify(credentials), api.encryptionKey) : null;
  }
  if (input.enabled !== undefined) patch.enabled = input.enabled;
  if (input.isDefault !== undefined) patch.isDefault = input.isDefault;
  if (input.priority !== undefined) patch.priority = input.priority;
  if (input.rateLimit !== undefined) {
    patch.rateLimitMax = input.rateLimit?.max ?? null;
    patch.rateLimitIntervalMs = input.rateLimit?.intervalMs ?? null;
    patch.rateLimitPerSegment = input.rateLimit?.perSegment ?? false;
  }
  return patch;
}

/**
 * Deletes a gateway unless messages are still pending on it (queued, scheduled or sending):
 * no worker serves a deleted gateway's queue once it drains (or after a restart), so its
 * messages would wait forever. One statement: the count and the delete see the same snapshot.
 * Throws 404 when there is no such gateway, 409 `gateway_in_use` with the counts otherwise.
 *
 * A message accepted at the very moment of the delete (or by an API whose routing cache still
 * lists the gateway) is not seen; the send worker then finds no gateway and fails it over.
 */
export async function deleteUnusedGateway(db: Db, name: string): Promise<void> {
  const result = await db.execute(sql`
    WITH pending AS (
      SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
             count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled,
             count(*) FILTER (WHERE status = 'sending')::int AS sending
      FROM messages WHERE gateway = ${name} AND status IN ('queued', 'scheduled', 'sending')
    ), gone AS (
      DELETE FROM gateways WHERE name = ${name} AND (SELECT queued + scheduled + sending FROM pending) = 0 RETURNING id
    )
    SELECT p.queued, p.scheduled, p.sending,
           EXISTS (SELECT 1 FROM gateways WHERE name = ${name}) AS existed, EXISTS (SELECT 1 FROM gone) AS deleted
    FROM pending p`);
  const [row] = rowsOf(result);
  if (!row || row['existed'] !== true) throw notFound('Gateway');
  if (row['deleted'] === true) return;
  const pending = { queued: Number(row['queued']), scheduled: Number(row['scheduled']), sending: Number(row['sending']) };
  const total = pending.queued + pending.scheduled + pending.sending;
  throw new AppError(
    'gateway_in_use',
    `Gateway "${name}" still has ${total} message(s) queued, scheduled or sending, which a deleted gateway would strand. ` +
      'Disable it first (PATCH {"enabled": false}) so they fail over to the next gateway of their route (or fail), or cancel them; then delete it.',
    { details: { pending } },
  );
}
