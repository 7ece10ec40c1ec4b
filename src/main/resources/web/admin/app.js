// The console's shell: who is signed in, the sections they may open, and the router (#/section?query).
import { call, text, ApiError } from './api.js';
import { h, show, field, form, toast } from './ui.js';
import * as people from './people.js';
import * as settings from './settings.js';
import * as audit from './audit.js';

/** The signed-in user: {id, name, login, account, permissions: Set}; null when signed out. */
export const session = { current: null };

export function can(permission) {
  return !!session.current && session.current.permissions.has(permission);
}

const SECTIONS = [
  { path: 'principals', label: 'Users and groups', needs: 'directory:list', view: people.list },
  { path: 'fields', label: 'Custom fields', needs: 'fields:manage', view: settings.fields },
  { path: 'policy', label: 'Policies', needs: 'policies:manage', view: settings.policy },
  { path: 'roles', label: 'Roles', needs: 'roles:list', view: settings.roles },
  { path: 'clients', label: 'API clients', needs: 'clients:read', view: settings.clients },
  { path: 'locks', label: 'Login locks', needs: 'users:update', view: audit.locks },
  { path: 'audit', label: 'Audit trail', needs: 'audit:read', view: audit.trail },
  { path: 'me', label: 'My account', needs: null, view: me }
];

const PAGES = {
  principal: people.detail,
  new: people.create
};

/** Goes to `#/path?query` (query: an object); the router renders it. */
export function go(path, query = {}) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString();
  const target = '#/' + path + (q ? '?' + q : '');
  if (location.hash === target) route(); else location.hash = target;
}

function parse() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, q] = raw.split('?');
  return { parts: path.split('/').filter(Boolean), query: Object.fromEntries(new URLSearchParams(q || '')) };
}

async function route() {
  if (!session.current) return;
  const { parts, query } = parse();
  const name = parts[0] || '';
  const section = SECTIONS.find(s => s.path === name);
  document.getElementById('nav').classList.add('collapsed');
  document.getElementById('menu-toggle').setAttribute('aria-expanded', 'false');
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.path === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  try {
    if (section && (!section.needs || can(section.needs))) {
      await section.view(query);
    } else if (PAGES[name]) {
      await PAGES[name](parts.slice(1), query);
    } else {
      const first = SECTIONS.find(s => !s.needs || can(s.needs));
      go(first.path);
    }
  } catch (error) {
    failed(error);
  }
}

/** What a view does with an error it does not handle itself. */
export function failed(error) {
  if (error instanceof ApiError && error.code === 'no-access' && error.subcode === 'no-login') {
    signedOut('Your session has ended: sign in again.');
    return;
  }
  if (error instanceof ApiError && error.code === 'no-access') {
    show(h('h1', {}, 'Not allowed'), h('p', { class: 'message bad', role: 'alert' }, 'Your permissions do not let you see this.'));
    return;
  }
  show(h('h1', {}, 'Something went wrong'), h('p', { class: 'message bad', role: 'alert' }, error.message || String(error)));
}

async function boot() {
  const info = await call('common-info');
  const user = info.querySelector('common > user');
  if (!user) {
    signedOut();
    return;
  }
  const current = {
    id: user.getAttribute('user-id'), name: text(user, 'name'), login: text(user, 'login'),
    account: info.querySelector('common > account')?.getAttribute('account-id'), permissions: new Set()
  };
  try {
    const granted = await call('user-permissions');
    for (const p of granted.querySelectorAll('permission')) current.permissions.add(p.textContent);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'no-access' && error.subcode !== 'no-login') {
      session.current = current;
      chooseNewPassword(current);  // a temporary password's session may only change the password
      return;
    }
    throw error;
  }
  session.current = current;
  document.getElementById('whoami-name').textContent = `${current.name} (${current.login}) · account ${current.account}`;
  document.getElementById('whoami').hidden = false;
  const nav = document.getElementById('nav');
  nav.replaceChildren(...SECTIONS.filter(s => !s.needs || can(s.needs))
    .map(s => h('a', { href: '#/' + s.path, dataset: { path: s.path } }, s.label)));
  nav.classList.add('collapsed');  // folded at phone width until the menu button opens it
  nav.hidden = false;
  document.getElementById('menu-toggle').hidden = false;
  await route();
}

function signedOut(notice) {
  session.current = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('whoami').hidden = true;
  document.getElementById('menu-toggle').hidden = true;
  const f = form({ id: 'sign-in', 'aria-labelledby': 'sign-in-title' }, [
    field('Login', 'login', { required: true, autocomplete: 'username' }),
    field('Password', 'password', { type: 'password', required: true, autocomplete: 'current-password' })
  ], 'Sign in', async v => {
    try {
      await call('login', { login: v.login, password: v.password });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'no-data') {
        throw new Error('Wrong login or password, or the account is locked or suspended.');
      }
      throw error;
    }
    signIn.password = v.password;
    await boot();
  });
  const sso = h('div', { id: 'sso' });
  show(h('div', { class: 'signin' }, h('h1', { id: 'sign-in-title' }, 'Sign in to Breezeway'),
    notice ? h('p', { class: 'message', role: 'status' }, notice) : null, f, sso));
  fetch('/sso/providers', { credentials: 'same-origin' }).then(r => r.ok ? r.json() : []).then(list => {
    if (!list.length) return;
    sso.append(h('h2', {}, 'Or sign in with'), h('div', { class: 'actions' }, list.map(p =>
      h('a', { class: 'button', href: `/sso/${encodeURIComponent(p.slug)}/login?return=${encodeURIComponent('/admin/')}` }, p.name))));
  }).catch(() => {});
}

/** What the sign-in form last sent, to change a temporary password without asking for it again. */
const signIn = { password: null };

function chooseNewPassword(current) {
  show(h('div', { class: 'signin' }, h('h1', {}, 'Choose a new password'),
    h('p', {}, 'You signed in with a temporary password: choose your own to go on.'),
    form({ id: 'new-password' }, [
      field('New password', 'password', { type: 'password', required: true, autocomplete: 'new-password' }),
      field('The same again', 'password-verify', { type: 'password', required: true, autocomplete: 'new-password' })
    ], 'Set password', async v => {
      await call('user-update-pwd', { 'user-id': current.id, 'password-old': signIn.password, password: v.password, 'password-verify': v['password-verify'] });
      await call('login', { login: current.login, password: v.password });
      signIn.password = null;
      await boot();
    })));
}

async function me() {
  const info = await call('principal-info', { 'principal-id': session.current.id });
  const p = info.querySelector('principal');
  const roles = await call('user-roles').then(d => [...d.querySelectorAll('role')].map(r => r.textContent)).catch(() => []);
  show(h('h1', {}, 'My account'),
    h('section', { class: 'card' }, h('dl', {},
      h('dt', {}, 'Name'), h('dd', {}, text(p, 'name')),
      h('dt', {}, 'Login'), h('dd', {}, text(p, 'login')),
      h('dt', {}, 'E-mail'), h('dd', {}, text(p, 'email') || '—'),
      h('dt', {}, 'Roles'), h('dd', {}, roles.join(', ') || '—'),
      h('dt', {}, 'Permissions'), h('dd', {}, [...session.current.permissions].join(', ') || '—'))),
    h('h2', {}, 'Change my password'),
    form({ id: 'my-password' }, [
      field('Current password', 'password-old', { type: 'password', required: true, autocomplete: 'current-password' }),
      field('New password', 'password', { type: 'password', required: true, autocomplete: 'new-password' }),
      field('The same again', 'password-verify', { type: 'password', required: true, autocomplete: 'new-password' })
    ], 'Change password', async (v, f) => {
      await call('user-update-pwd', { 'user-id': session.current.id, ...v });
      f.reset();
      toast('Your password is changed.');
    }));
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await call('logout').catch(() => {});
  signedOut('You are signed out.');
});
document.getElementById('menu-toggle').addEventListener('click', e => {
  const nav = document.getElementById('nav');
  const open = nav.classList.toggle('collapsed') === false;
  e.target.setAttribute('aria-expanded', String(open));
});
window.addEventListener('hashchange', route);
boot().catch(failed);
