import type { RenderedRequest, HttpResult } from '@smsgw/gateways';
import type { Db, HotPath } from '@smsgw/db';
import type { MessageMetrics } from '@smsgw/metrics';
import type { Pacer, Queues, UnsentMarkers } from '@smsgw/queues';
import type { GatewayCache } from '../gateway-cache.js';
import type { SmppSessions } from '../smpp/sessions.js';

/** What a send needs from its process (send.ts and send-outcome.ts share it). */
export interface SendDeps {
  db: Db;
  queues: Queues;
  gateways: GatewayCache;
  /** The process's grouped, prepared claim and outcome statements (each also writes event and webhook row). */
  hot: HotPath;
  /** Sends a rendered request (keep-alive per gateway); never throws. */
  http: (request: RenderedRequest) => Promise<HttpResult>;
  /** The process's SMPP binds, for gateways of kind `smpp`. */
  smpp: SmppSessions;
  publicUrl: string;
  /** Spaces each rate-limited gateway's requests evenly across all workers. */
  pacer: Pacer;
  /**
   * The longest a claimed message may wait for its rate-limit slot. Longer, and the claim is
   * handed back and the gateway's queue paused instead: a message must not sit in `sending`
   * until the sweep takes it for a crashed send and calls it `unknown`.
   */
  maxPaceWaitMs: number;
  /** "Claimed, certainly not sent yet" markers, so the sweep can tell a crash before the request from one after. */
  unsent: UnsentMarkers;
  /** Test-only: called at the fault suite's kill points (see fault-points.ts); absent in production. */
  faultPoint?: (point: FaultPoint, messageId: string) => Promise<void>;
  /** Gateway answers by class and send latency, counted in-process (the runtime passes them; tests may not). */
  metrics?: Pick<MessageMetrics, 'gatewayResponses' | 'sendLatency'>;
}

/** Where the fault suite kills a worker: after the claim, after the request, after the outcome is stored. */
export type FaultPoint = 'after-claim' | 'after-request' | 'after-outcome';

export type SendResult = 'sent' | 'failed' | 'failover' | 'unknown' | 'expired' | 'skipped';
