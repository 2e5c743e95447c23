import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyCallbackSignature } from '../../src/callbacks/signatures.js';
import type { SignatureConfig } from '../../src/config/schema.js';
import { FORM, formPost, request } from './helpers.js';

const twilio: SignatureConfig = { scheme: 'twilio', secret: '{{credentials.authToken}}' };
const plivo: SignatureConfig = { scheme: 'plivo-v3', secret: '{{credentials.authToken}}' };

/** Twilio's documented algorithm, written out independently of the code under test. */
function twilioSign(token: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

describe('twilio', () => {
  // The worked example of Twilio's webhook security documentation (auth token "12345").
  const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const docParams = (caller: string) => ({
    CallSid: 'CA1234567890ABCDE',
    Caller: caller,
    Digits: '1234',
    From: caller,
    To: '+18005551212',
  });

  it("accepts the documentation's examples", () => {
    const a = formPost(DOC_URL, docParams('+14158675310'), { 'x-twilio-signature': 'GvWf1cFY/Q7PnoempGyD5oXAezc=' });
    expect(verifyCallbackSignature(twilio, a, '12345')).toEqual({ ok: true });
    const b = formPost(DOC_URL, docParams('+14158675309'), { 'x-twilio-signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' });
    expect(verifyCallbackSignature(twilio, b, '12345')).toEqual({ ok: true });
  });

  it('rejects a tampered parameter, a wrong token, another URL', () => {
    const header = { 'x-twilio-signature': 'GvWf1cFY/Q7PnoempGyD5oXAezc=' };
    expect(verifyCallbackSignature(twilio, formPost(DOC_URL, { ...docParams('+14158675310'), Digits: '9999' }, header), '12345').ok).toBe(
      false,
    );
    expect(verifyCallbackSignature(twilio, formPost(DOC_URL, docParams('+14158675310'), header), '54321').ok).toBe(false);
    expect(verifyCallbackSignature(twilio, formPost(`${DOC_URL}&x=1`, docParams('+14158675310'), header), '12345').ok).toBe(false);
  });

  it('accepts the URL signed with or without the default port', () => {
    const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
    const signedWithPort = twilioSign('tok', 'https://smsgw.example.test:443/cb?t=1', params);
    expect(
      verifyCallbackSignature(
        twilio,
        formPost('https://smsgw.example.test/cb?t=1', params, { 'x-twilio-signature': signedWithPort }),
        'tok',
      ).ok,
    ).toBe(true);
    const signedWithout = twilioSign('tok', 'https://smsgw.example.test/cb?t=1', params);
    expect(
      verifyCallbackSignature(
        twilio,
        formPost('https://smsgw.example.test:443/cb?t=1', params, { 'x-twilio-signature': signedWithout }),
        'tok',
      ).ok,
    ).toBe(true);
  });

  it('signs a GET over the URL alone', () => {
    const url = 'https://smsgw.example.test/cb?MessageSid=SM1&MessageStatus=sent';
    const sig = twilioSign('tok', url, {});
    expect(verifyCallbackSignature(twilio, request({ url, headers: { 'x-twilio-signature': sig } }), 'tok').ok).toBe(true);
  });

  it('includes repeated form parameters, each value sorted', () => {
    const body = 'b=2&a=z&a=y';
    const sig = createHmac('sha1', 'tok')
      .update('https://x.test/cbaya' + 'z' + 'b2')
      .digest('base64');
    const req = request({
      method: 'POST',
      url: 'https://x.test/cb',
      rawBody: body,
      contentType: FORM,
      headers: { 'x-twilio-signature': sig },
    });
    expect(verifyCallbackSignature(twilio, req, 'tok').ok).toBe(true);
  });

  it('checks a JSON body through bodySHA256', () => {
    const body = '{"MessageSid":"SM1","MessageStatus":"delivered"}';
    const url = `https://smsgw.example.test/cb?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const sig = twilioSign('tok', url, {});
    const ok = request({ method: 'POST', url, rawBody: body, contentType: 'application/json', headers: { 'x-twilio-signature': sig } });
    expect(verifyCallbackSignature(twilio, ok, 'tok').ok).toBe(true);
    const tampered = { ...ok, rawBody: body.replace('delivered', 'failed') };
    expect(verifyCallbackSignature(twilio, tampered, 'tok')).toEqual({ ok: false, reason: 'bodySHA256 does not match the body' });
  });

  it('rejects a missing header, a forged one and one of the wrong length', () => {
    const params = { MessageSid: 'SM1' };
    const url = 'https://x.test/cb';
    expect(verifyCallbackSignature(twilio, formPost(url, params), 'tok')).toEqual({
      ok: false,
      reason: 'missing X-Twilio-Signature header',
    });
    const forged = createHmac('sha1', 'other')
      .update(url + 'MessageSidSM1')
      .digest('base64');
    expect(verifyCallbackSignature(twilio, formPost(url, params, { 'x-twilio-signature': forged }), 'tok').ok).toBe(false);
    const short = twilioSign('tok', url, params).slice(0, 20);
    expect(verifyCallbackSignature(twilio, formPost(url, params, { 'x-twilio-signature': short }), 'tok').ok).toBe(false);
    expect(verifyCallbackSignature(twilio, formPost(url, params, { 'x-twilio-signature': '!!not base64!!' }), 'tok').ok).toBe(false);
  });
});

describe('plivo-v3', () => {
  // Vectors from Plivo's own SDK test suite (plivo-go utils_test.go, TestValidateSignatureV3Pass1-4).
  const TOKEN = 'Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4';
  const NONCE = '31627761595286130198';
  const WITH_QUERY = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d';
  const NO_QUERY = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml';
  const PARAMS: Record<string, string> = {
    Direction: 'outbound',
    From: '19792014278',
    ALegUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    CallStatus: 'in-progress',
    BillRate: '0.002',
    ParentAuthID: 'MANWVLYTK4ZWU1YTY4QA',
    To: 'sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com',
    ALegRequestUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    CallUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    RequestUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    'SIP-H-To': '<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1',
    SessionStart: '2020-04-08 11:34:33.238707',
    Event: 'StartApp',
  };
  const headers = (sig: string) => ({ 'x-plivo-signature-v3': sig, 'x-plivo-signature-v3-nonce': NONCE });
  const getUrl = (base: string) => {
    const u = new URL(base);
    for (const [k, v] of Object.entries(PARAMS)) u.searchParams.append(k, v);
    return u.toString();
  };

  it("accepts the SDK's POST vectors, with and without a query", () => {
    expect(
      verifyCallbackSignature(plivo, formPost(WITH_QUERY, PARAMS, headers('k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c=')), TOKEN),
    ).toEqual({ ok: true });
    expect(
      verifyCallbackSignature(plivo, formPost(NO_QUERY, PARAMS, headers('iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=')), TOKEN),
    ).toEqual({ ok: true });
  });

  it("accepts the SDK's GET vectors (parameters in the query, decoded and sorted)", () => {
    expect(
      verifyCallbackSignature(
        plivo,
        request({ url: getUrl(WITH_QUERY), headers: headers('UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ=') }),
        TOKEN,
      ).ok,
    ).toBe(true);
    expect(
      verifyCallbackSignature(
        plivo,
        request({ url: getUrl(NO_QUERY), headers: headers('i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc=') }),
        TOKEN,
      ).ok,
    ).toBe(true);
  });

  it('accepts any of several comma-separated signatures, and the main-account header', () => {
    const good = 'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=';
    const other = createHmac('sha256', 'rotated-token').update('x').digest('base64');
    expect(verifyCallbackSignature(plivo, formPost(NO_QUERY, PARAMS, headers(`${other},${good}`)), TOKEN).ok).toBe(true);
    const ma = { 'x-plivo-signature-ma-v3': good, 'x-plivo-signature-v3': other, 'x-plivo-signature-v3-nonce': NONCE };
    expect(verifyCallbackSignature(plivo, formPost(NO_QUERY, PARAMS, ma), TOKEN).ok).toBe(true);
  });

  it('a signature computed independently for a simple POST verifies', () => {
    const url = 'https://smsgw.example.test/cb/status';
    const params = { MessageUUID: 'u1', Status: 'delivered' };
    const sig = createHmac('sha256', 'tok').update(`${url}?MessageUUIDu1Statusdelivered.n1`).digest('base64');
    const req = formPost(url, params, { 'x-plivo-signature-v3': sig, 'x-plivo-signature-v3-nonce': 'n1' });
    expect(verifyCallbackSignature(plivo, req, 'tok').ok).toBe(true);
  });

  it('rejects a tampered body, another nonce, a forged or short signature, missing headers', () => {
    const sig = 'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=';
    expect(verifyCallbackSignature(plivo, formPost(NO_QUERY, { ...PARAMS, CallStatus: 'completed' }, headers(sig)), TOKEN).ok).toBe(false);
    const otherNonce = { 'x-plivo-signature-v3': sig, 'x-plivo-signature-v3-nonce': '1' };
    expect(verifyCallbackSignature(plivo, formPost(NO_QUERY, PARAMS, otherNonce), TOKEN).ok).toBe(false);
    expect(verifyCallbackSignature(plivo, formPost(NO_QUERY, PARAMS, headers(sig)), 'wrong-token').ok).toBe(false);
    expect(verifyCallbackSignature(plivo, formPost(NO_QUERY, PARAMS, headers(sig.slice(0, 24))), TOKEN).ok).toBe(false);
    expect(verifyCallbackSignature(plivo, formPost(NO_QUERY, PARAMS, { 'x-plivo-signature-v3': sig }), TOKEN)).toEqual({
      ok: false,
      reason: 'missing X-Plivo-Signature-V3 or X-Plivo-Signature-V3-Nonce header',
    });
    expect(verifyCallbackSignature(plivo, formPost(NO_QUERY, PARAMS, { 'x-plivo-signature-v3-nonce': NONCE }), TOKEN).ok).toBe(false);
  });
});

describe('any scheme', () => {
  it("'none' passes and an empty secret fails", () => {
    expect(verifyCallbackSignature({ scheme: 'none' }, request({}), '')).toEqual({ ok: true });
    expect(verifyCallbackSignature(twilio, request({ headers: { 'x-twilio-signature': 'x' } }), '')).toEqual({
      ok: false,
      reason: 'no signature secret is configured',
    });
  });

  it('verifies a 1 MB form body without trouble', { timeout: 20_000 }, () => {
    const params: Record<string, string> = {};
    for (let i = 0; i < 50_000; i++) params[`k${i}`] = `value${i}`;
    const url = 'https://x.test/cb';
    const sig = twilioSign('tok', url, params);
    const req = formPost(url, params, { 'x-twilio-signature': sig });
    expect(req.rawBody.length).toBeGreaterThan(700_000);
    expect(verifyCallbackSignature(twilio, req, 'tok').ok).toBe(true);
    const repeated = request({
      method: 'POST',
      url,
      rawBody: 'a=1&'.repeat(250_000),
      contentType: FORM,
      headers: { 'x-plivo-signature-v3': 'x', 'x-plivo-signature-v3-nonce': 'n' },
    });
    expect(verifyCallbackSignature(plivo, repeated, 'tok').ok).toBe(false);
  });
});
