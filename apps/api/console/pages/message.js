import { api } from '../api.js';
import { badge, errorBox, fill, h, poll, stateBadge, table, time } from '../dom.js';

const detail = (obj) => {
  const entries = Object.entries(obj ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return entries.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ');
};

/** Events, delivery reports, replies and webhook deliveries as one list in time order. */
function entries(t) {
  const rows = [
    ...t.events.map((e) => ({
      at: e.at,
      kind: 'event',
      what: [e.type, e.status && badge(e.status)],
      detail: detail({ gateway: e.gateway, attempt: e.attempt, ...e.detail }),
    })),
    ...t.reports.map((r) => ({
      at: r.receivedAt,
      kind: 'report',
      what: [r.providerStatus, ' ', stateBadge(r.state)],
      detail: detail({
        gateway: r.gateway,
        status: r.status,
        error: r.errorCode,
        charge: r.charge,
        part: r.part && `${r.part.index}/${r.part.count}`,
        reportedAt: r.reportedAt,
      }),
    })),
    ...t.replies.map((r) => ({ at: r.receivedAt, kind: 'reply', what: `from ${r.from}`, detail: r.content })),
    ...t.webhookDeliveries.map((d) => ({
      at: d.createdAt,
      kind: 'webhook',
      what: [d.eventType, ' ', stateBadge(d.state)],
      detail: detail({ attempts: d.attempts, lastStatus: d.lastStatusCode, error: d.lastError, deliveredAt: d.deliveredAt, url: d.url }),
    })),
  ];
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function fields(m) {
  const row = (name, value) => [h('dt', {}, name), h('dd', {}, value ?? '')];
  const money = (x) => (x ? `${x.amount} ${x.currency ?? ''}` : '');
  return h(
    'dl',
    { class: 'fields' },
    row('Status', [
      h('span', { id: 'status', class: 'badge', 'data-status': m.status }, m.status),
      m.statusMessage ? ` ${m.statusMessage}` : '',
    ]),
    row('To', m.to),
    row('From', m.from),
    row('Gateway', [m.gateway ?? '', m.gatewayMessageId ? h('span', { class: 'muted mono' }, ` ${m.gatewayMessageId}`) : '']),
    row('Route', m.route.join(' → ')),
    row('Segments', `${m.segments} (${m.encoding}), ${m.attempts} attempt(s)`),
    row('Created', time(m.createdAt)),
    row('Sent', time(m.sentAt)),
    row('Delivered', time(m.deliveredAt)),
    row('Charge', money(m.charge) || (m.estimatedCost ? `≈ ${money(m.estimatedCost)}` : '')),
    row('Billee', m.billee ? `${m.billee.type}:${m.billee.id}` : ''),
    row('Batch', m.batchId ? h('a', { class: 'mono', href: `#/batches/${encodeURIComponent(m.batchId)}` }, m.batchId) : ''),
    row('Content', h('pre', { class: 'content' }, m.content)),
  );
}

/** One message: its fields and its timeline, refreshed every two seconds. */
export function messagePage(main, { signal, id }) {
  const head = h('div', { id: 'message' });
  const timeline = h('div', { id: 'timeline' });
  const path = `/v1/messages/${encodeURIComponent(id)}`;
  fill(main, h('h1', {}, 'Message ', h('span', { class: 'mono' }, id)), head, h('h2', {}, 'Timeline'), timeline);
  poll(
    async () => {
      let message;
      let t;
      try {
        [message, t] = await Promise.all([api(path, { signal }), api(`${path}/timeline`, { signal })]);
      } catch (err) {
        if (!signal.aborted) fill(head, errorBox(err));
        return;
      }
      if (signal.aborted) return;
      fill(head, fields(message));
      fill(
        timeline,
        table(
          ['Time', 'Kind', 'What', 'Detail'],
          entries(t).map((e) =>
            h('tr', { 'data-kind': e.kind }, h('td', {}, time(e.at)), h('td', {}, e.kind), h('td', {}, e.what), h('td', {}, e.detail)),
          ),
        ),
      );
    },
    2000,
    signal,
  );
}
