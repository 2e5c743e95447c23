export { backoffMs, SmppBind, SmppUnavailableError, type BindOptions, type BindState, type Lease, type SmppLog } from './bind.js';
export { parseSmppGatewayConfig, resolveAnyGatewayConfig, sendCapabilities } from './config.js';
export {
  concatOf,
  parseDeliverSm,
  parseReceiptDate,
  parseReceiptText,
  type ConcatInfo,
  type Inbound,
  type ParsedMo,
  type ParsedReceipt,
} from './deliver.js';
export {
  concatUdh,
  destinationAddress,
  encodeGsm7,
  encodeUcs2,
  planSubmit,
  sourceAddress,
  splitParts,
  type Address,
  type OutboundMessage,
  type SubmitPlan,
} from './encode.js';
export {
  createPdu,
  decodedText,
  decodePdu,
  num as pduNumber,
  smpp,
  str as pduString,
  type DecodedText,
  type Pdu,
  type SmppLib,
  type SmppSession,
} from './lib.js';
export {
  messageIdOf,
  Session as SmppSessionConnection,
  SmppBindRejectedError,
  type BindMode,
  type RequestResult,
  type SessionOptions,
} from './session.js';
export { BIND_FAULTS, classifyCommandStatus, COMMAND_STATUS, statusName } from './status.js';
export { submitMessage, type SubmitOptions, type SubmitResult } from './submit.js';
export { Window as SmppWindow, WindowFullError } from './window.js';
