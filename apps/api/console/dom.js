// Elements are built with properties and text nodes, never innerHTML: message text, numbers and
// provider errors are shown as text, whatever they contain.

/** h('a', { href: '#/x', class: 'y' }, 'text', child…) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const time = (iso) => (iso ? new Date(iso).toLocaleString() : '');
export const badge = (status) => h('span', { class: 'badge', 'data-status': status }, status);
export const stateBadge = (state) => h('span', { class: 'badge', 'data-state': state }, state);

export function table(headings, rows, empty = 'Nothing yet.') {
  if (rows.length === 0) return h('p', { class: 'muted empty' }, empty);
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headings.map((t) => h('th', {}, t)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

/** Shows an API error where the page's content would be. */
export function errorBox(err) {
  const hint = err?.status === 403 ? ' This key lacks the scope this page needs.' : '';
  return h('p', { class: 'error', role: 'alert' }, `${err?.message ?? String(err)}${hint}`);
}

/**
 * Runs `fn` now and again `everyMs` after each run ends (never two at once), until `signal`
 * aborts: the page's live refresh.
 */
export function poll(fn, everyMs, signal) {
  let timer;
  const run = async () => {
    if (signal.aborted) return;
    try {
      await fn();
    } catch (err) {
      if (err?.name !== 'AbortError') console.warn(err);
    }
    if (!signal.aborted) timer = setTimeout(run, everyMs);
  };
  signal.addEventListener('abort', () => clearTimeout(timer));
  void run();
}
