import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * The classes a gateway's answer to a send falls in (DESIGN.md, "Sending and failure classes"),
 * the same words as the gateways package's `SendOutcome.kind`.
 */
export const GATEWAY_RESPONSE_CLASSES = ['accepted', 'temporary', 'permanent', 'throttled', 'ambiguous'] as const;
export type GatewayResponseClass = (typeof GATEWAY_RESPONSE_CLASSES)[number];

/** What one webhook delivery attempt ended as: the state its row takes. */
export const WEBHOOK_RESULTS = ['delivered', 'retrying', 'failed'] as const;
export type WebhookResult = (typeof WEBHOOK_RESULTS)[number];

/**
 * How a message came to be `unknown`: the gateway's answer was ambiguous (a timeout or a reset
 * after the request was written), or the sweep found its send stuck (a worker died mid-send).
 */
export const UNKNOWN_CAUSES = ['ambiguous', 'stuck'] as const;
export type UnknownCause = (typeof UNKNOWN_CAUSES)[number];

/** The label of a message that has no gateway yet (accepted with no route decided). */
export const NO_GATEWAY = 'none';

/**
 * The message pipeline's instruments, shared by every process (the API accepts and takes reports,
 * the workers claim, send and deliver webhooks): each process counts what it does itself, and
 * Prometheus sums the processes. Updates are in-process increments only, never a round trip.
 * Labels are closed sets or gateway names (a handful per deployment): never an id or a number.
 */
export interface MessageMetrics {
  readonly registry: Registry;
  /** Status changes this process made, by the status entered and the message's gateway. */
  readonly statusChanges: Counter<'status' | 'gateway'>;
  /** Messages that became `unknown`, by cause. */
  readonly unknown: Counter<'cause'>;
  /** Gateway answers to send attempts, by gateway and class. */
  readonly gatewayResponses: Counter<'gateway' | 'class'>;
  /** Webhook delivery attempts, by what they ended as. */
  readonly webhookDeliveries: Counter<'result'>;
  /** From accepted (or due, when scheduled) to the gateway's acceptance. */
  readonly acceptToSent: Histogram<'gateway'>;
  /** One send request's round trip to the gateway, whatever it answered. */
  readonly sendLatency: Histogram<'gateway'>;
  /** From the gateway's acceptance (`sent`) to the delivery report that settled the message. */
  readonly reportDelay: Histogram<'gateway' | 'status'>;
}

export const METRIC_NAMES = {
  statusChanges: 'smsgw_message_status_changes_total',
  unknown: 'smsgw_messages_unknown_total',
  gatewayResponses: 'smsgw_gateway_responses_total',
  webhookDeliveries: 'smsgw_webhook_deliveries_total',
  acceptToSent: 'smsgw_accept_to_sent_seconds',
  sendLatency: 'smsgw_gateway_send_seconds',
  reportDelay: 'smsgw_report_delay_seconds',
  queueJobs: 'smsgw_queue_jobs',
} as const;

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Counter<L> {
  const found = registry.getSingleMetric(name);
  // One registry may be handed to two parts of one process (the one-process demo): share the instrument.
  if (found instanceof Counter) return found as Counter<L>;
  return new Counter<L>({ name, help, labelNames, registers: [registry] });
}

function histogram<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
): Histogram<L> {
  const found = registry.getSingleMetric(name);
  if (found instanceof Histogram) return found as Histogram<L>;
  return new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });
}

/** The pipeline's instruments in `registry` (the existing ones when it has them already). */
export function messageMetrics(registry: Registry): MessageMetrics {
  return {
    registry,
    statusChanges: counter(
      registry,
      METRIC_NAMES.statusChanges,
      'Message status changes made by this process, by the status entered and the message gateway',
      ['status', 'gateway'],
    ),
    unknown: counter(
      registry,
      METRIC_NAMES.unknown,
      'Messages that became unknown (the send may or may not have reached the gateway), by cause: ambiguous answer or stuck send',
      ['cause'],
    ),
    gatewayResponses: counter(
      registry,
      METRIC_NAMES.gatewayResponses,
      'Gateway answers to send attempts, by gateway and class (accepted, temporary, permanent, throttled, ambiguous)',
      ['gateway', 'class'],
    ),
    webhookDeliveries: counter(
      registry,
      METRIC_NAMES.webhookDeliveries,
      'Webhook delivery attempts by result (delivered, retrying, failed for good)',
      ['result'],
    ),
    acceptToSent: histogram(
      registry,
      METRIC_NAMES.acceptToSent,
      'Seconds from a message accepted (or due, when scheduled) to its acceptance by the gateway',
      ['gateway'],
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    ),
    sendLatency: histogram(
      registry,
      METRIC_NAMES.sendLatency,
      'Seconds one send request to the gateway took, whatever it answered',
      ['gateway'],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    ),
    reportDelay: histogram(
      registry,
      METRIC_NAMES.reportDelay,
      'Seconds from a message sent (accepted by the gateway) to the delivery report that settled it, by gateway and status',
      ['gateway', 'status'],
      [1, 5, 15, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
    ),
  };
}
