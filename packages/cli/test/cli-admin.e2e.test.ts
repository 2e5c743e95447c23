import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueNumber } from '../../../test/support/fixtures.js';
import { lastJson, type Stack, startStack } from './harness.js';

interface Key {
  id: string;
  prefix: string;
  scopes: string[];
  key?: string;
}

// The original's example gateways (Clickatell and SMS Global) as `manage.py dumpdata sms.gateway` wrote them.
const DJANGO_DUMP = fileURLToPath(new URL('../../gateways/test/fixtures/django-example-gateways.json', import.meta.url));

interface DjangoImport {
  dryRun: boolean;
  created: number;
  data: { name: string | null; created: boolean; error: { code: string } | null }[];
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

  it('gateways import-django: a dry run reports without creating, the import creates, a bad file is refused', async () => {
    const names = async () => lastJson<{ name: string }[]>(await s.cli(['gateways', 'list', '--json'])).map((g) => g.name);

    const dry = await s.cli(['gateways', 'import-django', DJANGO_DUMP, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const planned = lastJson<DjangoImport>(dry);
    expect(planned).toMatchObject({ dryRun: true, created: 0 });
    expect(planned.data.map((i) => [i.name, i.created, i.error])).toEqual([
      ['clickatell', false, null],
      ['sms-global', false, null],
    ]);
    const readable = await s.cli(['gateways', 'import-django', DJANGO_DUMP, '--dry-run']);
    expect(readable.code).toBe(0);
    expect(readable.stdout).toContain('Clickatell (pk 1) → clickatell: ok, would be created');
    expect(readable.stdout).toMatch(/not carried {2}reply_date_format: /);
    expect(readable.stdout).toContain('dry run, nothing created: 2 of 2 gateways can be imported');
    expect(await names()).not.toContain('clickatell');

    const real = await s.cli(['gateways', 'import-django', DJANGO_DUMP]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('SMS Global (pk 2) → sms-global: created');
    expect(real.stdout).toContain('2 of 2 gateways created');
    expect(await names()).toEqual(expect.arrayContaining(['clickatell', 'sms-global']));

    // Again: both exist, nothing is imported: exit 5 (some gateways could not be imported).
    const again = await s.cli(['gateways', 'import-django', DJANGO_DUMP, '--json']);
    expect(again.code).toBe(5);
    expect(lastJson<DjangoImport>(again).data.map((i) => i.error?.code)).toEqual(['gateway_exists', 'gateway_exists']);

    const notJson = join(s.dir, 'not-json.json');
    await writeFile(notJson, 'name,base_url\nClickatell,https://example.invalid\n');
    const refused = await s.cli(['gateways', 'import-django', notJson, '--json']);
    expect(refused.code).toBe(2);
    expect(lastJson(refused)).toMatchObject({ error: { code: 'usage', message: expect.stringContaining('is not JSON') }, exitCode: 2 });

    const wrongShape = join(s.dir, 'wrong-shape.json');
    await writeFile(wrongShape, JSON.stringify({ gateways: [{ name: 'Clickatell' }] }));
    const wrong = await s.cli(['gateways', 'import-django', wrongShape]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("is not a dump of django-sms-gateway's gateways");
    expect(wrong.stdout).toBe('');
    expect((await s.cli(['gateways', 'import-django', join(s.dir, 'missing.json')])).code).toBe(2);
  });
});
