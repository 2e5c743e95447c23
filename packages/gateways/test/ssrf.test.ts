import { describe, expect, it } from 'vitest';
import { assertUrlAllowed, isPrivateAddress } from '../src/ssrf.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.255',
    '169.254.169.254',
    '0.0.0.0',
    '0.1.2.3',
    '192.0.0.8',
    '198.18.0.1',
    '198.19.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '240.0.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.1.2.3',
    '::ffff:a9fe:a9fe',
    '[::1]',
    '0:0:0:0:0:ffff:7f00:1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::',
    '::127.0.0.1',
    'not-an-ip',
    '',
    '1.2.3',
    '256.1.1.1',
  ])('%s is private', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '169.253.0.1',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '2001:4860:4860::8888',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe('assertUrlAllowed', () => {
  const refused = { status: 422, code: 'gateway_url_not_allowed' };

  it.each([
    'ftp://example.com/',
    'file:///etc/passwd',
    'not a url',
    'http://user:secret@example.com/',
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]:8080/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/',
    'http://localhost:6379/',
    'http://does-not-exist.invalid/',
  ])('refuses %s', async (url) => {
    await expect(assertUrlAllowed(url, false)).rejects.toMatchObject(refused);
  });

  it('accepts a public IP literal without resolving anything', async () => {
    await expect(assertUrlAllowed('https://93.184.215.14/sms', false)).resolves.toBeUndefined();
  });

  it('accepts private hosts when allowed, but never other schemes or credentials', async () => {
    await expect(assertUrlAllowed('http://127.0.0.1:4010/send', true)).resolves.toBeUndefined();
    await expect(assertUrlAllowed('http://localhost/', true)).resolves.toBeUndefined();
    await expect(assertUrlAllowed('gopher://127.0.0.1/', true)).rejects.toMatchObject(refused);
    await expect(assertUrlAllowed('http://a:b@127.0.0.1/', true)).rejects.toMatchObject(refused);
  });

  it('does not echo credentials in its error', async () => {
    await expect(assertUrlAllowed('http://user:hunter2@example.com/', false)).rejects.toSatisfy(
      (err: Error) => !err.message.includes('hunter2'),
    );
  });
});
