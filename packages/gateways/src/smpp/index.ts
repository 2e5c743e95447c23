export * from './bind.js';
export * from './config.js';
export * from './deliver.js';
export * from './encode.js';
export { createPdu, decodedText, decodePdu, num as pduNumber, smpp, str as pduString, type DecodedText, type Pdu, type SmppLib, type SmppSession } from './lib.js';
export { messageIdOf, Session as SmppSessionConnection, SmppBindRejectedError, type BindMode, type RequestResult, type SessionOptions } from './session.js';
export * from './status.js';
export * from './submit.js';
export { Window as SmppWindow, WindowFullError } from './window.js';
