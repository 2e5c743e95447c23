import type { Logger } from 'pino';
import type { JobName, JobTarget } from '@smsgw/core';

/**
 * What a processor is told about the job it runs, besides the payload: the one context every
 * processor takes (worker.ts builds it from BullMQ's job; tests build it by hand). Processors
 * steer retries by throwing core's job errors, never through the context.
 */
export type JobContext<N extends JobName = JobName> = {
  /** Attempts made before this one (0 on the first). */
  readonly attemptsMade: number;
  /** The job's attempt budget: this is the last attempt when `attemptsMade + 1 >= maxAttempts`. */
  readonly maxAttempts: number;
  /** A child logger of this job (jobId and, for a send, messageId, gateway, attempt). */
  readonly log: Logger;
} & Readonly<JobTarget<N>>;

/** True on the job's last attempt: a failure now is final. */
export function isLastAttempt(ctx: Pick<JobContext, 'attemptsMade' | 'maxAttempts'>): boolean {
  return ctx.attemptsMade + 1 >= ctx.maxAttempts;
}
