// The package's API, named one by one: the pipeline's Prometheus instruments, shared by the API
// and the workers so both count under the same names (docs/metrics.md lists them).
export {
  GATEWAY_RESPONSE_CLASSES,
  METRIC_NAMES,
  messageMetrics,
  NO_GATEWAY,
  UNKNOWN_CAUSES,
  WEBHOOK_RESULTS,
  type GatewayResponseClass,
  type MessageMetrics,
  type UnknownCause,
  type WebhookResult,
} from './instruments.js';
export { instrumentHotPath, observeReportApplied, observeStatusChange, transitionObserver } from './observe.js';
export { QUEUE_STATES, queueDepthGauge, type CountableQueue, type QueueDepthOptions } from './queue-depth.js';
export { pipelineQueueNames } from './queue-names.js';
export { CHECK_TIMEOUT_MS, checkReadiness, type CheckState, type ReadinessDeps, type ReadinessReport } from './readiness.js';
