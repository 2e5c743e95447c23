import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { createWorkerMetrics } from '@smsgw/worker';
import { useTestApp } from './helpers.js';

const RULES_FILE = join(import.meta.dirname, '..', '..', '..', 'deploy', 'prometheus', 'alerts.yml');

const rulesSchema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      rules: z.array(
        z.object({
          alert: z.string(),
          expr: z.string(),
          for: z.string().optional(),
          labels: z.object({ severity: z.string() }),
          annotations: z.object({ summary: z.string() }).passthrough(),
        }),
      ),
    }),
  ),
});

/** Series Prometheus makes itself (not exported by smsgw). */
const BUILT_IN = new Set(['up']);

/** Every series name a registry can expose, with the labels each may carry (histograms add `le`). */
async function seriesOf(registries: Registry[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const registry of registries) {
    for (const { name, type } of await registry.getMetricsAsJSON()) {
      const metric = registry.getSingleMetric(name);
      const declared = metric && 'labelNames' in metric && Array.isArray(metric.labelNames) ? metric.labelNames.map(String) : [];
      const names = String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
      for (const n of names) out.set(n, new Set([...(out.get(n) ?? []), ...declared, ...(n.endsWith('_bucket') ? ['le'] : [])]));
    }
  }
  return out;
}

/** The metric names an expression reads (string literals removed first: regexes hold dots and words). */
function metricsIn(expr: string): string[] {
  const code = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...new Set([...code.matchAll(/\b(smsgw_[a-zA-Z0-9_]+|up)\b/g)].map((m) => m[1] ?? ''))];
}

/** Labels matched in `metric{…}` selectors, per metric, and the labels of every `by (…)`. */
function labelsIn(expr: string): { selectors: Array<{ metric: string; label: string }>; grouping: string[] } {
  const selectors: Array<{ metric: string; label: string }> = [];
  for (const m of expr.matchAll(/\b(smsgw_[a-zA-Z0-9_]+)\s*\{([^}]*)\}/g)) {
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g))
      selectors.push({ metric: m[1] ?? '', label: l[1] ?? '' });
  }
  const grouping = [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return { selectors, grouping };
}

/**
 * deploy/prometheus/alerts.yml against the metrics the processes really expose: every smsgw_
 * name a rule reads is in the API's or a worker's registry, with the labels the rule uses, so a
 * renamed metric or label fails here rather than silently never firing.
 */
describe('deploy/prometheus/alerts.yml', () => {
  const t = useTestApp();
  const rules = rulesSchema.parse(parse(readFileSync(RULES_FILE, 'utf8'))).groups.flatMap((g) => g.rules);

  it('has the alerts an operator needs', () => {
    const names = rules.map((r) => r.alert);
    for (const wanted of [
      'SmsgwUnknownRising',
      'SmsgwGatewayFailing',
      'SmsgwSendBacklogGrowing',
      'SmsgwWebhooksFailing',
      'SmsgwWorkerDown',
    ]) {
      expect(names).toContain(wanted);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads only metrics and labels that the API and the workers export', async () => {
    const worker = createWorkerMetrics({ db: t.database.db, queues: t.queues, logger: pino({ level: 'silent' }) });
    const series = await seriesOf([t.app.metrics.registry, worker.registry]);
    expect(series.size).toBeGreaterThan(10);
    for (const rule of rules) {
      const used = metricsIn(rule.expr);
      expect(used.length, `${rule.alert} reads no metric`).toBeGreaterThan(0);
      for (const name of used) {
        if (BUILT_IN.has(name)) continue;
        expect(series.has(name), `${rule.alert}: ${name} is not exported`).toBe(true);
      }
      const { selectors, grouping } = labelsIn(rule.expr);
      for (const { metric, label } of selectors) {
        expect(series.get(metric)?.has(label), `${rule.alert}: ${metric} has no label ${label}`).toBe(true);
      }
      const available = new Set(used.flatMap((n) => [...(series.get(n) ?? [])]));
      for (const label of grouping) expect(available.has(label), `${rule.alert}: no metric it reads has the label ${label}`).toBe(true);
    }
  });
});
