import { gatewayConfigError } from './errors.js';
import { parseGatewayConfig } from './config/parse.js';
import type { GatewayConfig } from './config/schema.js';
import { getPreset } from './presets.js';

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars in `over` replace. Own keys only, no prototype keys. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Json = { ...base };
  for (const key of Object.keys(over)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = deepMerge(base[key], over[key]);
  }
  return out;
}

/**
 * The effective config of a gateway: its preset with the row's overrides merged over it, or the
 * row's full custom config. Validated either way, so a bad override is a 422 naming the field.
 */
export function resolveGatewayConfig(preset: string | null, config: unknown): GatewayConfig {
  if (preset) {
    const base = getPreset(preset);
    if (!base) throw gatewayConfigError('unknown_preset', `There is no preset named "${preset}"`);
    return config ? parseGatewayConfig(deepMerge(base, config)) : base;
  }
  if (!config) throw gatewayConfigError('invalid_gateway_config', 'A gateway needs a preset or a config');
  return parseGatewayConfig(config);
}

export interface CallbackUrls {
  status: string;
  reply: string;
}

/** The URLs a provider calls back; the token in the path authenticates the gateway. */
export function callbackUrls(publicUrl: string, gateway: string, token: string): CallbackUrls {
  const base = `${publicUrl.replace(/\/+$/, '')}/callbacks/${encodeURIComponent(gateway)}/${token}`;
  return { status: `${base}/status`, reply: `${base}/reply` };
}
