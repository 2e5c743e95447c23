import { describe, expect, it } from 'vitest';
import { mapStatus, parseStatusCallback } from '../../src/callbacks/parse-status.js';
import { expectInvalid, formPost, jsonPost, request, statusConfig } from './helpers.js';

const BASE = 'https://smsgw.example.test/callbacks/gw/tok/status';

describe('parseStatusCallback: form and query providers', () => {
  const twilio = statusConfig({
    source: 'form',
    messageId: 'MessageSid',
    status: 'MessageStatus',
    errorCode: 'ErrorCode',
    statusMap: { queued: 'accepted', sent: 'sent', delivered: 'delivered', undelivered: 'failed', failed: 'failed' },
  });

  it("reads Twilio's form status callback", () => {
    const req = formPost(BASE, {
      AccountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      ApiVersion: '2010-04-01',
      From: '+15005550006',
      MessageSid: 'SM1342fe1b2c904d1ab04f0fc7a58abca9',
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
      SmsSid: 'SM1342fe1b2c904d1ab04f0fc7a58abca9',
      To: '+15005550001',
    });
    expect(parseStatusCallback(twilio, req)).toEqual([
      {
        gatewayMessageId: 'SM1342fe1b2c904d1ab04f0fc7a58abca9',
        providerStatus: 'undelivered',
        status: 'failed',
        errorCode: '30003',
        at: undefined,
        charge: undefined,
        currency: undefined,
        reference: undefined,
        partIndex: undefined,
        partCount: undefined,
      },
    ]);
  });

  it("reads SMS Global's GET report with its %y%m%d%H%M time", () => {
    const cfg = statusConfig({
      messageId: 'msgid',
      status: 'dlrstatus',
      errorCode: 'dlr_err',
      timestamp: { path: 'donedate', format: '%y%m%d%H%M' },
      statusMap: { DELIVRD: 'delivered', UNDELIV: 'failed', EXPIRED: 'expired' },
    });
    const [r] = parseStatusCallback(cfg, request({ url: `${BASE}?msgid=6016789012345&dlrstatus=DELIVRD&dlr_err=000&donedate=1409021245` }));
    expect(r?.status).toBe('delivered');
    expect(r?.errorCode).toBe('000');
    expect(r?.at?.toISOString()).toBe('2014-09-02T12:45:00.000Z');
  });

  it("reads Clickatell's callback with a unix time and a charge", () => {
    const cfg = statusConfig({
      messageId: 'apiMsgId',
      status: 'status',
      timestamp: { path: 'timestamp', format: 'unix' },
      charge: 'charge',
      reference: 'cliMsgId',
      statusMap: { '004': 'delivered', '005': 'failed', '003': 'sent' },
    });
    const url = `${BASE}?api_id=12345&apiMsgId=996f364775e24b8432f45d77da8eca47&cliMsgId=msg_01J&timestamp=1218007814&to=15005550001&from=15005550006&status=004&charge=0.300000`;
    const [r] = parseStatusCallback(cfg, request({ url }));
    expect(r).toMatchObject({
      gatewayMessageId: '996f364775e24b8432f45d77da8eca47',
      status: 'delivered',
      charge: '0.300000',
      reference: 'msg_01J',
    });
    expect(r?.at?.toISOString()).toBe('2008-08-06T07:30:14.000Z');
  });

  it("reads Kannel's report with numeric DLR types and part numbers", () => {
    const cfg = statusConfig({
      messageId: 'id',
      status: 'type',
      timestamp: { path: 'ts', format: '%Y-%m-%d %H:%M:%S', timezone: '+01:00' },
      partIndex: 'part',
      partCount: 'parts',
      statusMap: { '1': 'delivered', '2': 'failed', '8': 'accepted', '16': 'failed' },
    });
    const [r] = parseStatusCallback(cfg, request({ url: `${BASE}?id=abc&type=1&ts=2024-03-01+10%3A20%3A30&part=0&parts=3` }));
    expect(r).toMatchObject({ status: 'delivered', partIndex: 0, partCount: 3 });
    expect(r?.at?.toISOString()).toBe('2024-03-01T09:20:30.000Z');
  });
});

describe('parseStatusCallback: JSON providers', () => {
  it("reads every entry of Infobip's results array (each)", () => {
    const cfg = statusConfig({
      source: 'json',
      each: 'results',
      messageId: 'messageId',
      status: 'status.groupName',
      errorCode: 'error.id',
      timestamp: { path: 'doneAt', format: 'iso' },
      charge: 'price.pricePerMessage',
      currency: 'price.currency',
      reference: 'callbackData',
      statusMap: { DELIVERED: 'delivered', UNDELIVERABLE: 'failed', EXPIRED: 'expired', PENDING: 'buffered', REJECTED: 'failed' },
    });
    const body = {
      results: [
        {
          bulkId: 'BULK-ID-123-xyz',
          messageId: 'MESSAGE-ID-123-xyz',
          to: '15005550001',
          sentAt: '2019-11-09T16:00:00.000+0000',
          doneAt: '2019-11-09T16:00:00.000+0000',
          smsCount: 1,
          price: { pricePerMessage: 0.01, currency: 'EUR' },
          status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET' },
          error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', permanent: false },
          callbackData: 'msg_01',
        },
        {
          messageId: '12db39c3-7822-4e72-a3ec-c87442c0ffc5',
          doneAt: 'not a date',
          price: { pricePerMessage: 'free', currency: 'EUR' },
          status: { groupName: 'Something new' },
          error: { id: 0 },
        },
      ],
    };
    const reports = parseStatusCallback(cfg, jsonPost(BASE, body));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({
      gatewayMessageId: 'MESSAGE-ID-123-xyz',
      status: 'delivered',
      errorCode: '0',
      charge: '0.01',
      currency: 'EUR',
      reference: 'msg_01',
    });
    expect(reports[0]?.at?.toISOString()).toBe('2019-11-09T16:00:00.000Z');
    // Unmapped word: kept for the record, not applied; a bad time or charge is not an error.
    expect(reports[1]).toMatchObject({ providerStatus: 'Something new', status: undefined, at: undefined, charge: undefined });
  });

  it("reads Sinch's recipient report from nested JSON", () => {
    const cfg = statusConfig({
      messageId: 'batch_id',
      status: 'status',
      errorCode: 'code',
      timestamp: { path: 'at', format: 'iso' },
      reference: 'client_reference',
      statusMap: { Delivered: 'delivered', Failed: 'failed', Expired: 'expired', Dispatched: 'sent' },
    });
    const body = {
      at: '2022-08-30T08:16:08.930Z',
      batch_id: '01FC66621XXXXX119Z8PMV1QPQ',
      client_reference: 'msg_02',
      code: 0,
      recipient: '15005550001',
      status: 'Delivered',
      type: 'recipient_delivery_report_sms',
    };
    const [r] = parseStatusCallback(cfg, jsonPost(BASE, body));
    expect(r).toMatchObject({ gatewayMessageId: '01FC66621XXXXX119Z8PMV1QPQ', status: 'delivered', errorCode: '0', reference: 'msg_02' });
    expect(r?.at?.toISOString()).toBe('2022-08-30T08:16:08.930Z');
  });

  it('reads numbers as their decimal strings, keeping a charge sign', () => {
    const cfg = statusConfig({ source: 'json', messageId: 'id', status: 'code', charge: 'price', statusMap: { '1': 'delivered' } });
    const [r] = parseStatusCallback(cfg, jsonPost(BASE, { id: 42, code: 1, price: -0.0075 }));
    expect(r).toMatchObject({ gatewayMessageId: '42', status: 'delivered', charge: '-0.0075' });
  });
});

describe('parseStatusCallback: refusals', () => {
  const cfg = statusConfig({ source: 'auto', messageId: 'data.id', status: 'data.status', statusMap: { ok: 'delivered' } });

  it('names the missing field, never a value', () => {
    expectInvalid(
      () => parseStatusCallback(cfg, jsonPost(BASE, { data: { status: 'ok', to: '+15005550001' } })),
      "Callback is missing field 'data.id'",
    );
    const msg = expectInvalid(
      () => parseStatusCallback(cfg, jsonPost(BASE, { data: { id: 'SMabc', to: '+15005550001' } })),
      /'data\.status'/,
    );
    expect(msg).not.toContain('SMabc');
    expect(msg).not.toContain('15005550001');
  });

  it('treats empty, null, object and array values as missing', () => {
    for (const id of ['', '   ', null, { a: 1 }, [1]]) {
      expectInvalid(() => parseStatusCallback(cfg, jsonPost(BASE, { data: { id, status: 'ok' } })), /'data\.id'/);
    }
  });

  it('names the entry when one of many is incomplete', () => {
    const each = statusConfig({ each: 'results', messageId: 'id', status: 's', statusMap: {} });
    expectInvalid(
      () => parseStatusCallback(each, jsonPost(BASE, { results: [{ id: 'a', s: 'x' }, { s: 'y' }] })),
      "Callback entry 1 of 'results' is missing field 'id'",
    );
    expectInvalid(() => parseStatusCallback(each, jsonPost(BASE, { results: 'nope' })), "'results' is missing or not a list");
    expect(parseStatusCallback(each, jsonPost(BASE, { results: [] }))).toEqual([]);
  });

  it('refuses an absurdly long message id', () => {
    expectInvalid(
      () => parseStatusCallback(cfg, jsonPost(BASE, { data: { id: 'x'.repeat(1000), status: 'ok' } })),
      /'data\.id' is too long/,
    );
  });

  it('malformed JSON is a 400', () => {
    expectInvalid(
      () => parseStatusCallback(cfg, request({ method: 'POST', rawBody: '{"data":', contentType: 'application/json' })),
      /JSON/,
    );
  });

  it('a 1 MB body with the fields in it parses', () => {
    const [r] = parseStatusCallback(cfg, jsonPost(BASE, { data: { id: 'm', status: 'ok', pad: 'p'.repeat(1_000_000) } }));
    expect(r?.status).toBe('delivered');
  });
});

describe('optional fields are validated, not trusted', () => {
  const cfg = statusConfig({ messageId: 'id', status: 's', charge: 'c', currency: 'cur', partIndex: 'pi', partCount: 'pc', statusMap: {} });
  const parse = (q: string) => parseStatusCallback(cfg, request({ url: `${BASE}?id=1&s=x&${q}` }))[0];

  it('keeps numeric charges as sent and drops the rest', () => {
    for (const ok of ['0.0075', '-0.0075', '+1', '12', '.5', '1e-3']) expect(parse(`c=${encodeURIComponent(ok)}`)?.charge).toBe(ok);
    for (const bad of ['abc', '1,5', 'NaN', 'Infinity', '1e400', '0x10', '1.2.3', '€1'])
      expect(parse(`c=${encodeURIComponent(bad)}`)?.charge).toBeUndefined();
  });

  it('reads part numbers only as small non-negative integers (count ≥ 1)', () => {
    expect(parse('pi=2&pc=3')).toMatchObject({ partIndex: 2, partCount: 3 });
    expect(parse('pi=-1&pc=0')).toMatchObject({ partIndex: undefined, partCount: undefined });
    expect(parse('pi=1.5&pc=abc')).toMatchObject({ partIndex: undefined, partCount: undefined });
  });

  it('drops an overlong currency', () => {
    expect(parse('cur=EUR')?.currency).toBe('EUR');
    expect(parse(`cur=${'E'.repeat(100)}`)?.currency).toBeUndefined();
  });
});

describe('mapStatus', () => {
  const map = { DELIVRD: 'delivered', delivrd: 'failed', '2': 'failed' } as const;
  it('matches exactly first, then ignoring case', () => {
    expect(mapStatus(map, 'DELIVRD')).toBe('delivered');
    expect(mapStatus(map, 'delivrd')).toBe('failed');
    expect(mapStatus({ DELIVRD: 'delivered' }, 'Delivrd')).toBe('delivered');
    expect(mapStatus(map, '2')).toBe('failed');
    expect(mapStatus(map, 'unknown')).toBeUndefined();
  });

  it('never finds inherited properties', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(mapStatus(map, word)).toBeUndefined();
  });
});
