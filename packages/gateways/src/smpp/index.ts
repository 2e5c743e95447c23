export { SmppBind, SmppUnavailableError, type BindOptions } from './bind.js';
export { parseSmppGatewayConfig, resolveAnyGatewayConfig, sendCapabilities } from './config.js';
export { concatOf, parseDeliverSm, type ConcatInfo, type ParsedMo, type ParsedReceipt } from './deliver.js';
export { encodeGsm7, encodeUcs2, planSubmit, splitParts, type SubmitPlan } from './encode.js';
export {
  createPdu,
  decodedText,
  decodePdu,
  num as pduNumber,
  smpp,
  str as pduString,
  type Pdu,
  type SmppSession,
} from './lib.js';
export type { BindMode } from './session.js';
export { classifyCommandStatus } from './status.js';
export { submitMessage, type SubmitResult } from './submit.js';
