import { countSegments } from '@smsgw/core';
import { perSecond, since } from './stats.js';
import type { ScenarioResult } from './workload.js';

/** A small seeded PRNG (mulberry32), so every run measures the same strings. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GSM = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?:;-()@£$¥èéùìòÇØøÅåÄÖÑÜäöñüàß\n';
const EXTENSION = '^{}\\[~]|€';
const UCS2 = 'жщюяαβγδ中文字ăşţ';
const EMOJI = ['🙂', '🚀', '👍🏽', '🇬🇧'];

/** `length` characters of `alphabet` with a `rate` share of `rare` ones mixed in, as one flat string. */
function pool(random: () => number, length: number, alphabet: string, rare: readonly string[], rate: number): string {
  const chars: string[] = [];
  for (let i = 0; i < length; i++) {
    chars.push(random() < rate ? (rare[Math.floor(random() * rare.length)] ?? '') : (alphabet[Math.floor(random() * alphabet.length)] ?? 'a'));
  }
  return chars.join('');
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `count` strings in a fixed mix: short and long plain GSM-7, GSM-7 with extension characters,
 * UCS-2 (BMP), and UCS-2 with surrogate pairs; lengths from one character to six parts. Strings
 * are slices of four random texts: building 30 million characters one by one would cost the run
 * more time (in the garbage collector) than what it measures.
 */
export function mixedStrings(count: number, seed = 42): string[] {
  const random = prng(seed);
  const pools = [
    { share: 0.6, text: pool(random, 200_000, GSM, [], 0) },
    { share: 0.15, text: pool(random, 200_000, GSM, [...EXTENSION], 0.05) },
    { share: 0.15, text: pool(random, 200_000, GSM, [...UCS2], 0.1) },
    { share: 0.1, text: pool(random, 200_000, GSM, EMOJI, 0.05) },
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random();
    let acc = 0;
    const text = (pools.find((p) => (acc += p.share) > kind) ?? pools[0])?.text ?? GSM;
    const length = random() < 0.5 ? 1 + Math.floor(random() * 160) : 100 + Math.floor(random() * 800);
    let start = Math.floor(random() * (text.length - length));
    let end = start + length;
    // Never cut an emoji in half: a lone surrogate would measure something no client sends.
    if (isLowSurrogate(text.charCodeAt(start))) start += 1;
    if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    out.push(text.slice(start, Math.max(start + 1, end)));
  }
  return out;
}

/** Known answers, so the scenario also fails when the counter is fast because it is wrong. */
const SANITY: [string, string, number][] = [
  ['a'.repeat(160), 'gsm7', 1],
  ['a'.repeat(161), 'gsm7', 2],
  ['€'.repeat(80), 'gsm7', 1],
  ['ж'.repeat(70), 'ucs2', 1],
  ['ж'.repeat(71), 'ucs2', 2],
];

/**
 * Scenario 4: countSegments alone (pure CPU). A warm-up pass, then `runs` timed passes over the
 * same strings; the median pass is reported.
 */
export function segmentsScenario(count: number, runs = 3): ScenarioResult {
  const failures: string[] = [];
  for (const [content, encoding, segments] of SANITY) {
    const got = countSegments(content);
    if (got.encoding !== encoding || got.segments !== segments) {
      failures.push(`segments: ${content.length} x "${content[0]}" gave ${got.segments} ${got.encoding}, expected ${segments} ${encoding}`);
    }
  }
  const strings = mixedStrings(count);
  const characters = strings.reduce((s, x) => s + x.length, 0);
  let checksum = 0;
  for (const s of strings.slice(0, Math.min(20_000, count))) checksum += countSegments(s).segments;
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    checksum = 0;
    const start = performance.now();
    for (const s of strings) checksum += countSegments(s).segments;
    rates.push(perSecond(count, since(start)));
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)] ?? 0;
  const meanLength = Math.round(characters / count);
  return {
    name: 'segments',
    line: `segments      countSegments over ${count} mixed strings (mean ${meanLength} UTF-16 units): ${median} ops/s median of ${runs} (runs: ${rates.join(', ')}); ${checksum} segments in total`,
    data: { count, runs, opsPerSecond: median, allRuns: rates, meanLength, totalSegments: checksum },
    failures,
  };
}
