/**
 * What the load generator sends: realistic, deterministic message bodies. Each phase writes to
 * its own "block" of recipients (+4474<block><index>), so the database tells phases apart by the
 * `to` column alone, without trusting clocks or ids.
 */

const CONTENTS = [
  'Your code is 481516. It expires in 10 minutes.',
  'Reminder: your appointment is tomorrow at 09:30. Reply STOP to opt out.',
  // Two GSM-7 parts, with an extension character (costs two septets).
  'Your order #2342 has shipped and will arrive on Thursday between 08:00 and 12:00. Track it at https://example.com/t/2342 - no signature needed: the courier leaves it at the door [safe place]. Total €42.',
  'Grüße aus Köln! Ihr Paket ist unterwegs.',
  // UCS-2: Cyrillic and an emoji (two UTF-16 units).
  'Ваш код подтверждения: 4242 🙂',
];

/** Blocks of recipients, one per phase (two digits each). */
export const BLOCKS = {
  /** Warm-ups use 80..89, one block per stack. */
  warmup: 80,
  acceptSingle: 11,
  acceptBatch: 12,
  e2e: 20,
  latency: 21,
  workers2: 22,
  countSingle: 30,
  countSteady: 32,
  countBatch: 31,
  rateLimit: 40,
  scaleSmall: 51,
  scale: 50,
} as const;

/** The first 7 characters of every recipient of `block`: what phase queries filter on. */
export function blockPrefix(block: number): string {
  return `+4474${String(block % 100).padStart(2, '0')}`;
}

/** A valid UK mobile number, distinct for every `index` below one million within a `block`. */
export function recipient(block: number, index: number): string {
  return `${blockPrefix(block)}${String(index % 1_000_000).padStart(6, '0')}`;
}

/** The body of one POST /v1/messages (the ceiling's bare API reads the same shape). */
export function messageInput(block: number, index: number, gateway: string | undefined): { to: string; content: string; gateway?: string } {
  const content = CONTENTS[index % CONTENTS.length] ?? 'bench';
  return gateway ? { to: recipient(block, index), content, gateway } : { to: recipient(block, index), content };
}
