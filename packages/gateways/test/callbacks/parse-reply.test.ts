import { describe, expect, it } from 'vitest';
import { MAX_REPLY_TEXT, parseReplyCallback } from '../../src/callbacks/parse-reply.js';
import { expectInvalid, formPost, jsonPost, replyConfig, request } from './helpers.js';

const BASE = 'https://smsgw.example.test/callbacks/gw/tok/reply';

describe('parseReplyCallback', () => {
  it("reads Twilio's inbound form", () => {
    const cfg = replyConfig({ source: 'form', from: 'From', to: 'To', text: 'Body', providerId: 'MessageSid' });
    const req = formPost(BASE, {
      ToCountry: 'US',
      SmsMessageSid: 'SM2c1e5a3e1b8f4a4d9e0f5b6c7d8e9f00',
      NumMedia: '0',
      Body: '  Yes, see you at 5 ✅  ',
      To: '+15005550006',
      From: '+15005550001',
      MessageSid: 'SM2c1e5a3e1b8f4a4d9e0f5b6c7d8e9f00',
    });
    expect(parseReplyCallback(cfg, req)).toEqual([
      {
        from: '+15005550001',
        to: '+15005550006',
        text: '  Yes, see you at 5 ✅  ',
        at: undefined,
        providerId: 'SM2c1e5a3e1b8f4a4d9e0f5b6c7d8e9f00',
        reference: undefined,
      },
    ]);
  });

  it("reads SMS Global's GET with a naive local time", () => {
    const cfg = replyConfig({
      from: 'from',
      to: 'to',
      text: 'msg',
      timestamp: { path: 'date', format: '%Y-%m-%d %H:%M:%S', timezone: 'Australia/Sydney' },
    });
    const [r] = parseReplyCallback(
      cfg,
      request({ url: `${BASE}?to=61400000000&from=61400000001&msg=Hello+there&userfield=&date=2015-09-01+12%3A00%3A00` }),
    );
    expect(r).toMatchObject({ from: '61400000001', to: '61400000000', text: 'Hello there' });
    expect(r?.at?.toISOString()).toBe('2015-09-01T02:00:00.000Z');
  });

  it("reads each of Infobip's inbound results", () => {
    const cfg = replyConfig({
      source: 'json',
      each: 'results',
      from: 'from',
      to: 'to',
      text: 'cleanText',
      timestamp: { path: 'receivedAt', format: 'iso' },
      providerId: 'messageId',
      reference: 'callbackData',
    });
    const body = {
      results: [
        {
          messageId: '817790313235066447',
          from: '15005550001',
          to: '15005550006',
          text: 'KEY Test',
          cleanText: 'Test',
          keyword: 'KEY',
          receivedAt: '2019-11-09T16:00:00.000+0000',
          smsCount: 1,
          price: { pricePerMessage: 0, currency: 'EUR' },
        },
        { messageId: '817790313235066448', from: '15005550002', cleanText: 'Second', receivedAt: 'garbage' },
      ],
      messageCount: 2,
      pendingMessageCount: 0,
    };
    const replies = parseReplyCallback(cfg, jsonPost(BASE, body));
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatchObject({ from: '15005550001', to: '15005550006', text: 'Test', providerId: '817790313235066447' });
    expect(replies[0]?.at?.toISOString()).toBe('2019-11-09T16:00:00.000Z');
    expect(replies[1]).toMatchObject({ from: '15005550002', to: undefined, text: 'Second', at: undefined });
  });

  it('reads nested JSON (Telnyx-style) paths', () => {
    const cfg = replyConfig({
      from: 'data.payload.from.phone_number',
      to: 'data.payload.to[0].phone_number',
      text: 'data.payload.text',
      providerId: 'data.payload.id',
    });
    const body = {
      data: {
        event_type: 'message.received',
        payload: { id: 'b301ed3f', from: { phone_number: '+15005550001' }, to: [{ phone_number: '+15005550006' }], text: 'Hi' },
      },
    };
    expect(parseReplyCallback(cfg, jsonPost(BASE, body))[0]).toMatchObject({
      from: '+15005550001',
      to: '+15005550006',
      text: 'Hi',
      providerId: 'b301ed3f',
    });
  });

  it('keeps an empty text (an empty SMS is still a reply)', () => {
    const cfg = replyConfig({ from: 'from', text: 'text' });
    expect(parseReplyCallback(cfg, request({ url: `${BASE}?from=123&text=` }))[0]?.text).toBe('');
  });
});

describe('parseReplyCallback: refusals', () => {
  const cfg = replyConfig({ from: 'from', text: 'text' });

  it('names the missing from or text field, never a value', () => {
    const m1 = expectInvalid(() => parseReplyCallback(cfg, request({ url: `${BASE}?text=my+secret+code` })), "missing field 'from'");
    expect(m1).not.toContain('secret');
    const m2 = expectInvalid(() => parseReplyCallback(cfg, request({ url: `${BASE}?from=15005550001` })), "missing field 'text'");
    expect(m2).not.toContain('15005550001');
    expectInvalid(() => parseReplyCallback(cfg, jsonPost(BASE, { from: '1', text: { nested: true } })), "missing field 'text'");
  });

  it(`refuses a text over ${MAX_REPLY_TEXT} characters, accepts one at the limit`, () => {
    expect(parseReplyCallback(cfg, jsonPost(BASE, { from: '1', text: 'a'.repeat(MAX_REPLY_TEXT) }))[0]?.text).toHaveLength(MAX_REPLY_TEXT);
    const msg = expectInvalid(
      () => parseReplyCallback(cfg, jsonPost(BASE, { from: '1', text: 'a'.repeat(MAX_REPLY_TEXT + 1) })),
      /'text' is longer/,
    );
    expect(msg).not.toContain('aaaa');
  });

  it('a 1 MB text is refused, not a crash', () => {
    expectInvalid(() => parseReplyCallback(cfg, formPost(BASE, { from: '1', text: 'b'.repeat(1_000_000) })), /longer/);
  });

  it('drops optional ids that are too long to be ids', () => {
    const withRef = replyConfig({ from: 'from', text: 'text', reference: 'ref', providerId: 'id' });
    const [r] = parseReplyCallback(withRef, jsonPost(BASE, { from: '1', text: 'x', ref: 'r'.repeat(300), id: 'ok' }));
    expect(r).toMatchObject({ reference: undefined, providerId: 'ok' });
  });
});
