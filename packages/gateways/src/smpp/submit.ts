import type { SendOutcome } from '../classify.js';
import { SmppUnavailableError, type Lease } from './bind.js';
import type { SmppStatusRule } from './schema.js';
import { delay, messageIdOf } from './session.js';
import { classifyCommandStatus, statusName } from './status.js';

/**
 * Sends one message's submit_sm PDUs through a bind and sorts what happened into the outcome
 * classes. Parts go one at a time, each after the previous one was accepted: a refused first part
 * leaves nothing sent (so the refusal can be retried or failed over cleanly), and a later part is
 * only ever written once the earlier ones are known to be in.
 */

export interface SubmitOptions {
  /** A bound session with a free window slot (SmppBind.lease). */
  lease: (waitMs: number) => Promise<Lease>;
  leaseWaitMs: number;
  statusRules: readonly SmppStatusRule[];
  throttleRetryMs: number;
  /**
   * Called once, right before the first PDU is written, with the window slot already held. False:
   * the message must not be sent after all (its claim was taken over); nothing is written.
   */
  beforeWrite: () => Promise<boolean>;
  /** Tries for a later part the SMSC throttled or refused for the moment (default 3). */
  partTries?: number;
  /** Told of each accepted part as soon as its response is read (receipts for it may follow at once). */
  onAccepted?: (index: number, messageId: string, parts: number) => void;
}

export interface SubmitResult {
  outcome: SendOutcome;
  /** message_id of every accepted part, in order (the first is the message's gateway id). */
  partIds: string[];
  parts: number;
}

function unavailableOutcome(err: unknown): SendOutcome {
  if (err instanceof SmppUnavailableError && err.fault === 'auth')
    return { kind: 'permanent', error: err.message, gatewayFault: true, httpStatus: undefined };
  const error = err instanceof Error ? err.message : String(err);
  return { kind: 'temporary', error, httpStatus: undefined };
}

/**
 * A later part could not go after earlier ones were accepted: the phone has part of the message.
 * Resending the whole would repeat those parts, so it fails — the message's own failure, no failover.
 */
function partial(index: number, parts: number, why: string): SendOutcome {
  return {
    kind: 'permanent',
    error: `part ${index + 1} of ${parts} not sent (${why}); parts 1-${index} were accepted`,
    gatewayFault: false,
    httpStatus: undefined,
  };
}

/** Sends `pdus` (submit_sm fields); 'skipped' when `beforeWrite` said not to. */
export async function submitMessage(pdus: readonly Record<string, unknown>[], o: SubmitOptions): Promise<SubmitResult | 'skipped'> {
  const partIds: string[] = [];
  const parts = pdus.length;
  const done = (outcome: SendOutcome): SubmitResult => ({ outcome, partIds, parts });
  for (let i = 0; i < parts; i++) {
    const fields = pdus[i] ?? {};
    for (let attempt = 1; ; attempt++) {
      let lease: Lease;
      try {
        lease = await o.lease(o.leaseWaitMs);
      } catch (err) {
        if (i === 0) return done(unavailableOutcome(err));
        return done(partial(i, parts, err instanceof Error ? err.message : String(err)));
      }
      if (i === 0 && attempt === 1) {
        let go: boolean;
        try {
          go = await o.beforeWrite();
        } catch (err) {
          lease.release();
          throw err;
        }
        if (!go) {
          lease.release();
          return 'skipped';
        }
      }
      const { written, result } = lease.request('submit_sm', fields);
      const r = await result;
      if (!written || r.kind === 'not-written') {
        const error = r.kind === 'response' ? 'not written' : r.error;
        return done(i === 0 ? { kind: 'temporary', error, httpStatus: undefined } : partial(i, parts, error));
      }
      if (r.kind === 'no-response') {
        // Written, answer lost: the SMSC may have the part. Never resent.
        return done({ kind: 'ambiguous', error: parts > 1 ? `part ${i + 1} of ${parts}: ${r.error}` : r.error });
      }
      const outcome = classifyCommandStatus(r.pdu.command_status, messageIdOf(r.pdu), o.statusRules, o.throttleRetryMs);
      if (outcome.kind === 'accepted') {
        partIds.push(outcome.gatewayMessageId ?? '');
        if (outcome.gatewayMessageId) o.onAccepted?.(i, outcome.gatewayMessageId, parts);
        break;
      }
      // Nothing of the message was taken yet: the class speaks for the whole message.
      if (i === 0) return done(outcome);
      const retryable = outcome.kind === 'throttled' || outcome.kind === 'temporary';
      if (!retryable || attempt >= (o.partTries ?? 3)) return done(partial(i, parts, statusName(r.pdu.command_status)));
      // Only this part goes again, with the same UDH reference: the phone still joins it to the others.
      await delay(outcome.kind === 'throttled' ? Math.min(o.throttleRetryMs, 5000) : 250 * attempt);
    }
  }
  return done({ kind: 'accepted', gatewayMessageId: partIds[0] || undefined });
}
