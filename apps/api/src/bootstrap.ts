import type { Logger } from 'pino';
import { createApiKey, ensureAccount, type Db } from '@smsgw/db';

export const DEFAULT_ACCOUNT_ID = 'acct_default';

/**
 * Makes sure `SMSGW_API_KEY` exists as an admin key of the default account (idempotent), so a
 * deployment, a demo or a test has a working key from the first start.
 */
export async function bootstrapAccess(db: Db, apiKey: string | undefined, logger: Logger): Promise<void> {
  if (!apiKey) return;
  await ensureAccount(db, DEFAULT_ACCOUNT_ID, 'default');
  await createApiKey(db, { accountId: DEFAULT_ACCOUNT_ID, admin: true, name: 'SMSGW_API_KEY', key: apiKey });
  logger.info('bootstrap admin key ensured for the default account');
}
