import { api, query } from '../api.js';
import { badge, errorBox, fill, h, poll, table, time } from '../dom.js';

export const STATUSES = ['queued', 'scheduled', 'sending', 'unknown', 'sent', 'delivered', 'failed', 'expired', 'cancelled'];

/**
 * The message list: filters (status, to, billee, batch), newest first, refreshed every two
 * seconds so statuses move as they change. A batch filter reads the batch's own list, which
 * filters by status only.
 */
export function messagesPage(main, { signal, params }) {
  const filters = { status: '', to: '', billee: '', batch: params.get('batch') ?? '' };
  const cursors = [];
  let cursor;
  const input = (name, placeholder) => h('input', { name, id: `filter-${name}`, placeholder, value: filters[name] });
  const status = h(
    'select',
    { name: 'status', id: 'filter-status' },
    h('option', { value: '' }, 'any'),
    STATUSES.map((s) => h('option', { value: s }, s)),
  );
  const form = h(
    'form',
    { class: 'filters', id: 'filters' },
    h('label', {}, 'Status', status),
    h('label', {}, 'To', input('to', '+447400123456')),
    h('label', {}, 'Billee', input('billee', 'type:id')),
    h('label', {}, 'Batch', input('batch', 'bat_…')),
    h('button', { type: 'submit' }, 'Filter'),
  );
  const list = h('div', { id: 'messages' });
  const note = h('div');
  const pager = h('div', { class: 'pager' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of Object.keys(filters)) filters[name] = form.elements[name].value.trim();
    cursors.length = 0;
    cursor = undefined;
    void refresh();
  });

  async function refresh() {
    let page;
    try {
      page = filters.batch
        ? await api(`/v1/batches/${encodeURIComponent(filters.batch)}/messages${query({ status: filters.status, cursor, limit: 50 })}`, {
            signal,
          })
        : await api(`/v1/messages${query({ status: filters.status, to: filters.to, billee: filters.billee, cursor, limit: 50 })}`, {
            signal,
          });
    } catch (err) {
      if (!signal.aborted) fill(list, errorBox(err));
      return;
    }
    if (signal.aborted) return;
    fill(
      note,
      filters.batch && (filters.to || filters.billee) ? h('p', { class: 'note' }, 'Within a batch, only the status filter applies.') : null,
    );
    fill(
      list,
      table(
        ['Created', 'Message', 'To', 'Status', 'Gateway', 'Segments', 'Batch'],
        page.data.map((m) =>
          h(
            'tr',
            { 'data-id': m.id },
            h('td', {}, time(m.createdAt)),
            h('td', {}, h('a', { class: 'mono', href: `#/messages/${encodeURIComponent(m.id)}` }, m.id)),
            h('td', {}, m.to),
            h('td', {}, badge(m.status)),
            h('td', {}, m.gateway ?? ''),
            h('td', {}, `${m.segments} (${m.encoding})`),
            h('td', {}, m.batchId ? h('a', { class: 'mono', href: `#/batches/${encodeURIComponent(m.batchId)}` }, m.batchId) : ''),
          ),
        ),
        'No messages match.',
      ),
    );
    fill(
      pager,
      cursors.length > 0 &&
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              cursor = cursors.pop();
              void refresh();
            },
          },
          'Newer',
        ),
      page.nextCursor &&
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              cursors.push(cursor);
              cursor = page.nextCursor;
              void refresh();
            },
          },
          'Older',
        ),
      h('span', { class: 'muted' }, 'Refreshes every 2 s'),
    );
  }

  fill(main, h('h1', {}, 'Messages'), form, note, list, pager);
  poll(refresh, 2000, signal);
}
