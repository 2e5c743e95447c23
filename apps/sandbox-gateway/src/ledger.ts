import { FINAL } from './reports.js';
import type { Behaviour, StatusAnswer } from './types.js';

/**
 * The messages the sandbox accepted, as a provider's message log: what `GET /api/status` looks
 * up. A message's status follows the same timeline as its delivery reports (ACCEPTED, BUFFERED
 * after `dlrDelayMs` when `intermediate`, then the outcome's word), whether or not a report was
 * sent or arrived, so a client that lost the send's answer can still learn what became of it.
 */
export interface Ledger {
  add(entry: { id: string; reference: string | null; parts: number; behaviour: Behaviour }): void;
  /** By the provider's id, or else by the client's reference (the latest message sent with it). */
  find(key: { id?: string | undefined; reference?: string | undefined }): StatusAnswer | undefined;
  clear(): void;
}

interface Entry {
  id: string;
  reference: string | null;
  parts: number;
  acceptedAt: number;
  behaviour: Pick<Behaviour, 'outcome' | 'dlrDelayMs' | 'intermediate'>;
}

function statusOf(e: Entry, now: number): Pick<StatusAnswer, 'status' | 'error_code'> {
  const { outcome, dlrDelayMs, intermediate } = e.behaviour;
  const elapsed = now - e.acceptedAt;
  const finalAt = intermediate ? 2 * dlrDelayMs : dlrDelayMs;
  if (outcome !== 'none' && elapsed >= finalAt) return { status: FINAL[outcome].status, error_code: FINAL[outcome].errorCode };
  if (intermediate && elapsed >= dlrDelayMs) return { status: 'BUFFERED', error_code: null };
  return { status: 'ACCEPTED', error_code: null };
}

/** Creates a ledger holding at most `max` messages (the oldest go first, as the recorder's do). */
export function createLedger(max: number, clock: () => number = Date.now): Ledger {
  const byId = new Map<string, Entry>();
  const byReference = new Map<string, string>();
  return {
    add({ id, reference, parts, behaviour }) {
      const { outcome, dlrDelayMs, intermediate } = behaviour;
      byId.set(id, { id, reference, parts, acceptedAt: clock(), behaviour: { outcome, dlrDelayMs, intermediate } });
      if (reference !== null) byReference.set(reference, id);
      // Maps iterate in insertion order: the first key is the oldest message.
      while (byId.size > max) {
        const oldest = byId.keys().next().value;
        if (oldest === undefined) break;
        const evicted = byId.get(oldest);
        byId.delete(oldest);
        if (evicted?.reference != null && byReference.get(evicted.reference) === oldest) byReference.delete(evicted.reference);
      }
    },
    find({ id, reference }) {
      const key = id ?? (reference === undefined ? undefined : byReference.get(reference));
      const e = key === undefined ? undefined : byId.get(key);
      if (e === undefined) return undefined;
      return {
        id: e.id,
        reference: e.reference,
        ...statusOf(e, clock()),
        parts: e.parts,
        accepted_at: new Date(e.acceptedAt).toISOString(),
      };
    },
    clear() {
      byId.clear();
      byReference.clear();
    },
  };
}
