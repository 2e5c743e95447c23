import type { SendOutcome } from '../classify.js';
import type { SmppStatusRule } from './schema.js';

/**
 * SMPP command statuses (SMPP 3.4 §5.1.3, 5.0 §4.7.6) and what each means for a message, in the
 * outcome classes every gateway's answers are sorted into (classify.ts).
 */
export const COMMAND_STATUS = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDLEN: 0x02,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RINVPRTFLG: 0x06,
  ESME_RINVREGDLVFLG: 0x07,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RINVMSGID: 0x0c,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RMSGQFUL: 0x14,
  ESME_RINVSERTYP: 0x15,
  ESME_RINVESMCLASS: 0x43,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RINVSRCTON: 0x48,
  ESME_RINVSRCNPI: 0x49,
  ESME_RINVDSTTON: 0x50,
  ESME_RINVDSTNPI: 0x51,
  ESME_RINVSYSTYP: 0x53,
  ESME_RTHROTTLED: 0x58,
  ESME_RINVSCHED: 0x61,
  ESME_RINVEXPIRY: 0x62,
  ESME_RX_T_APPN: 0x64,
  ESME_RX_P_APPN: 0x65,
  ESME_RX_R_APPN: 0x66,
  ESME_RINVTLVSTREAM: 0xc0,
  ESME_RTLVNOTALLWD: 0xc1,
  ESME_RINVTLVLEN: 0xc2,
  ESME_RMISSINGTLV: 0xc3,
  ESME_RINVTLVVAL: 0xc4,
  ESME_RDELIVERYFAILURE: 0xfe,
  ESME_RUNKNOWNERR: 0xff,
  ESME_RSERTYPUNAUTH: 0x100,
  ESME_RPROHIBITED: 0x101,
  ESME_RSERTYPUNAVAIL: 0x102,
  ESME_RSERTYPDENIED: 0x103,
  ESME_RINVDCS: 0x104,
} as const;

const NAMES = new Map<number, string>(Object.entries(COMMAND_STATUS).map(([name, code]) => [code, name]));

/** `ESME_RTHROTTLED (0x58)`, or the hex code alone for a vendor status. */
export function statusName(status: number): string {
  const hex = `0x${status.toString(16).padStart(2, '0')}`;
  const name = NAMES.get(status);
  return name ? `${name} (${hex})` : `command_status ${hex}`;
}

const s = COMMAND_STATUS;
const THROTTLED = new Set<number>([s.ESME_RTHROTTLED, s.ESME_RMSGQFUL]);
/** The account, the bind or our PDUs are wrong: no message would fare better here, another gateway may. */
const GATEWAY_FAULT = new Set<number>([
  s.ESME_RINVCMDLEN,
  s.ESME_RINVCMDID,
  s.ESME_RINVBNDSTS,
  s.ESME_RALYBND,
  s.ESME_RINVPRTFLG,
  s.ESME_RINVREGDLVFLG,
  s.ESME_RBINDFAIL,
  s.ESME_RINVPASWD,
  s.ESME_RINVSYSID,
  s.ESME_RINVSERTYP,
  s.ESME_RINVESMCLASS,
  s.ESME_RINVSRCTON,
  s.ESME_RINVSRCNPI,
  s.ESME_RINVDSTTON,
  s.ESME_RINVDSTNPI,
  s.ESME_RINVSYSTYP,
  s.ESME_RINVTLVSTREAM,
  s.ESME_RTLVNOTALLWD,
  s.ESME_RINVTLVLEN,
  s.ESME_RMISSINGTLV,
  s.ESME_RINVTLVVAL,
  s.ESME_RSERTYPUNAUTH,
  s.ESME_RPROHIBITED,
  s.ESME_RSERTYPUNAVAIL,
  s.ESME_RSERTYPDENIED,
  s.ESME_RINVDCS,
]);
/** This message cannot be sent (bad number, too long, bad schedule or expiry): failing over will not help. */
const MESSAGE_FAULT = new Set<number>([
  s.ESME_RINVMSGLEN,
  s.ESME_RINVSRCADR,
  s.ESME_RINVDSTADR,
  s.ESME_RINVSCHED,
  s.ESME_RINVEXPIRY,
  s.ESME_RX_P_APPN,
  s.ESME_RX_R_APPN,
  s.ESME_RDELIVERYFAILURE,
]);

function ruleFor(rules: readonly SmppStatusRule[], status: number): SmppStatusRule | undefined {
  return rules.find((r) => (Array.isArray(r.status) ? r.status.includes(status) : r.status === status));
}

/**
 * What a submit_sm_resp (or generic_nack) with `status` means. The config's rules come first
 * (vendor codes); then: 0 accepted, throttling statuses throttled, account/bind/PDU problems the
 * gateway's fault, the message's own problems permanent, and everything else — ESME_RSYSERR,
 * ESME_RX_T_APPN, ESME_RSUBMITFAIL, unknown codes — temporary: the SMSC answered that it did not
 * take the message, so trying again cannot send it twice.
 */
export function classifyCommandStatus(
  status: number,
  messageId: string | undefined,
  rules: readonly SmppStatusRule[],
  throttleRetryMs: number,
): SendOutcome {
  if (status === 0) return { kind: 'accepted', gatewayMessageId: messageId };
  const error = statusName(status);
  const rule = ruleFor(rules, status);
  if (rule) {
    switch (rule.outcome) {
      case 'permanent':
        return { kind: 'permanent', error, gatewayFault: rule.gatewayFault ?? GATEWAY_FAULT.has(status), httpStatus: undefined };
      case 'temporary':
        return { kind: 'temporary', error, httpStatus: undefined };
      case 'throttled':
        return { kind: 'throttled', error, retryAfterMs: throttleRetryMs };
      case 'ambiguous':
        return { kind: 'ambiguous', error };
    }
  }
  if (THROTTLED.has(status)) return { kind: 'throttled', error, retryAfterMs: throttleRetryMs };
  if (GATEWAY_FAULT.has(status)) return { kind: 'permanent', error, gatewayFault: true, httpStatus: undefined };
  if (MESSAGE_FAULT.has(status)) return { kind: 'permanent', error, gatewayFault: false, httpStatus: undefined };
  return { kind: 'temporary', error, httpStatus: undefined };
}
