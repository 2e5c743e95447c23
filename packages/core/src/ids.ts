import { randomBytes } from 'node:crypto';

/**
 * Time-ordered ids (ULID layout: 48-bit millisecond time + 80 random bits, Crockford base32),
 * prefixed by kind (`msg_…`). Time order keeps the primary-key index append-mostly and makes
 * cursor pagination by id equal to pagination by creation time.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: Uint8Array = new Uint8Array(10);

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base32 characters, most significant first.
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

/** Increments the random part so ids made in the same millisecond still sort in order. */
function increment(bytes: Uint8Array): Uint8Array {
  const next = new Uint8Array(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    const v = next[i] ?? 0;
    if (v < 255) {
      next[i] = v + 1;
      return next;
    }
    next[i] = 0;
  }
  return new Uint8Array(randomBytes(10));
}

/** A new monotonic ULID (26 characters). */
export function ulid(now = Date.now()): string {
  if (now <= lastTime) {
    lastRandom = increment(lastRandom);
  } else {
    lastTime = now;
    lastRandom = new Uint8Array(randomBytes(10));
  }
  return encodeTime(lastTime) + encodeRandom(lastRandom);
}

export type IdPrefix = 'msg' | 'acct' | 'key' | 'gw' | 'rpl' | 'evt' | 'rte' | 'dlr' | 'bat' | 'whk' | 'run' | 'tpl' | 'aud';

/** A new id of the given kind, e.g. `msg_01JD…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}

/**
 * The smallest id of the given kind made at or after `at`: ids are time-ordered, so a bound on
 * creation time is a bound on the primary key (`id >= idAtTime('rpl', since)`), which an index on
 * (…, id) can use where a timestamp column would need an index of its own.
 */
export function idAtTime(prefix: IdPrefix, at: Date | number): string {
  const ms = Math.max(0, Math.min(2 ** 48 - 1, Math.floor(typeof at === 'number' ? at : at.getTime())));
  return `${prefix}_${encodeTime(ms)}${'0'.repeat(16)}`;
}
