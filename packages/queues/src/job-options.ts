import { JOBS, type JobBackoff, type JobName, type JobPayload, type JobRetention, type JobSpec, type JobTarget } from '@smsgw/core';

/**
 * The BullMQ options of a job, computed from the job catalog (core/jobs.ts) and the process's
 * configuration. Pure: no BullMQ here, the options are plain data that BullMQ's `add` takes.
 */

/** What a process's configuration may change of a job's retry policy; the catalog has the defaults. */
export interface JobOverride {
  attempts?: number | undefined;
  /** First retry's delay (ms); the catalog's backoff type and jitter stay. */
  backoffMs?: number | undefined;
}
export type JobOverrides = Partial<Record<JobName, JobOverride>>;

/** The queue settings every process reads from its configuration (SMSGW_SEND_ATTEMPTS, …). */
export interface QueueSettings {
  queuePrefix: string;
  sendAttempts: number;
  sendBackoffMs: number;
  webhookAttempts: number;
  webhookBackoffMs: number;
}

/** The configuration knobs as overrides; both webhook lanes share the webhook's (one budget per delivery). */
export function overridesFrom(s: Partial<Omit<QueueSettings, 'queuePrefix'>>): JobOverrides {
  const webhook = { attempts: s.webhookAttempts, backoffMs: s.webhookBackoffMs };
  return { send: { attempts: s.sendAttempts, backoffMs: s.sendBackoffMs }, webhook, webhookSlow: webhook };
}

/** Per add, besides the payload. */
export interface EnqueueOptions {
  /** Run no sooner than this many ms from now (a scheduled send: `sendDelayMs`). */
  delayMs?: number | undefined;
  priority?: number | undefined;
  /**
   * Attempts the work already used before this job existed (a webhook moved between lanes): the
   * backoff continues from there instead of starting over at the first delay.
   */
  attemptsMade?: number | undefined;
}

/** The options of one `enqueue`: a per-gateway job needs its gateway, the others nothing. */
export type EnqueueArgs<N extends JobName> = EnqueueOptions & JobTarget<N>;

/** `enqueue`'s last parameter: required (the gateway) for a per-gateway job, optional otherwise. */
export type EnqueueRest<N extends JobName> = Record<string, never> extends JobTarget<N> ? [opts?: EnqueueArgs<N>] : [opts: EnqueueArgs<N>];

/** BullMQ's add options, as the subset we set (structurally BullMQ's JobsOptions). */
export interface AddOptions {
  jobId?: string;
  deduplication?: { id: string };
  attempts: number;
  backoff?: JobBackoff;
  removeOnComplete: JobRetention;
  removeOnFail: JobRetention;
  delay?: number;
  priority?: number;
}

/** The string value of one of the payload's fields (ids only, by the catalog's schemas). */
function field(payload: object, name: string): string {
  const value: unknown = (payload as Record<string, unknown>)[name];
  if (typeof value !== 'string') throw new Error(`job payload field ${name} is not a string`);
  return value;
}

/** The job's id, when its catalog entry names the payload field that is one. */
export function jobIdOf<N extends JobName>(name: N, payload: JobPayload<N>): string | undefined {
  const spec: JobSpec = JOBS[name];
  return spec.idField === undefined ? undefined : field(payload, spec.idField);
}

/** The catalog's retry policy of `name`, with the configuration's overrides over it. */
export function retryPolicy(name: JobName, overrides: JobOverrides): Pick<AddOptions, 'attempts' | 'backoff'> {
  const spec: JobSpec = JOBS[name];
  const o = overrides[name] ?? {};
  const backoff = spec.backoff && { ...spec.backoff, delay: o.backoffMs ?? spec.backoff.delay };
  return { attempts: o.attempts ?? spec.attempts, ...(backoff ? { backoff } : {}) };
}

/** The retention of finished jobs of `name` (the catalog's, never overridden). */
export function retentionOf(name: JobName): Pick<AddOptions, 'removeOnComplete' | 'removeOnFail'> {
  const spec: JobSpec = JOBS[name];
  return { removeOnComplete: spec.removeOnComplete, removeOnFail: spec.removeOnFail };
}

/** Everything BullMQ needs to add one job of `name`. */
export function addOptions<N extends JobName>(name: N, payload: JobPayload<N>, o: EnqueueOptions, overrides: JobOverrides): AddOptions {
  const spec: JobSpec = JOBS[name];
  const { attempts, backoff } = retryPolicy(name, overrides);
  const jobId = jobIdOf(name, payload);
  return {
    ...(jobId === undefined ? {} : { jobId }),
    ...(spec.dedupeField === undefined ? {} : { deduplication: { id: field(payload, spec.dedupeField) } }),
    attempts,
    // BullMQ's exponential backoff counts from the job's own attempts; scaling the base by the
    // attempts made before the job existed gives the delay the work's next retry is due.
    ...(backoff ? { backoff: o.attemptsMade ? { ...backoff, delay: backoff.delay * 2 ** Math.min(o.attemptsMade, 16) } : backoff } : {}),
    ...retentionOf(name),
    ...(o.delayMs ? { delay: o.delayMs } : {}),
    ...(o.priority ? { priority: o.priority } : {}),
  };
}
