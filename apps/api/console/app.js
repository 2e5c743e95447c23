// The console's router: pages by the part of the URL after '#', so every page is this one
// document and nothing about a page (filters, ids) is ever sent to the server in its URL.
import { session } from './api.js';
import { batchesPage, batchPage } from './pages/batches.js';
import { gatewaysPage } from './pages/gateways.js';
import { messagePage } from './pages/message.js';
import { messagesPage } from './pages/messages.js';
import { sendPage } from './pages/send.js';
import { signinPage } from './pages/signin.js';

const routes = [
  [/^\/messages\/([^/]+)$/, 'messages', messagePage],
  [/^\/messages$/, 'messages', messagesPage],
  [/^\/send$/, 'send', sendPage],
  [/^\/batches\/([^/]+)$/, 'batches', batchPage],
  [/^\/batches$/, 'batches', batchesPage],
  [/^\/gateways$/, 'gateways', gatewaysPage],
];

let current;

function render() {
  current?.abort();
  current = new AbortController();
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(search);
  if (!session.key()) {
    nav.hidden = true;
    signinPage(main, { signal: current.signal, next: path && path !== '/signin' ? location.hash : '#/messages' });
    return;
  }
  nav.hidden = false;
  for (const [re, name, page] of routes) {
    const m = re.exec(path);
    if (!m) continue;
    for (const a of nav.querySelectorAll('a[data-page]')) a.classList.toggle('active', a.dataset.page === name);
    document.body.dataset.page = name;
    page(main, { signal: current.signal, id: m[1] && decodeURIComponent(m[1]), params });
    return;
  }
  location.replace('#/messages');
}

document.getElementById('signout').addEventListener('click', () => {
  session.signOut();
  location.hash = '#/signin';
  render();
});
window.addEventListener('hashchange', render);
// A 401 from any page: the key was revoked or expired; sign in again.
window.addEventListener('smsgw:signed-out', () => {
  session.signOut();
  render();
});
render();
