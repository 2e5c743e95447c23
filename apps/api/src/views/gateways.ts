import type { z } from 'zod';
import type { GatewayRow } from '@smsgw/db';
import { callbackUrls, readCredentials } from '@smsgw/gateways';
import type { ApiConfig } from '../config.js';
import type { gatewaySchema } from '../schemas/gateways.js';

export type GatewayView = z.infer<typeof gatewaySchema>;

/** The public shape of a gateway. Credentials are write-only: only their names are shown. */
export function gatewayView(row: GatewayRow, api: Pick<ApiConfig, 'encryptionKey' | 'publicUrl'>): GatewayView {
  let credentialNames: string[] = [];
  try {
    credentialNames = Object.keys(readCredentials(row, api.encryptionKey)).sort();
  } catch {
    // Encrypted under another key (SMSGW_ENCRYPTION_KEY changed): the gateway still lists, nameless.
    credentialNames = [];
  }
  return {
    name: row.name,
    preset: row.preset,
    config: row.config,
    settings: row.settings,
    credentials: credentialNames,
    enabled: row.enabled,
    isDefault: row.isDefault,
    priority: row.priority,
    rateLimit:
      row.rateLimitMax !== null && row.rateLimitIntervalMs !== null
        ? { max: row.rateLimitMax, intervalMs: row.rateLimitIntervalMs, perSegment: row.rateLimitPerSegment }
        : null,
    callbackUrls: callbackUrls(api.publicUrl, row.name, row.callbackToken),
    balance: row.creditRemaining === null ? null : { amount: row.creditRemaining, currency: row.creditCurrency },
    lastBalanceCheck: row.lastBalanceCheck?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
