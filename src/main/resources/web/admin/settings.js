// The account's settings: custom fields, login and password policies, roles and permissions, API clients.
import { call, text, attrs } from './api.js';
import { h, show, field, form, table, button, secret, toast } from './ui.js';
import { go, can } from './app.js';

const FIELD_TYPES = [['text', 'Text'], ['textarea', 'Long text'], ['checkbox', 'Yes or no'], ['date', 'Date'], ['url', 'Address (URL)']];

/** #/fields: the custom fields of principals. */
export async function fields() {
  const defs = [...(await call('custom-fields')).querySelectorAll('custom-fields > field')]
    .filter(f => f.getAttribute('object-type') === 'object-type-principal')
    .map(f => ({ ...attrs(f), name: text(f, 'name'), comments: text(f, 'comments') }));
  show(h('h1', {}, 'Custom fields'),
    table([
      { label: 'Name', value: f => f.name },
      { label: 'Type', value: f => f['field-type'] },
      { label: 'Required', value: f => (f['is-required'] === 'true' ? 'yes' : 'no') },
      { label: '', value: f => button('Delete', async () => {
        if (!confirm(`Delete the field ${f.name} and all its values?`)) return;
        await call('custom-fields-delete', { 'field-id': f['field-id'], 'object-type': 'object-type-principal' });
        toast('Deleted.');
        go('fields');
      }, { class: 'danger', 'aria-label': `Delete field ${f.name}` }) }
    ], defs, { label: 'Custom fields', empty: 'No custom field yet.' }),
    h('h2', {}, 'New field'),
    form({ id: 'new-field' }, [
      field('Name', 'name', { required: true }),
      field('Type', 'field-type', { options: FIELD_TYPES, value: 'text' }),
      field('Required', 'is-required', { type: 'checkbox' }),
      field('Comments', 'comments', {})
    ], 'Create field', async v => {
      await call('custom-field-update', { 'object-type': 'object-type-principal', 'permission-id': 'manage', 'is-primary': 'false', ...v });
      toast('The field is created.');
      go('fields');
    }));
}

const POLICY = [
  ['login-is-email', 'The login is an e-mail address', 'checkbox'],
  ['password-min-length', 'Shortest password', 'number'],
  ['password-max-length', 'Longest password', 'number'],
  ['password-requires-digit', 'A password needs a digit', 'checkbox'],
  ['password-requires-capital', 'A password needs a capital letter', 'checkbox'],
  ['password-requires-lower', 'A password needs a lower-case letter', 'checkbox'],
  ['password-special-characters', 'Special characters a password must use one of (empty: none needed)', 'text'],
  ['password-refuses-common', 'Refuse common passwords', 'checkbox'],
  ['password-expiry-days', 'Days before a password expires (0: never)', 'number'],
  ['password-history', 'Earlier passwords that may not be used again', 'number']
];

/** #/policy: the login and password policy of each face (XML and JSON). */
export async function policy() {
  const faces = [];
  for (const face of ['xml', 'json']) {
    const p = (await call('account-policy-info', { face })).querySelector('account-policy');
    faces.push(h('section', {}, h('h2', {}, face === 'xml' ? 'XML API (/api/xml)' : 'JSON API (/resources)'),
      form({ id: `policy-${face}` }, POLICY.map(([name, label, type]) =>
        field(label, name, { type, value: type === 'checkbox' ? p.getAttribute(name) === 'true' : (p.getAttribute(name) ?? '') })),
      'Save policy', async v => {
        await call('account-policy-update', { face, version: p.getAttribute('version'), ...v });
        toast('The policy is saved.');
        go('policy');
      })));
  }
  show(h('h1', {}, 'Login and password policies'), h('div', { class: 'grid' }, faces));
}

function role(e) {
  return { ...attrs(e), description: text(e, 'description'), permissions: [...e.querySelectorAll('permission')].map(p => p.textContent) };
}

/** #/roles: roles and the permissions they give; open one to change it. */
export async function roles(query) {
  const list = [...(await call('role-list', { 'filter-rows': 100 })).querySelectorAll('role-list > role')].map(role);
  const catalogue = can('roles:read') ? [...(await call('permission-list')).querySelectorAll('permission')].map(p => p.textContent) : [];
  const chosen = list.find(r => r.name === query.role);
  const boxes = (held = []) => h('fieldset', {}, h('legend', {}, 'Permissions'),
    catalogue.map(p => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'perm:' + p, checked: held.includes(p) }), p)));
  const parts = [h('h1', {}, 'Roles'), table([
    { label: 'Role', value: r => h('a', { href: `#/roles?role=${encodeURIComponent(r.name)}` }, r.name) },
    { label: 'Description', value: r => r.description },
    { label: 'Permissions', value: r => r.permissions.join(', ') }
  ], list, { label: 'Roles', open: r => go('roles', { role: r.name }), empty: 'No role yet.' })];
  const picked = v => Object.entries(v).filter(([k, on]) => k.startsWith('perm:') && on === 'true').map(([k]) => k.slice(5));
  if (chosen && can('roles:update')) {
    parts.push(h('h2', {}, `Change ${chosen.name}`), form({ id: 'edit-role' }, [
      field('Name', 'name', { value: chosen.name, required: true }),
      field('Description', 'description', { value: chosen.description }), boxes(chosen.permissions)
    ], 'Save role', async v => {
      const now = picked(v);
      await call('role-update', { role: chosen.locator, version: chosen.version, name: v.name, description: v.description,
        'add-permission': now.filter(p => !chosen.permissions.includes(p)),
        'remove-permission': chosen.permissions.filter(p => !now.includes(p)) });
      toast('The role is saved.');
      go('roles', { role: v.name });
    }));
    if (can('roles:delete')) {
      parts.push(h('div', { class: 'actions' }, button(`Delete ${chosen.name}`, async () => {
        if (!confirm(`Delete the role ${chosen.name}?`)) return;
        await call('role-delete', { role: chosen.locator });
        toast('Deleted.');
        go('roles');
      }, { class: 'danger' })));
    }
  }
  if (can('roles:create')) {
    parts.push(h('h2', {}, 'New role'), form({ id: 'new-role' }, [
      field('Name', 'name', { required: true }), field('Description', 'description', {}), boxes()
    ], 'Create role', async v => {
      await call('role-create', { name: v.name, description: v.description, permission: picked(v) });
      toast('The role is created.');
      go('roles', { role: v.name });
    }));
  }
  show(...parts);
}

/** #/clients: API clients; a secret is shown once, when the client is created or its secret rotated. */
export async function clients() {
  const list = [...(await call('client-list')).querySelectorAll('client-list > client')]
    .map(c => ({ ...attrs(c), name: text(c, 'name') || c.getAttribute('name'), roles: [...c.querySelectorAll('role')].map(r => r.textContent) }));
  const out = h('div', { id: 'client-secret' });
  const manage = can('clients:manage');
  show(h('h1', {}, 'API clients'), out,
    table([
      { label: 'Name', value: c => c.name },
      { label: 'Client id', value: c => h('code', {}, c['client-id']) },
      { label: 'Roles', value: c => c.roles.join(', ') },
      { label: '', value: c => manage ? h('span', { class: 'actions' },
        button('Rotate secret', async () => {
          const d = await call('client-rotate', { 'client-id': c['client-id'] });
          out.replaceChildren(secret(`The new secret of ${c.name}; the old one no longer works.`, text(d, 'secret')));
        }, { 'aria-label': `Rotate the secret of ${c.name}` }),
        button('Revoke', async () => {
          if (!confirm(`Revoke ${c.name}? Its tokens stop working at once.`)) return;
          await call('client-revoke', { 'client-id': c['client-id'] });
          toast('Revoked.');
          go('clients');
        }, { class: 'danger', 'aria-label': `Revoke ${c.name}` })) : '' }
    ], list, { label: 'API clients', empty: 'No API client yet.' }),
    manage ? h('h2', {}, 'New client') : null,
    manage ? form({ id: 'new-client' }, [field('Name', 'name', { required: true })], 'Create client', async (v, f) => {
      const d = await call('client-create', { name: v.name });
      const c = d.querySelector('client');
      await clients();
      document.getElementById('client-secret').replaceChildren(
        secret(`Client ${v.name}: id ${c.getAttribute('client-id')}.`, text(c, 'secret')));
    }) : null);
}
