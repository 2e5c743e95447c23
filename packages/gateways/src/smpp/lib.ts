import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Server, Socket } from 'node:net';

/**
 * The `smpp` package (0.5.1) as typed values. It ships no types, so it is loaded as `unknown`,
 * checked for the few members used here, and read through the narrowing helpers below: nothing
 * of it leaks into the rest of the code untyped. Only its PDU codec and its session framing are
 * used; sockets, timers, windows and reconnects are ours (bind.ts, session.ts).
 */

/** A decoded or to-be-encoded PDU. Fields are the SMPP names (`message_id`, `short_message`…). */
export interface Pdu {
  readonly command: string;
  readonly command_id: number;
  readonly command_status: number;
  sequence_number: number;
  isResponse(): boolean;
  response(options?: Record<string, unknown>): Pdu;
  toBuffer(): Buffer;
  readonly [field: string]: unknown;
}

/** One SMPP connection, either side. Emits 'pdu', 'error' and 'close'. */
export interface SmppSession extends EventEmitter {
  readonly socket: Socket;
  /** False when the socket is no longer writable: nothing was written. */
  send(pdu: Pdu): boolean;
  close(callback?: () => void): void;
  destroy(callback?: () => void): void;
  pause(): void;
  resume(): void;
}

export interface SmppLib {
  Session: new (options: { socket: Socket }) => SmppSession;
  /** A command name and fields, or the bytes of a whole PDU to decode. */
  PDU: new (
    command: string | Buffer,
    options?: Record<string, unknown>,
  ) => Pdu;
  createServer(options: Record<string, unknown>, listener: (session: SmppSession) => void): Server;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

function load(): SmppLib {
  const required: unknown = createRequire(import.meta.url)('smpp');
  if (!isRecord(required)) throw new Error('the smpp package did not load');
  const { Session, PDU, createServer } = required;
  if (typeof Session !== 'function' || typeof PDU !== 'function' || typeof createServer !== 'function') {
    throw new Error('the smpp package lacks Session, PDU or createServer (expected smpp@0.5.x)');
  }
  // Checked above: the three members this module types are present and callable.
  return { Session, PDU, createServer } as SmppLib;
}

/** The package, loaded once per process (it keeps module-level codec tables anyway). */
export const smpp: SmppLib = load();

/** Creates a PDU; `options` are SMPP field names. Buffers pass the package's text codecs untouched. */
export function createPdu(command: string, options: Record<string, unknown> = {}): Pdu {
  return new smpp.PDU(command, options);
}

/** Decodes the bytes of one whole PDU (tests: what the other side of the wire reads). */
export function decodePdu(bytes: Buffer): Pdu {
  return new smpp.PDU(bytes);
}

export function str(pdu: Pdu, field: string): string | undefined {
  const v = pdu[field];
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('latin1');
  return undefined;
}

export function num(pdu: Pdu, field: string): number | undefined {
  const v = pdu[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * A short_message / message_payload as the package decodes it: `{ udh?: Buffer[], message }`
 * where `message` is text (a coding it knows) or bytes (one it does not).
 */
export interface DecodedText {
  udh: Buffer[];
  text: string | undefined;
  bytes: Buffer | undefined;
}

export function decodedText(pdu: Pdu, field: 'short_message' | 'message_payload'): DecodedText | undefined {
  const v = pdu[field];
  if (v === undefined || v === null) return undefined;
  if (Buffer.isBuffer(v)) return { udh: [], text: undefined, bytes: v };
  if (typeof v === 'string') return { udh: [], text: v, bytes: undefined };
  if (!isRecord(v)) return undefined;
  const udh = Array.isArray(v['udh']) ? v['udh'].filter((b): b is Buffer => Buffer.isBuffer(b)) : [];
  const message = v['message'];
  if (typeof message === 'string') return { udh, text: message, bytes: undefined };
  if (Buffer.isBuffer(message)) return { udh, text: undefined, bytes: message };
  return { udh, text: undefined, bytes: undefined };
}
