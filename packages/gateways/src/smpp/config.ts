import { unprocessable } from '@smsgw/core';
import { gatewayKindOf, isSmppConfig, type AnyGatewayConfig } from '../config/schema.js';
import { gatewayConfigError } from '../errors.js';
import { resolveGatewayConfig } from '../resolve.js';
import { smppGatewayConfigSchema, type SmppGatewayConfig } from './schema.js';

/** Validates an SMPP gateway config; on failure throws a 422 `invalid_gateway_config` naming every bad field. */
export function parseSmppGatewayConfig(input: unknown): SmppGatewayConfig {
  const result = smppGatewayConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw unprocessable('invalid_gateway_config', `Invalid gateway config: ${summary}`, { issues });
}

/**
 * `resolveGatewayConfig` for both kinds: a row whose config says `kind: "smpp"` is an SMPP
 * gateway (a full config; presets describe HTTP providers only), anything else resolves as before.
 */
export function resolveAnyGatewayConfig(preset: string | null, config: unknown): AnyGatewayConfig {
  if (gatewayKindOf(config) !== 'smpp') return resolveGatewayConfig(preset, config);
  if (preset) throw gatewayConfigError('invalid_gateway_config', 'An SMPP gateway takes a full config (kind "smpp"), not a preset');
  return parseSmppGatewayConfig(config);
}

/**
 * What the accept path needs to know of a gateway of either kind before it takes a message for
 * it: whether it sends UCS-2 and how many parts at most.
 */
export function sendCapabilities(config: AnyGatewayConfig): { unicode: boolean; maxSegments: number | undefined } {
  if (isSmppConfig(config)) return { unicode: config.unicode, maxSegments: config.maxSegments };
  return { unicode: config.send.unicode.supported, maxSegments: config.send.maxSegments };
}
