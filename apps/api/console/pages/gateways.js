import { api } from '../api.js';
import { errorBox, fill, h, poll, table, time } from '../dom.js';

const OUTCOMES = ['sent', 'retry', 'throttled', 'failover', 'unknown', 'failed'];

/** Gateways with their health: send queue depth, what recent sends came to, last known balance. */
export function gatewaysPage(main, { signal }) {
  const list = h('div', { id: 'gateways' });
  const caption = h('p', { class: 'muted' });
  fill(
    main,
    h('h1', {}, 'Gateways'),
    list,
    caption,
    h(
      'p',
      {},
      'Queues in detail: ',
      h('a', { href: '/admin/queues', target: '_blank', rel: 'noopener' }, 'Bull Board'),
      h('span', { class: 'muted' }, ' (asks for the API key as the password; read-only for keys that are not admin)'),
    ),
  );
  poll(
    async () => {
      let health;
      try {
        health = await api('/v1/gateway-health', { signal });
      } catch (err) {
        if (!signal.aborted) fill(list, errorBox(err));
        return;
      }
      if (signal.aborted) return;
      caption.textContent = `Recent: the newest ${health.window.events} send events of the last ${health.window.minutes} minutes. Refreshes every 5 s.`;
      fill(
        list,
        table(
          ['Gateway', 'Enabled', 'Queue (waiting / active / delayed)', 'Failed jobs', 'Recent sends', 'Balance'],
          health.data.map((g) => {
            const q = g.queue;
            const recent = OUTCOMES.filter((o) => g.recent[o]).map((o) => `${o} ${g.recent[o]}`);
            return h(
              'tr',
              { 'data-gateway': g.name },
              h('td', {}, g.name, g.isDefault ? h('span', { class: 'badge' }, ' default') : ''),
              h('td', {}, g.enabled ? 'yes' : h('span', { class: 'error' }, 'no')),
              h('td', { class: 'queue' }, `${q.waiting + q.prioritized} / ${q.active} / ${q.delayed}${q.paused ? ' (paused)' : ''}`),
              h('td', {}, String(q.failed)),
              h('td', { class: 'recent' }, recent.length ? recent.join(' · ') : h('span', { class: 'muted' }, 'none')),
              h(
                'td',
                {},
                g.balance ? `${g.balance.amount} ${g.balance.currency ?? ''}` : h('span', { class: 'muted' }, 'unknown'),
                g.lastBalanceCheck ? h('div', { class: 'muted' }, `checked ${time(g.lastBalanceCheck)}`) : '',
              ),
            );
          }),
          'No gateways.',
        ),
      );
    },
    5000,
    signal,
  );
}
