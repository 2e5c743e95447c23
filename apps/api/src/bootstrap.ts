import { randomBytes } from 'node:crypto';
import { newId } from '@smsgw/core';
import { createApiKey, ensureAccount, getGateway, insertGateway, type Db } from '@smsgw/db';

export const DEFAULT_ACCOUNT_ID = 'acct_default';

/**
 * Makes sure `SMSGW_API_KEY` exists as an admin key of the default account (idempotent), so a
 * deployment, a demo or a test has a working key from the first start.
 */
export async function bootstrapAccess(db: Db, apiKey: string | undefined, logger: { info(msg: string): void }): Promise<void> {
  if (!apiKey) return;
  await ensureAccount(db, DEFAULT_ACCOUNT_ID, 'default');
  await createApiKey(db, { accountId: DEFAULT_ACCOUNT_ID, admin: true, name: 'SMSGW_API_KEY', key: apiKey });
  logger.info('bootstrap admin key ensured for the default account');
}

/**
 * With `SMSGW_SANDBOX_URL` set (docker compose does), makes sure a `sandbox` gateway exists and is
 * the default, so a fresh deployment can send a first message through the fake provider.
 */
export async function bootstrapSandbox(db: Db, sandboxUrl: string | undefined): Promise<void> {
  if (!sandboxUrl || (await getGateway(db, 'sandbox'))) return;
  await insertGateway(db, {
    id: newId('gw'),
    name: 'sandbox',
    preset: 'sandbox',
    settings: { baseUrl: sandboxUrl },
    callbackToken: randomBytes(24).toString('base64url'),
    isDefault: true,
  }).catch(async (err: unknown) => {
    // Another API replica created it at the same moment.
    if (!(await getGateway(db, 'sandbox'))) throw err;
  });
}
