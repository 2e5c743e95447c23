import { gatewayUnavailable } from './errors.js';
import type { GatewayConfig } from './config/schema.js';
import { executeRequest, type HttpLimits } from './http.js';
import { parseBalance, renderQueryRequest, type QueryContext } from './query.js';

export interface Balance {
  balance: string;
  currency: string | undefined;
}

/**
 * Asks the provider for the account balance (the preset's balance query). Throws a GatewayError:
 * `balance_not_supported` without one, `balance_query_failed` (retryable) when the provider does not
 * give a readable answer — the provider's fault, not the caller's.
 */
export async function queryBalance(config: GatewayConfig, ctx: QueryContext, limits: HttpLimits): Promise<Balance> {
  const request = renderQueryRequest(config, 'balance', ctx);
  const result = await executeRequest(request, limits);
  const balance = parseBalance(config, result);
  if (!balance) {
    const why = result.kind === 'error' ? result.code : `HTTP ${result.status}`;
    throw gatewayUnavailable('balance_query_failed', `The gateway did not return a balance (${why})`);
  }
  return balance;
}
