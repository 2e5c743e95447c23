/** The sandbox SMS provider: start one in-process with {@link createSandbox}. */
export { createSandbox } from './server.js';
export { DEFAULT_BEHAVIOUR, parseBehaviour } from './behaviour.js';
export { countParts } from './segments.js';
export { InboundError } from './inbound.js';
export { loadConfig } from './config.js';
export type { SandboxConfig } from './config.js';
export type {
  Behaviour,
  BehaviourRules,
  DlrPayload,
  DlrStatus,
  InboundMessage,
  InboundResult,
  RecordedReport,
  RecordedRequest,
  RequestOutcome,
  Sandbox,
  SandboxMode,
  SandboxOptions,
  SandboxOutcome,
} from './types.js';
