import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countSegments } from '@smsgw/core';
import {
  classifyCommandStatus,
  createPdu,
  decodePdu,
  encodeGsm7,
  gatewayKindOf,
  parseDeliverSm,
  parseSmppGatewayConfig,
  planSubmit,
  resolveAnyGatewayConfig,
  splitParts,
  type Pdu,
} from '@smsgw/gateways';

/** Encodes then decodes a PDU with the smpp package, as the other side of the wire would read it. */
function wire(command: string, fields: Record<string, unknown>): Pdu {
  return decodePdu(createPdu(command, { ...fields, sequence_number: 1 }).toBuffer());
}

const cfg = parseSmppGatewayConfig({ kind: 'smpp', host: '127.0.0.1' });

describe('SMPP config', () => {
  it('defaults: transceiver, window 10, GSM-7 as data_coding 0, UCS-2 as 8, UDH for long messages', () => {
    expect(cfg).toMatchObject({
      port: 2775,
      tls: false,
      bindMode: 'transceiver',
      window: 10,
      dataCoding: { gsm7: 0, ucs2: 8 },
      longMessages: 'udh',
      registeredDelivery: true,
    });
    expect(cfg.credentials.map((c) => c.name)).toEqual(['system_id', 'password']);
  });

  it('HTTP stays the default kind; `kind: "smpp"` selects SMPP, and refuses a preset', () => {
    expect(gatewayKindOf({ send: {} })).toBe('http');
    expect(gatewayKindOf({ kind: 'smpp' })).toBe('smpp');
    expect(resolveAnyGatewayConfig('sandbox', null).kind).toBeUndefined();
    expect(resolveAnyGatewayConfig(null, { kind: 'smpp', host: 'smsc.example' }).kind).toBe('smpp');
    expect(() => resolveAnyGatewayConfig('sandbox', { kind: 'smpp', host: 'x' })).toThrow(/not a preset/);
    expect(() => parseSmppGatewayConfig({ kind: 'smpp', host: 'x', window: 0 })).toThrow(/window/);
  });
});

describe('splitting and encoding', () => {
  it('splits exactly as countSegments counts (GSM-7 160/153 with escapes, UCS-2 70/67 with surrogates)', () => {
    const alphabet = ['a', 'b', ' ', '€', '[', '^', 'é', 'Ω', '😀', 'ж', '\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 700 }), (chars) => {
        const content = chars.join('');
        const seg = countSegments(content);
        const parts = splitParts(content, seg.encoding);
        expect(parts).toHaveLength(seg.segments);
        expect(parts.join('')).toBe(content);
      }),
    );
  });

  it('GSM-7 goes as unpacked GSM 03.38 (the extension table behind 0x1B), decoded back by the smpp package', () => {
    expect([...encodeGsm7('@£$A€[')]).toEqual([0x00, 0x01, 0x02, 0x41, 0x1b, 0x65, 0x1b, 0x3c]);
    const plan = planSubmit(cfg, { to: '+447700900123', from: 'ACME', content: 'Hi {you} €5 @home', encoding: 'gsm7', segments: 1 }, 1);
    const pdu = wire('submit_sm', plan.pdus[0] ?? {});
    expect(pdu['data_coding']).toBe(0);
    expect(pdu['short_message']).toEqual({ message: 'Hi {you} €5 @home' });
    expect(pdu).toMatchObject({
      destination_addr: '447700900123',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      source_addr: 'ACME',
      source_addr_ton: 5,
      source_addr_npi: 0,
      registered_delivery: 1,
    });
  });

  it('a long message: UDH parts with one 8-bit reference, numbered 1..n; or one message_payload PDU', () => {
    const content = `${'x'.repeat(153)}€${'y'.repeat(160)}`;
    const plan = planSubmit(cfg, { to: '+447700900123', from: undefined, content, encoding: 'gsm7', segments: 3 }, 201);
    expect(plan.pdus).toHaveLength(countSegments(content).segments);
    const udhs = plan.pdus.map((p) => [...(p['short_message'] as Buffer).subarray(0, 6)]);
    expect(udhs).toEqual([1, 2, 3].map((i) => [5, 0, 3, 201, 3, i]));
    expect(plan.pdus.every((p) => p['esm_class'] === 0x40)).toBe(true);
    const payload = planSubmit(
      { ...cfg, longMessages: 'payload' },
      { to: '+447700900123', from: undefined, content, encoding: 'gsm7', segments: 3 },
      1,
    );
    expect(payload.pdus).toHaveLength(1);
    expect(wire('submit_sm', payload.pdus[0] ?? {})['message_payload']).toEqual({ message: content });
  });

  it('UCS-2 is data_coding 8, UTF-16BE; a GSM-only SMSC refuses it as the gateway’s fault', () => {
    const plan = planSubmit(cfg, { to: '+15550001', from: '+15550002', content: 'Привет 😀', encoding: 'ucs2', segments: 1 }, 1);
    const pdu = wire('submit_sm', plan.pdus[0] ?? {});
    expect(pdu['data_coding']).toBe(8);
    expect(pdu['short_message']).toEqual({ message: 'Привет 😀' });
    expect(pdu).toMatchObject({ source_addr: '15550002', source_addr_ton: 1 });
    expect(() =>
      planSubmit({ ...cfg, unicode: false }, { to: '+1555', from: undefined, content: 'ж', encoding: 'ucs2', segments: 1 }, 1),
    ).toThrow(/Unicode/);
  });
});

describe('command statuses', () => {
  const c = (status: number) => classifyCommandStatus(status, 'id1', [], 500);
  it('map onto the outcome classes', () => {
    expect(c(0)).toEqual({ kind: 'accepted', gatewayMessageId: 'id1' });
    expect(c(0x58)).toMatchObject({ kind: 'throttled', retryAfterMs: 500 });
    expect(c(0x14)).toMatchObject({ kind: 'throttled' });
    expect(c(0x0b)).toMatchObject({ kind: 'permanent', gatewayFault: false, error: 'ESME_RINVDSTADR (0x0b)' });
    expect(c(0x0e)).toMatchObject({ kind: 'permanent', gatewayFault: true });
    expect(c(0x08)).toMatchObject({ kind: 'temporary' });
    expect(c(0x401)).toMatchObject({ kind: 'temporary', error: 'command_status 0x401' });
    expect(classifyCommandStatus(0x401, undefined, [{ status: [0x401], outcome: 'permanent', gatewayFault: true }], 0)).toMatchObject({
      kind: 'permanent',
      gatewayFault: true,
    });
  });
});

describe('deliver_sm', () => {
  it('a receipt in the text convention', () => {
    const pdu = wire('deliver_sm', {
      esm_class: 4,
      short_message: Buffer.from('id:1A2B sub:001 dlvrd:001 submit date:2401021504 done date:2401021505 stat:DELIVRD err:000 text:hello'),
    });
    expect(parseDeliverSm(pdu)).toEqual({
      kind: 'receipt',
      receipt: expect.objectContaining({
        gatewayMessageId: '1A2B',
        status: 'delivered',
        providerStatus: 'DELIVRD',
        errorCode: undefined,
        at: new Date('2024-01-02T15:05:00Z'),
      }),
    });
  });

  it('the TLVs win over the text; unknown words are reported without a status; the config maps words', () => {
    const pdu = wire('deliver_sm', {
      esm_class: 4,
      receipted_message_id: 'abc',
      message_state: 5,
      short_message: Buffer.from('id:zzz stat:DELIVRD err:012'),
    });
    expect(parseDeliverSm(pdu)).toMatchObject({
      kind: 'receipt',
      receipt: { gatewayMessageId: 'abc', status: 'failed', errorCode: '012' },
    });
    const odd = wire('deliver_sm', { esm_class: 4, short_message: Buffer.from('id:9 stat:WEIRD') });
    expect(parseDeliverSm(odd)).toMatchObject({ kind: 'receipt', receipt: { status: undefined, providerStatus: 'WEIRD' } });
    expect(parseDeliverSm(odd, { WEIRD: 'expired' })).toMatchObject({ kind: 'receipt', receipt: { status: 'expired' } });
  });

  it('anything else is an inbound message, with its concatenation header read', () => {
    const pdu = wire('deliver_sm', {
      source_addr_ton: 1,
      source_addr: '447700900123',
      destination_addr: '12345',
      esm_class: 0x40,
      data_coding: 8,
      short_message: Buffer.concat([Buffer.from([5, 0, 3, 9, 2, 1]), Buffer.from('жж', 'utf16le').swap16()]),
    });
    expect(parseDeliverSm(pdu)).toEqual({
      kind: 'mo',
      mo: { from: '+447700900123', to: '12345', text: 'жж', concat: { reference: 9, total: 2, seq: 1 }, dataCoding: 8 },
    });
  });
});
