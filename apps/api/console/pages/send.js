import { api, ApiError, randomKey } from '../api.js';
import { fill, h } from '../dom.js';

const ENCODING = { gsm7: 'GSM-7', ucs2: 'UCS-2' };

/**
 * The send form. The segment counter asks the API (`POST /v1/segments`, the same count the
 * message will get) a moment after typing stops; an older answer never overwrites a newer one.
 */
export function sendPage(main, { signal }) {
  const to = h('input', { name: 'to', id: 'to', required: true, placeholder: '+447400123456', autocomplete: 'off' });
  const from = h('input', { name: 'from', id: 'from', placeholder: 'optional: number or sender id' });
  const gateway = h('input', { name: 'gateway', id: 'gateway', placeholder: 'optional: the routing rules choose' });
  const billeeType = h('input', { name: 'billeeType', id: 'billee-type', placeholder: 'type' });
  const billeeId = h('input', { name: 'billeeId', id: 'billee-id', placeholder: 'id' });
  const content = h('textarea', { name: 'content', id: 'content', required: true });
  const counter = h('p', { class: 'counter', id: 'segments', 'aria-live': 'polite' }, '0 characters');
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { class: 'primary', type: 'submit', id: 'send' }, 'Send');

  let asked = 0;
  let timer;
  const count = async () => {
    const mine = ++asked;
    if (content.value === '') {
      counter.className = 'counter';
      counter.textContent = '0 characters';
      return;
    }
    try {
      const s = await api('/v1/segments', { method: 'POST', body: { content: content.value }, signal });
      if (mine !== asked || signal.aborted) return;
      counter.className = `counter ${s.encoding}`;
      counter.dataset.segments = String(s.segments);
      const extra = s.nonGsmCharacters?.length ? ` · not GSM-7: ${s.nonGsmCharacters.join(' ')}` : '';
      counter.textContent = `${s.characters} characters · ${ENCODING[s.encoding] ?? s.encoding} · ${s.segments} segment${s.segments === 1 ? '' : 's'} (${s.remaining} left in this one, ${s.perSegment} per segment)${extra}`;
    } catch (err) {
      if (mine === asked && !signal.aborted) counter.textContent = `cannot count: ${err.message}`;
    }
  };
  content.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(count, 200);
  });
  signal.addEventListener('abort', () => clearTimeout(timer));

  // One key per filled-in form: a double click or a retry after a lost answer sends once.
  let idempotencyKey = randomKey();
  const form = h(
    'form',
    { class: 'stack', id: 'send-form' },
    h('label', {}, 'To', to),
    h('label', {}, 'Message', content),
    counter,
    h('div', { class: 'row' }, h('label', {}, 'From', from), h('label', {}, 'Gateway', gateway)),
    h('div', { class: 'row' }, h('label', {}, 'Billee type', billeeType), h('label', {}, 'Billee id', billeeId)),
    button,
    error,
  );
  // A changed form is a new message.
  form.addEventListener('input', () => {
    idempotencyKey = randomKey();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    const body = { to: to.value.trim(), content: content.value };
    if (from.value.trim()) body.from = from.value.trim();
    if (gateway.value.trim()) body.gateway = gateway.value.trim();
    if (billeeType.value.trim() && billeeId.value.trim()) body.billee = { type: billeeType.value.trim(), id: billeeId.value.trim() };
    try {
      const message = await api('/v1/messages', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey }, signal });
      location.hash = `#/messages/${encodeURIComponent(message.id)}`;
    } catch (err) {
      error.textContent = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
      button.disabled = false;
    }
  });
  fill(main, h('h1', {}, 'Send a message'), form);
  to.focus();
}
