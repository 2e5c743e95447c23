import { unprocessable } from '@smsgw/core';
import { gatewayConfigSchema, type GatewayConfig } from './schema.js';

export interface ConfigIssue {
  path: string;
  message: string;
}

/** Validates a gateway config; on failure throws a 422 `invalid_gateway_config` naming every bad field. */
export function parseGatewayConfig(input: unknown): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw unprocessable('invalid_gateway_config', `Invalid gateway config: ${summary}`, { issues });
}
