import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueNumber } from '../../../test/support/fixtures.js';
import { lastJson, type Stack, startStack } from './harness.js';

interface Key {
  id: string;
  prefix: string;
  scopes: string[];
  key?: string;
}

/** Accounts and keys through the real binary, against the routes of CONTRACT-keys (issue 11, item 1). */
describe('smsgw accounts and keys', { timeout: 240_000 }, () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('cli_admin');
    expect((await s.cli(['login', '--url', s.url, '--key', s.adminKey])).code).toBe(0);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('an admin creates an account and a scoped key for it; the key sends but may not read gateways', async () => {
    const created = await s.cli(['accounts', 'create', '--name', 'Acme', '--json']);
    expect(created.code).toBe(0);
    const account = lastJson<{ id: string; name: string; disabled: boolean }>(created);
    expect(account).toMatchObject({ name: 'Acme', disabled: false });

    const listed = await s.cli(['accounts', 'list', '--json']);
    expect(lastJson<{ data: { id: string }[] }>(listed).data.map((a) => a.id)).toContain(account.id);

    const made = await s.cli([
      'keys',
      'create',
      '--account',
      account.id,
      '--name',
      'sender',
      '--scope',
      'messages:write,messages:read',
      '--json',
    ]);
    expect(made.code).toBe(0);
    const key = lastJson<Key>(made);
    expect(key.scopes.sort()).toEqual(['messages:read', 'messages:write']);
    expect(key.key).toEqual(expect.any(String));

    const theirs = await s.cli(['keys', 'list', '--account', account.id, '--json']);
    expect(lastJson<Key[]>(theirs).map((k) => k.id)).toEqual([key.id]);
    expect(theirs.stdout).not.toContain(String(key.key));

    const as = { SMSGW_KEY: key.key };
    const sent = await s.cli(['send', '--to', uniqueNumber(), '--content', 'from Acme', '--gateway', s.gateway, '--json'], as);
    expect(sent.code).toBe(0);
    const refused = await s.cli(['gateways', 'list', '--json'], as);
    expect(refused.code).toBe(3);
    expect(lastJson(refused)).toMatchObject({ error: { status: 403 } });

    // Disabled: its keys stop at once (401 or 403: either is exit 3). Enabled again: they work.
    expect((await s.cli(['accounts', 'disable', account.id, '--json'])).code).toBe(0);
    expect((await s.cli(['messages', 'list', '--json'], as)).code).toBe(3);
    expect((await s.cli(['accounts', 'enable', account.id, '--json'])).code).toBe(0);
    expect((await s.cli(['messages', 'list', '--json'], as)).code).toBe(0);
  });

  it('keys of your own account: create, list (prefix only), rotate, revoke', async () => {
    const made = await s.cli(['keys', 'create', '--name', 'reader', '--scope', 'messages:read', '--json']);
    expect(made.code).toBe(0);
    const key = lastJson<Key>(made);
    const secret = String(key.key);

    const listed = await s.cli(['keys', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(secret);
    expect(lastJson<Key[]>(listed).find((k) => k.id === key.id)).toMatchObject({ prefix: key.prefix });

    const rotated = await s.cli(['keys', 'rotate', key.id, '--json']);
    expect(rotated.code).toBe(0);
    const fresh = String(lastJson<Key>(rotated).key);
    expect(fresh).not.toBe(secret);
    expect((await s.cli(['messages', 'list', '--json'], { SMSGW_KEY: secret })).code).toBe(3);
    expect((await s.cli(['messages', 'list', '--json'], { SMSGW_KEY: fresh })).code).toBe(0);

    const rotatedId = lastJson<Key>(rotated).id;
    expect((await s.cli(['keys', 'revoke', rotatedId, '--json'])).code).toBe(0);
    expect((await s.cli(['messages', 'list', '--json'], { SMSGW_KEY: fresh })).code).toBe(3);
  });
});
