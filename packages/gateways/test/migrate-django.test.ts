import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatewayConfigSchema, type GatewayConfig } from '../src/config/schema.js';
import { classifyResult } from '../src/classify.js';
import { parseStatusCallback } from '../src/callbacks/parse-status.js';
import { parseReplyCallback } from '../src/callbacks/parse-reply.js';
import { mergeSettings, renderSendRequest } from '../src/render.js';
import { renderQueryRequest } from '../src/query.js';
import { readNumberCheck } from '../src/number-check.js';
import { parseBalance } from '../src/query.js';
import { convertDjangoGateways, type ConvertedDjangoGateway } from '../src/migrate/django.js';
import { request } from './callbacks/helpers.js';

// The original's example fixture (Clickatell and SMS Global), a copy of shared/reference/django-example-gateways.json.
const EXAMPLE = JSON.parse(readFileSync(new URL('./fixtures/django-example-gateways.json', import.meta.url), 'utf8')) as unknown;

const ok = (body: string, status = 200) => ({ kind: 'response' as const, status, headers: {}, body, truncated: false });
const configOf = (g: ConvertedDjangoGateway): GatewayConfig => gatewayConfigSchema.parse(g.gateway.config);
const outcome = (g: ConvertedDjangoGateway, field: string) => g.report.filter((r) => r.field === field).map((r) => r.outcome);

function convertExample(timezone?: string) {
  const result = convertDjangoGateways(EXAMPLE, timezone === undefined ? {} : { timezone });
  const [clickatell, smsglobal] = result.gateways;
  if (clickatell === undefined || smsglobal === undefined) throw new Error('both example gateways convert');
  return { result, clickatell, smsglobal };
}

function sendForm(g: ConvertedDjangoGateway, content = 'Hello') {
  const config = configOf(g);
  const req = renderSendRequest(config, {
    to: '+447700900123',
    from: 'IGNORED',
    content,
    encoding: 'gsm7',
    segments: 1,
    messageId: 'msg_01JD0000000000000000000000',
    statusCallbackUrl: 'https://smsgw.example/s',
    replyCallbackUrl: 'https://smsgw.example/r',
    credentials: g.gateway.credentials,
    settings: mergeSettings(config, g.gateway.settings),
  });
  return { req, form: Object.fromEntries(new URLSearchParams(req.body ?? '')) };
}

describe('the example gateways of django-sms-gateway', () => {
  it('both convert, named for smsgw, with the preset of their provider suggested', () => {
    const { result, clickatell, smsglobal } = convertExample();
    expect(result.rejected).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect([clickatell.gateway.name, clickatell.source, clickatell.suggestedPreset]).toEqual([
      'clickatell',
      { pk: 1, name: 'Clickatell' },
      'clickatell',
    ]);
    expect([smsglobal.gateway.name, smsglobal.source, smsglobal.suggestedPreset]).toEqual([
      'sms-global',
      { pk: 2, name: 'SMS Global' },
      'smsglobal',
    ]);
  });

  it('sends what the original sent: the settings, then the recipient without "+", the text and our id under its keywords', () => {
    const { clickatell, smsglobal } = convertExample();
    const c = sendForm(clickatell);
    expect([c.req.method, c.req.url, c.req.headers['content-type']]).toEqual([
      'POST',
      'https://api.clickatell.com/http/sendmsg',
      'application/x-www-form-urlencoded',
    ]);
    expect(c.form).toEqual({
      api_id: 'YOUR_API_ID',
      user: 'YOUR_USER',
      password: 'YOUR_PASSWORD',
      from: 'YOUR_SENDER',
      concat: '3',
      to: '447700900123',
      text: 'Hello',
      climsgid: 'msg_01JD0000000000000000000000',
    });
    const s = sendForm(smsglobal);
    expect(s.req.url).toBe('http://www.smsglobal.com/http-api.php');
    expect(s.form).toEqual({
      action: 'sendsms',
      user: 'YOUR_USER',
      password: 'YOUR_PASSWORD',
      from: 'YOUR_SENDER',
      maxsplit: '3',
      api: '1',
      to: '447700900123',
      text: 'Hello',
      userfield: 'msg_01JD0000000000000000000000',
    });
  });

  it('keeps secrets as encrypted credentials and the rest as settings, and says which values are placeholders', () => {
    const { clickatell } = convertExample();
    expect(clickatell.gateway.credentials).toEqual({ api_id: 'YOUR_API_ID', user: 'YOUR_USER', password: 'YOUR_PASSWORD' });
    expect(clickatell.gateway.settings).toEqual({ baseUrl: 'https://api.clickatell.com', from: 'YOUR_SENDER', concat: '3' });
    expect(clickatell.report.find((r) => r.field === 'settings.password')?.note).toMatch(/placeholder/);
    expect(clickatell.report.find((r) => r.field === 'settings.concat')?.note).not.toMatch(/placeholder/);
  });

  it('classifies send answers as the original read them, and an unreadable 2xx as unknown rather than a crash', () => {
    const { clickatell, smsglobal } = convertExample();
    const c = configOf(clickatell);
    expect(classifyResult(c, ok('ID: 996411ad91fa211e7d17bc873aa4a41d'))).toEqual({
      kind: 'accepted',
      gatewayMessageId: '996411ad91fa211e7d17bc873aa4a41d',
    });
    expect(classifyResult(c, ok('ERR: 001, Authentication failed'))).toMatchObject({
      kind: 'permanent',
      error: '001, Authentication failed',
    });
    expect(classifyResult(c, ok('WARN: 301, No credit'))).toMatchObject({ kind: 'permanent', error: '301, No credit' });
    expect(classifyResult(c, ok('something else'))).toMatchObject({ kind: 'ambiguous' });
    expect(classifyResult(c, ok('x', 503))).toMatchObject({ kind: 'temporary' });
    const s = configOf(smsglobal);
    // The original's pattern ends in a carriage return, as SMS Global's answers do.
    const answer = 'OK: 0; Sent queued message ID: 86b1a945370734f4 SMSGlobalMsgID:6942744494999745\r\n';
    expect(classifyResult(s, ok(answer))).toEqual({ kind: 'accepted', gatewayMessageId: '6942744494999745' });
    expect(classifyResult(s, ok('ERROR: 8 - Invalid Mobile Number'))).toMatchObject({
      kind: 'permanent',
      error: '8 - Invalid Mobile Number',
    });
    // Anchored like re.match: the id pattern further down the body does not count.
    expect(classifyResult(c, ok('Note\nID: 1'))).toMatchObject({ kind: 'ambiguous' });
  });

  it("reads the status postbacks the original's docs describe, through the original's mapping", () => {
    const { clickatell, smsglobal } = convertExample('+10:00');
    const c = configOf(clickatell).statusCallback;
    if (c === undefined) throw new Error('a status callback');
    const url =
      'https://smsgw.example/sms/status_postback/?apiMsgId=996411ad91fa211e7d17bc873aa4a41d&cliMsgId=&timestamp=1218007814&to=279995631564&status=003';
    expect(parseStatusCallback(c, request({ url }))).toMatchObject([
      {
        gatewayMessageId: '996411ad91fa211e7d17bc873aa4a41d',
        providerStatus: '003',
        status: 'delivered',
        errorCode: '003',
        at: new Date('2008-08-06T07:30:14.000Z'),
      },
    ]);
    const s = configOf(smsglobal).statusCallback;
    if (s === undefined) throw new Error('a status callback');
    // Naive SMS Global times are read in the site's zone given to the import.
    const report = parseStatusCallback(
      s,
      request({
        url: 'https://smsgw.example/sms/status_postback/?msgid=6942744494999745&dlrstatus=EXPIRED&dlr_err=000&donedate=1311251430',
      }),
    );
    expect(report).toMatchObject([
      { gatewayMessageId: '6942744494999745', status: 'failed', errorCode: '000', at: new Date('2013-11-25T04:30:00.000Z') },
    ]);
    expect(s.timestamp).toEqual({ path: 'donedate', format: '%y%m%d%H%M', timezone: '+10:00' });
    expect(c.timestamp).toEqual({ path: 'timestamp', format: 'unix' });
  });

  it('takes replies where the original did, matched by the echoed reference', () => {
    const { clickatell, smsglobal } = convertExample();
    expect(configOf(clickatell).replyCallback).toBeUndefined();
    const cfg = configOf(smsglobal).replyCallback;
    if (cfg === undefined) throw new Error('a reply callback');
    const url =
      'https://smsgw.example/sms/reply_postback/?to=61447100250&from=61409317436&msg=Yes+please&userfield=msg_01JD0000000000000000000000&date=2013-11-25+14%3A31%3A00';
    expect(parseReplyCallback(cfg, request({ url }))).toMatchObject([
      { from: '61409317436', text: 'Yes please', reference: 'msg_01JD0000000000000000000000', at: new Date('2013-11-25T14:31:00.000Z') },
    ]);
  });

  it('reports every field: carried, changed (and how), or not carried', () => {
    const { clickatell, smsglobal } = convertExample();
    expect(outcome(clickatell, 'status_error_code')).toEqual(['changed']);
    expect(outcome(clickatell, 'status_date_format')).toEqual(['changed']);
    expect(outcome(clickatell, 'reply_date_format')).toEqual(['not_carried']);
    expect(outcome(smsglobal, 'reply_date_format')).toEqual(['carried']);
    expect(outcome(smsglobal, 'content_keyword')).toEqual(['carried']);
    expect(smsglobal.report.find((r) => r.field === 'content_keyword')?.note).toMatch(/ASCII/);
    expect(configOf(smsglobal).send.unicode.supported).toBe(false);
    for (const g of [clickatell, smsglobal]) {
      for (const field of [
        'name',
        'base_url',
        'recipient_keyword',
        'content_keyword',
        'uuid_keyword',
        'success_format',
        'status_mapping',
        'status_msg_id',
        'status_status',
      ]) {
        expect(outcome(g, field).length, `${g.gateway.name}: ${field}`).toBeGreaterThan(0);
      }
    }
  });
});

/** A row using every field the examples leave empty. */
const FULL = {
  model: 'sms.gateway',
  pk: 7,
  fields: {
    name: 'Full Gateway',
    base_url: 'https://sms.example.com/api/send?v=2',
    settings: { username: 'u', api_key: 'k', route: 'premium', flash: false, nested: { a: 1 } },
    recipient_keyword: 'msisdn',
    content_keyword: 'message',
    uuid_keyword: null,
    charge_keyword: 'cost',
    success_format: 'OK (?P<status_code>\\d+) (?P<gateway_message_id>\\w+)',
    error_format: 'FAIL: (?P<status_message>.*)',
    status_mapping: { '0': 'Sent', '7': 'Failed', '9': 'Unsent', X: 'Bogus' },
    status_msg_id: 'id',
    status_status: 'st',
    status_error_code: null,
    status_date: 'when',
    status_date_format: '%d %b %Y',
    reply_content: 'body',
    reply_sender: null,
    reply_date: null,
    reply_date_format: '%Y-%m-%d %H:%M:%S',
    check_number_url: 'https://sms.example.com/api/check',
    check_number_field: 'num',
    check_number_response_format: 'STATUS=(?P<status>\\w+) COST=(?P<charge>[\\d.]+)',
    check_number_status_mapping: { OK: 'available', NO: 'unavailable', MAYBE: 'who knows' },
    query_balance_url: 'https://billing.example.net/balance',
    query_balance_params: ['username', 'api_key', 'missing'],
    query_balance_response_format: '(?i)credit: (?P<balance>[\\d.]+)',
    colour: 'blue',
  },
};

describe('every field of the original', () => {
  const result = convertDjangoGateways([
    FULL,
    { model: 'sms.message', pk: 1, fields: {} },
    { nope: true },
    { model: 'sms.gateway', pk: 9, fields: { name: 'x' } },
  ]);
  const g = result.gateways[0];
  if (g === undefined) throw new Error('the full row converts');
  const config = configOf(g);

  it('skips other models and rejects rows it cannot send with, saying why', () => {
    expect(result.skipped).toEqual([{ index: 1, model: 'sms.message' }]);
    expect(result.rejected.map((r) => [r.index, r.error])).toEqual([
      [2, 'not a dumpdata entry of sms.gateway ({"model", "pk", "fields"})'],
      [3, 'cannot send without base_url (an http or https URL), recipient_keyword, content_keyword'],
    ]);
  });

  it('turns error_format, the ERR/WARN rule and status codes mapped to Failed or Unsent into rules', () => {
    expect(classifyResult(config, ok('FAIL: no route'))).toMatchObject({ kind: 'permanent', error: 'no route' });
    expect(classifyResult(config, ok('OK 7 abc'))).toMatchObject({ kind: 'permanent' });
    expect(classifyResult(config, ok('OK 9 abc'))).toMatchObject({ kind: 'temporary' });
    expect(classifyResult(config, ok('OK 0 abc'))).toEqual({ kind: 'accepted', gatewayMessageId: 'abc' });
    expect(classifyResult(config, ok('OK 70 abc'))).toEqual({ kind: 'accepted', gatewayMessageId: 'abc' });
  });

  it('sends settings as Python wrote them, leaves out what it cannot send, and keeps the query of base_url', () => {
    const { req, form } = sendForm(g);
    expect(req.url).toBe('https://sms.example.com/api/send?v=2');
    expect(form).toEqual({ username: 'u', api_key: 'k', route: 'premium', flash: 'False', msisdn: '447700900123', message: 'Hello' });
    expect(outcome(g, 'settings.nested')).toEqual(['not_carried']);
    expect(outcome(g, 'colour')).toEqual(['not_carried']);
  });

  it('reads the charge; a date format it cannot read leaves the time out; an unmapped status is dropped from the map', () => {
    expect(config.statusCallback).toMatchObject({
      messageId: 'id',
      status: 'st',
      charge: 'cost',
      statusMap: { '0': 'sent', '7': 'failed', '9': 'buffered' },
    });
    expect(config.statusCallback?.timestamp).toBeUndefined();
    expect(g.report.find((r) => r.field === 'status_date')).toMatchObject({ outcome: 'not_carried', note: expect.stringMatching(/%b/) });
    expect(g.report.find((r) => r.field === 'status_mapping' && r.to.includes('config.statusCallback.statusMap'))?.note).toMatch(
      /X → "Bogus"/,
    );
  });

  it('needs the sender field to take replies', () => {
    expect(config.replyCallback).toBeUndefined();
    expect(outcome(g, 'reply_content')).toEqual(['not_carried']);
  });

  it('checks numbers: the settings plus the number, status mapped to a verdict, the charge read on its own', () => {
    const req = renderQueryRequest(config, 'numberCheck', {
      credentials: g.gateway.credentials,
      settings: mergeSettings(config, g.gateway.settings),
      number: '+447700900123',
    });
    expect(req.url).toBe('https://sms.example.com/api/check');
    expect(Object.fromEntries(new URLSearchParams(req.body ?? ''))).toEqual({
      username: 'u',
      api_key: 'k',
      route: 'premium',
      flash: 'False',
      num: '447700900123',
    });
    expect(readNumberCheck(config, ok('STATUS=OK COST=0.05'))).toEqual({
      status: 'valid',
      providerStatus: 'OK',
      charge: '0.05',
      currency: undefined,
    });
    expect(readNumberCheck(config, ok('STATUS=NO COST=0'))).toMatchObject({ status: 'invalid' });
    expect(readNumberCheck(config, ok('STATUS=MAYBE COST=0'))).toMatchObject({ status: 'unknown', providerStatus: 'MAYBE' });
    expect(outcome(g, 'check_number_status_mapping')).toEqual(['changed']);
  });

  it('refuses a balance pattern with inline flags, naming them', () => {
    expect(config.balance).toBeUndefined();
    expect(g.report.find((r) => r.field === 'query_balance_url')).toMatchObject({
      outcome: 'not_carried',
      note: expect.stringMatching(/\(\?i\)/),
    });
  });

  it('carries a balance query on another host as written, with the named settings', () => {
    const fields = { ...FULL.fields, query_balance_response_format: 'credit: (?P<balance>[\\d.]+)' };
    const [converted] = convertDjangoGateways([{ ...FULL, fields }]).gateways;
    if (converted === undefined) throw new Error('converts');
    const cfg = configOf(converted);
    const req = renderQueryRequest(cfg, 'balance', {
      credentials: converted.gateway.credentials,
      settings: mergeSettings(cfg, converted.gateway.settings),
    });
    expect(req.url).toBe('https://billing.example.net/balance');
    expect(Object.fromEntries(new URLSearchParams(req.body ?? ''))).toEqual({ username: 'u', api_key: 'k' });
    expect(parseBalance(cfg, ok('credit: 12.50'))).toEqual({ balance: '12.50', currency: undefined });
    expect(outcome(converted, 'query_balance_params')).toEqual(['changed']);
  });
});
