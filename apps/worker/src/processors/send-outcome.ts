import type { Logger } from 'pino';
import { RetryableJobError, ThrottledJobError } from '@smsgw/core';
import { applyPendingReports, type ChangedMessage, type FinishInput, type MessageRow } from '@smsgw/db';
import type { SendOutcome } from '@smsgw/gateways';
import { isLastAttempt, type JobContext } from '../job-context.js';
import type { SendDeps, SendResult } from './send-deps.js';

/** A gateway that asks to wait without saying how long is asked again after this. */
const DEFAULT_THROTTLE_MS = 1000;

/**
 * Stores an outcome of THIS claim (grouped): the statement only applies while the message still
 * carries this claim's attempt number, so a worker that stalled past the sweep (which released the
 * message, and another worker claimed it again) can neither hand the new claim back nor overwrite
 * its result. A report that beat the outcome here is applied right after.
 */
export async function finish(deps: SendDeps, claim: Pick<MessageRow, 'attempts'>, input: FinishInput): Promise<ChangedMessage | undefined> {
  const row = await deps.hot.finish({ ...input, claimAttempts: claim.attempts });
  if (row?.hasPendingReports) await applyPendingReports(deps.db, row, deps.hot);
  return row;
}

/** What an outcome's rows carry besides the outcome: the SMSC's id of what it took, and event detail (SMPP parts). */
export interface OutcomeExtra {
  gatewayMessageId?: string | undefined;
  detail?: Record<string, unknown>;
}

async function failOrFailover(
  deps: SendDeps,
  message: MessageRow,
  error: string,
  gatewayFault: boolean,
  log: Logger,
  extra: OutcomeExtra = {},
): Promise<SendResult> {
  const next = gatewayFault ? message.routeGateways[message.routeIndex + 1] : undefined;
  if (next) {
    const row = await finish(deps, message, {
      id: message.id,
      status: 'queued',
      gateway: next,
      routeIndex: message.routeIndex + 1,
      attempts: 0,
      statusMessage: error,
      event: { type: 'failover', detail: { from: message.gateway, to: next, reason: error, ...extra.detail } },
    });
    if (row) {
      log.warn({ from: message.gateway, to: next }, 'failing over');
      // If this add fails, the row is `queued` on the new gateway and the sweep re-enqueues it.
      await deps.queues
        .enqueue('send', { messageId: message.id }, { gateway: next })
        .catch((err: unknown) => log.error({ err }, 'failover enqueue failed'));
    }
    return 'failover';
  }
  await finish(deps, message, {
    id: message.id,
    status: 'failed',
    statusMessage: error,
    ...(extra.gatewayMessageId ? { gatewayMessageId: extra.gatewayMessageId } : {}),
    event: { type: 'failed', detail: { error, ...extra.detail } },
  });
  return 'failed';
}

export async function applyOutcome(
  deps: SendDeps,
  message: MessageRow,
  ctx: JobContext<'send'>,
  outcome: SendOutcome,
  extra: OutcomeExtra = {},
): Promise<SendResult> {
  switch (outcome.kind) {
    case 'accepted': {
      const gatewayMessageId = outcome.gatewayMessageId ?? null;
      const row = await finish(deps, message, {
        id: message.id,
        status: 'sent',
        gatewayMessageId,
        setSentAt: true,
        statusMessage: null,
        event: { type: 'sent', detail: { gatewayMessageId, ...extra.detail } },
      });
      return row ? 'sent' : 'skipped';
    }
    case 'permanent':
      return failOrFailover(deps, message, outcome.error, outcome.gatewayFault, ctx.log, extra);
    case 'temporary': {
      if (!isLastAttempt(ctx)) {
        await finish(deps, message, {
          id: message.id,
          status: 'queued',
          statusMessage: outcome.error,
          event: { type: 'retry', detail: { error: outcome.error, httpStatus: outcome.httpStatus ?? null } },
        });
        // BullMQ keeps this message in Redis as the job's failedReason: the provider's own text
        // may echo the number or the body, so it stays in the database (the event) only.
        throw new RetryableJobError(
          `temporary gateway failure${outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ''}; see the message's events`,
        );
      }
      return failOrFailover(deps, message, `${outcome.error} (attempts exhausted)`, true, ctx.log);
    }
    case 'throttled': {
      await finish(deps, message, {
        id: message.id,
        status: 'queued',
        attempts: Math.max(0, message.attempts - 1),
        statusMessage: outcome.error,
        event: { type: 'throttled', detail: { retryAfterMs: outcome.retryAfterMs ?? null } },
      });
      throw new ThrottledJobError(outcome.retryAfterMs ?? DEFAULT_THROTTLE_MS, 'throttled by the gateway');
    }
    case 'ambiguous':
      // The request may have reached the gateway: resending could deliver twice, so stop here.
      // A report parked meanwhile is the gateway's word that it did take the message (finish applies it).
      await finish(deps, message, {
        id: message.id,
        status: 'unknown',
        statusMessage: outcome.error,
        ...(extra.gatewayMessageId ? { gatewayMessageId: extra.gatewayMessageId } : {}),
        event: { type: 'unknown', detail: { error: outcome.error, ...extra.detail } },
      });
      return 'unknown';
  }
}
