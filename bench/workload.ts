/** What the bench sends: realistic, deterministic message bodies and the result shape of a scenario. */

/** One scenario's outcome: the printed line, the numbers for the JSON summary, failed checks. */
export interface ScenarioResult {
  name: string;
  line: string;
  data: Record<string, unknown>;
  failures: string[];
}

const CONTENTS = [
  'Your code is 481516. It expires in 10 minutes.',
  'Reminder: your appointment is tomorrow at 09:30. Reply STOP to opt out.',
  // Two GSM-7 parts, with an extension character (costs two septets).
  'Your order #2342 has shipped and will arrive on Thursday between 08:00 and 12:00. Track it at https://example.com/t/2342 - no signature needed: the courier leaves it at the door [safe place]. Total €42.',
  'Grüße aus Köln! Ihr Paket ist unterwegs.',
  // UCS-2: Cyrillic and an emoji (two UTF-16 units).
  'Ваш код подтверждения: 4242 🙂',
];

/** A valid UK mobile number, distinct for every `index` below one million within a `block`. */
export function recipient(block: number, index: number): string {
  return `+4474${String(block % 100).padStart(2, '0')}${String(index % 1_000_000).padStart(6, '0')}`;
}

/** The body of one POST /v1/messages, pinned to `gateway` so each scenario's traffic stays apart. */
export function messageInput(gateway: string, block: number, index: number): { to: string; content: string; gateway: string } {
  return { to: recipient(block, index), content: CONTENTS[index % CONTENTS.length] ?? 'bench', gateway };
}

/** Ids of the messages a 202 batch answer accepted (items with an error are skipped). */
export function acceptedIds(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || !('data' in json) || !Array.isArray(json.data)) return [];
  const ids: string[] = [];
  for (const item of json.data as unknown[]) {
    if (typeof item !== 'object' || item === null || !('message' in item)) continue;
    const message = item.message;
    if (typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'string') ids.push(message.id);
  }
  return ids;
}

/** Splits `n` items into batches of at most `size`. */
export function batchSizes(n: number, size: number): number[] {
  return Array.from({ length: Math.ceil(n / size) }, (_, i) => Math.min(size, n - i * size));
}
