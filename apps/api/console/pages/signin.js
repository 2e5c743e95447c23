import { api, ApiError, session } from '../api.js';
import { fill, h } from '../dom.js';

/** Sign-in: an API key, checked against the API, kept in sessionStorage for this tab only. */
export function signinPage(main, { next }) {
  document.body.dataset.page = 'signin';
  const key = h('input', { id: 'key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'stack', id: 'signin' },
    h('label', {}, 'API key', key),
    h('button', { class: 'primary', type: 'submit' }, 'Sign in'),
    error,
    h('p', { class: 'muted' }, 'The key stays in this tab (sessionStorage) and is sent only to this server, in the Authorization header.'),
  );
  form.addEventListener('submit', async (event) => {
    // Never a form submission: the key must not end up in a URL.
    event.preventDefault();
    error.textContent = '';
    const value = key.value.trim();
    try {
      await api('/v1/messages?limit=1', { key: value });
    } catch (err) {
      // 403: a good key without messages:read; it still signs in (other pages may work).
      if (!(err instanceof ApiError) || err.status !== 403) {
        error.textContent = err instanceof ApiError && err.status === 401 ? 'This key is not valid.' : String(err.message ?? err);
        return;
      }
    }
    session.signIn(value);
    if (location.hash === next) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = next;
  });
  fill(main, h('div', { class: 'signin' }, h('h1', {}, 'Sign in'), form));
  key.focus();
}
