import { templateVariables, type TemplateVars } from '@smsgw/core';
import type { GatewayConfig } from './config/schema.js';

/**
 * The send headers that make sense outside a send (Accept, an API version, a header API key):
 * those whose template only uses variables a query has. Shared by every side request (balance,
 * number check, status lookup), so they all talk to the provider the way the send does.
 */
export function inheritedHeaders(config: GatewayConfig, vars: TemplateVars): Record<string, string> {
  const usable = (path: string): boolean => {
    const root = path.split('.')[0] ?? '';
    return Object.hasOwn(vars, root);
  };
  const entries = Object.entries(config.send.headers).filter(([, template]) => {
    try {
      return templateVariables(template).every(usable);
    } catch {
      return false;
    }
  });
  return Object.fromEntries(entries);
}
