import type { FastifyBaseLogger } from 'fastify';

/** How the sandbox answers `POST /api/send` (see README, "Behaviour"). */
export type SandboxMode =
  | 'ok'
  | 'http500'
  | 'http503'
  | 'http429'
  | 'http401'
  | 'reject'
  | 'hang'
  | 'slow'
  | 'reset'
  /** Accepts the message (it is sent, reported and found by a lookup), then never answers: a lost answer. */
  | 'acceptHang';

/** The final delivery status the sandbox reports for an accepted message; `none` sends no report. */
export type SandboxOutcome = 'delivered' | 'failed' | 'expired' | 'none';

/** Status words used in delivery reports, in the provider's vocabulary. */
export type DlrStatus = 'DELIVERED' | 'FAILED' | 'BUFFERED' | 'EXPIRED';

/** Every knob that shapes how the sandbox misbehaves. All of them have defaults. */
export interface Behaviour {
  /** Delay before any answer to a send, in milliseconds. */
  latencyMs: number;
  /** Probability (0..1) that an otherwise good send gets a 500. */
  failureRate: number;
  mode: SandboxMode;
  /** Value of `Retry-After` in mode `http429`. */
  retryAfterSeconds: number;
  /** Extra delay in mode `slow`, in milliseconds. */
  slowMs: number;
  /** The first N sends per recipient (while this knob is set) get a 503. */
  failFirst: number;
  outcome: SandboxOutcome;
  /** Delay before each delivery report, in milliseconds. */
  dlrDelayMs: number;
  /** Send a BUFFERED report before the final one. */
  intermediate: boolean;
  /** Send the final report this many extra times. */
  dlrDuplicates: number;
  /** Deliver the reports before answering the send request. */
  dlrBeforeResponse: boolean;
}

/** Per-recipient behaviour overrides, keyed by the recipient's digits (no `+`). */
export type BehaviourRules = Record<string, Partial<Behaviour>>;

/** Options of {@link createSandbox}; the behaviour knobs given here are the start behaviour. */
export interface SandboxOptions extends Partial<Behaviour> {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 so the sandbox is never exposed by accident. */
  host?: string;
  /** When set, sends must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  rules?: BehaviourRules;
  /** Report URL used when a send has no `status_url`. */
  statusUrl?: string;
  /** Reply URL used by inbound messages when no other one is known. */
  replyUrl?: string;
  /** Random source for `failureRate`, injectable for deterministic tests. Default Math.random. */
  random?: () => number;
  /** Attempts per delivery report (first try included). Default 4. */
  reportAttempts?: number;
  /** First backoff between report attempts, doubled each time. Default 50 ms. */
  reportBackoffMs?: number;
  /** Deadline of one outgoing HTTP call (report or inbound). Default 2000 ms. */
  outboundTimeoutMs?: number;
  /** Cap of recorded requests and reports each; the oldest are dropped. Default 50000. */
  maxRecords?: number;
  /** Logger; default silent. */
  logger?: FastifyBaseLogger;
  /** Credit reported by `GET /api/balance` at start (each accepted send spends 0.005). Default 100. */
  startingBalance?: number;
}

/** An accepted message as `GET /api/status` describes it. */
export interface StatusAnswer {
  id: string;
  reference: string | null;
  /** The status the provider knows now: ACCEPTED until its (first) report would have been due. */
  status: 'ACCEPTED' | DlrStatus;
  error_code: string | null;
  parts: number;
  accepted_at: string;
}

/** What happened to a recorded send request. */
export type RequestOutcome = 'pending' | 'answered' | 'hang' | 'reset';

/** One `POST /api/send` as the sandbox received it. */
export interface RecordedRequest {
  /** Increasing sequence number, unique per sandbox. */
  seq: number;
  /** ISO time the request was received. */
  time: string;
  method: string;
  path: string;
  /** Request headers; `authorization` is redacted. */
  headers: Record<string, string>;
  /** Parsed body fields, as strings. */
  params: Record<string, string>;
  /** Recipient digits without `+`, or null when missing or invalid. */
  to: string | null;
  /** HTTP status answered, or null when none was (hang, reset, still pending). */
  status: number | null;
  outcome: RequestOutcome;
  /** Message id given when accepted. */
  id: string | null;
  /** Error code answered, if any. */
  errorCode: string | null;
}

/** The JSON body of a delivery report. */
export interface DlrPayload {
  id: string;
  reference: string | null;
  status: DlrStatus;
  error_code: string | null;
  timestamp: number;
  price: string;
  parts: number;
}

/** One attempt to deliver a report. */
export interface RecordedReport {
  seq: number;
  time: string;
  url: string;
  /** 1 for the first try of a report, 2.. for its retries. */
  attempt: number;
  payload: DlrPayload;
  /** Receiver's HTTP status, or null when the call failed. */
  responseStatus: number | null;
  /** Network error message when the call failed. */
  error: string | null;
}

/** An inbound message (a reply from a phone) to push to the client. */
export interface InboundMessage {
  /** The phone that replies. */
  from: string;
  /** The number or sender id it replies to. */
  to: string;
  text: string;
  reference?: string;
  /** Where to post it; default the last reply_url seen for this pair, then the start option. */
  reply_url?: string;
}

/** What the receiver of an inbound message answered. */
export interface InboundResult {
  status: number;
  body: string;
  messageId: string;
  url: string;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  /** Send requests received, oldest first; `to` (with or without `+`) filters by recipient. */
  requests(to?: string): RecordedRequest[];
  /** Report delivery attempts, oldest first. */
  reports(): RecordedReport[];
  /** Current global behaviour (start options merged with runtime changes). */
  behaviour(): Behaviour;
  /** Merges into the global behaviour; also restarts the failFirst counts. */
  setBehaviour(b: Partial<Behaviour>): void;
  /** Sets (or, with null, removes) the override for one recipient. */
  setRule(to: string, b: Partial<Behaviour> | null): void;
  /** Clears records and counters and restores the start behaviour and rules. */
  reset(): void;
  inbound(msg: InboundMessage): Promise<InboundResult>;
  /** Resolves once no report is scheduled or in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}
