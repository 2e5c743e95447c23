/**
 * What a job's processor throws to steer its retries. Processors stay free of BullMQ: they throw
 * these, and the worker wrapper alone turns them into BullMQ's terms (UnrecoverableError for
 * permanent, RateLimitError plus a queue pause for throttled; a retryable one is simply retried).
 * Anything else thrown is retried too, as an unexpected failure (a database blip, a bug).
 *
 * BullMQ keeps the message in Redis as the job's failedReason: never put a phone number, a body,
 * a credential or a provider's own text (which may echo them) in it.
 */
export abstract class JobError extends Error {
  /** How the worker treats the failure. */
  abstract readonly failure: 'retryable' | 'permanent' | 'throttled';
}

/** This attempt failed but another may succeed: retried with the job's backoff, using an attempt. */
export class RetryableJobError extends JobError {
  override name = 'RetryableJobError';
  readonly failure = 'retryable';
}

/** No attempt can succeed (the row is gone, the handler does not exist, the last try failed): no retry. */
export class PermanentJobError extends JobError {
  override name = 'PermanentJobError';
  readonly failure = 'permanent';
}

/**
 * The other side asked us to slow down: the job's whole queue pauses for `retryAfterMs` (on every
 * worker) and the job goes back without using an attempt.
 */
export class ThrottledJobError extends JobError {
  override name = 'ThrottledJobError';
  readonly failure = 'throttled';
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number, message = `throttled for ${retryAfterMs} ms`) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}
