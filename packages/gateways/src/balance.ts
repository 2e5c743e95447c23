import { AppError } from '@smsgw/core';
import type { GatewayConfig } from './config/schema.js';
import { executeRequest, type HttpLimits } from './http.js';
import { parseBalance, renderQueryRequest, type QueryContext } from './query.js';

export interface Balance {
  balance: string;
  currency: string | undefined;
}

/**
 * Asks the provider for the account balance (the preset's balance query). Throws 422
 * `balance_not_supported` without one, 502 `balance_query_failed` when the provider does not
 * give a readable answer — the provider's fault, not the caller's.
 */
export async function queryBalance(config: GatewayConfig, ctx: QueryContext, limits: HttpLimits): Promise<Balance> {
  const request = renderQueryRequest(config, 'balance', ctx);
  const result = await executeRequest(request, limits);
  const balance = parseBalance(config, result);
  if (!balance) {
    const why = result.kind === 'error' ? result.code : `HTTP ${result.status}`;
    throw new AppError(502, 'balance_query_failed', `The gateway did not return a balance (${why})`);
  }
  return balance;
}
