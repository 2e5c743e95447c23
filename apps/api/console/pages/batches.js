import { api } from '../api.js';
import { errorBox, fill, h, poll, table, time } from '../dom.js';
import { STATUSES } from './messages.js';

const progress = (b) => [h('progress', { max: 100, value: b.percentComplete }), ` ${b.percentComplete}%`];

/** Batches with their progress, refreshed every three seconds. */
export function batchesPage(main, { signal }) {
  const list = h('div', { id: 'batches' });
  fill(main, h('h1', {}, 'Batches'), list);
  poll(
    async () => {
      let page;
      try {
        page = await api('/v1/batches?limit=50', { signal });
      } catch (err) {
        if (!signal.aborted) fill(list, errorBox(err));
        return;
      }
      if (signal.aborted) return;
      fill(
        list,
        table(
          ['Created', 'Batch', 'Messages', 'Final', 'Progress', 'Completed'],
          page.data.map((b) =>
            h(
              'tr',
              { 'data-id': b.id },
              h('td', {}, time(b.createdAt)),
              h('td', {}, h('a', { class: 'mono', href: `#/batches/${encodeURIComponent(b.id)}` }, b.id)),
              h('td', {}, String(b.total)),
              h('td', {}, String(b.done)),
              h('td', {}, progress(b)),
              h('td', {}, b.completed ? time(b.completedAt) : h('span', { class: 'muted' }, 'in flight')),
            ),
          ),
          'No batches yet: send many messages at once with POST /v1/messages/batch or `smsgw send --csv`.',
        ),
      );
    },
    3000,
    signal,
  );
}

/** One batch: progress, counts by status, charges. */
export function batchPage(main, { signal, id }) {
  const body = h('div', { id: 'batch' });
  fill(main, h('h1', {}, 'Batch ', h('span', { class: 'mono' }, id)), body);
  const money = (list) => list.map((m) => `${m.amount} ${m.currency ?? ''}`).join(', ') || '—';
  poll(
    async () => {
      let b;
      try {
        b = await api(`/v1/batches/${encodeURIComponent(id)}`, { signal });
      } catch (err) {
        if (!signal.aborted) fill(body, errorBox(err));
        return;
      }
      if (signal.aborted) return;
      fill(
        body,
        h(
          'dl',
          { class: 'fields' },
          h('dt', {}, 'Progress'),
          h('dd', {}, progress(b), ` (${b.done} of ${b.total} final)`),
          h('dt', {}, 'Created'),
          h('dd', {}, time(b.createdAt)),
          h('dt', {}, 'Completed'),
          h('dd', {}, b.completed ? time(b.completedAt) : 'in flight'),
          h('dt', {}, 'Charged'),
          h('dd', {}, money(b.charged)),
          h('dt', {}, 'Estimated'),
          h('dd', {}, money(b.estimated)),
        ),
        h('h2', {}, 'By status'),
        table(
          ['Status', 'Messages'],
          STATUSES.filter((s) => b.counts[s] > 0).map((s) =>
            h('tr', {}, h('td', {}, h('a', { href: `#/messages?batch=${encodeURIComponent(b.id)}` }, s)), h('td', {}, String(b.counts[s]))),
          ),
        ),
        h('p', {}, h('a', { href: `#/messages?batch=${encodeURIComponent(b.id)}` }, 'Its messages')),
      );
    },
    3000,
    signal,
  );
}
