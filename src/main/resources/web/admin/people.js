// Users and groups: the searchable list, one principal's page (details, status, password, memberships,
// custom fields, roles) and the creation of users and groups; every change through /api/xml.
import { call, text, attrs } from './api.js';
import { h, show, field, form, table, button, secret, toast } from './ui.js';
import { go, can, session } from './app.js';

const PAGE = 25;
const TYPES = [['', 'Users and groups'], ['user', 'Users'], ['group', 'Groups']];

function rows(doc) {
  return [...doc.querySelectorAll('principal-list > principal')].map(p => ({
    ...attrs(p), name: text(p, 'name'), login: text(p, 'login'), email: text(p, 'email'), description: text(p, 'description')
  }));
}

const isGroup = p => p['has-children'] === 'true' || p['has-children'] === '1';

function typeLabel(p) {
  if (p.type === 'user') return 'User';
  if (p.type === 'group') return 'Group';
  return isGroup(p) ? `Group (${p.type})` : p.type;
}

/** #/principals?q=&type=&sort=name|login&dir=asc|desc&start=N */
export async function list(query) {
  const start = Math.max(0, Number(query.start) || 0);
  const sort = query.sort === 'login' ? 'login' : 'name';
  const dir = query.dir === 'desc' ? 'desc' : 'asc';
  const params = { 'filter-start': start, 'filter-rows': PAGE + 1, [`sort-${sort}`]: dir };
  if (query.q) params['filter-like-name'] = query.q;
  if (query.type) params['filter-type'] = query.type;
  const search = form({ id: 'search', role: 'search', class: 'card toolbar' }, [
    h('div', {}, field('Name contains', 'q', { value: query.q || '' })),
    h('div', {}, field('Show', 'type', { value: query.type || '', options: TYPES }))
  ], 'Search', v => go('principals', { q: v.q.trim(), type: v.type, sort, dir }));
  let found = [];
  let problem = null;
  try {
    found = rows(await call('principal-list', params));
  } catch (error) {
    problem = error;
  }
  const more = found.length > PAGE;
  found = found.slice(0, PAGE);
  const here = { q: query.q, type: query.type, sort, dir };
  const readable = can('users:read');
  show(h('h1', {}, 'Users and groups'),
    h('div', { class: 'actions' },
      can('users:create') ? h('a', { class: 'button', href: '#/new/user' }, 'New user') : null,
      can('users:create') ? h('a', { class: 'button', href: '#/new/group' }, 'New group') : null),
    search,
    problem ? h('p', { class: 'message bad', role: 'alert' }, problem.message) : null,
    table([
      { label: 'Name', sort: 'name', value: p => readable ? h('a', { href: `#/principal/${p['principal-id']}` }, p.name) : p.name },
      { label: 'Login', sort: 'login', value: p => p.login },
      { label: 'Type', value: typeLabel },
      { label: 'E-mail', value: p => p.email || p.description }
    ], found, {
      label: 'Users and groups',
      open: readable ? p => go('principal/' + p['principal-id']) : undefined,
      sort: { key: sort, dir, onsort: (key, d) => go('principals', { ...here, sort: key, dir: d }) },
      empty: query.q ? 'Nobody matches.' : 'Nobody yet.'
    }),
    h('div', { class: 'pager' },
      button('Previous', () => go('principals', { ...here, start: Math.max(0, start - PAGE) }), { disabled: start === 0 }),
      h('span', { class: 'muted' }, found.length ? `${start + 1}–${start + found.length}` : ''),
      button('Next', () => go('principals', { ...here, start: start + PAGE }), { disabled: !more })));
}

/** #/new/user and #/new/group */
export async function create([type]) {
  const group = type === 'group';
  const fields = group
    ? [field('Name', 'name', { required: true }), field('Description', 'description', { type: 'textarea' })]
    : [field('Login', 'login', { required: true }), field('First name', 'first-name', { required: true }),
      field('Last name', 'last-name', { required: true }), field('E-mail', 'email', { type: 'email' }),
      field('Password', 'password', { type: 'password', autocomplete: 'new-password', help: 'Leave empty and mail a welcome link instead.' }),
      field('Mail a welcome link to set the password', 'send-email', { type: 'checkbox' })];
  show(h('h1', {}, group ? 'New group' : 'New user'),
    form({ id: 'create' }, fields, group ? 'Create group' : 'Create user', async v => {
      const params = { type: group ? 'group' : 'user', 'has-children': group ? 1 : 0 };
      for (const [k, value] of Object.entries(v)) if (value !== '' && !(k === 'send-email' && value === 'false')) params[k] = value;
      const doc = await call('principal-update', params);
      const id = doc.querySelector('principal').getAttribute('principal-id');
      toast(group ? 'The group is created.' : 'The user is created.');
      go('principal/' + id);
    }));
}

/** #/principal/ID */
export async function detail([id]) {
  const info = await call('principal-info', { 'principal-id': id });
  const p = info.querySelector('principal');
  const principal = { ...attrs(p), name: text(p, 'name'), login: text(p, 'login') };
  const group = isGroup(principal);
  const user = principal.type === 'user';
  const modern = can('iam/principals:read')
    ? await call('principal-modern-info', { 'principal-id': id }).then(d => d.querySelector('principal-modern')).catch(() => null)
    : null;
  const suspended = modern?.getAttribute('suspended-at');
  const sections = [
    h('h1', {}, principal.name, ' ', h('span', { class: 'badge' }, typeLabel(principal)),
      suspended ? h('span', { class: 'badge bad', id: 'suspended' }, ' Suspended') : null),
    editForm(id, p, group)
  ];
  if (modern && can('iam/principals:write') && String(id) !== session.current.id) {
    sections.push(statusSection(id, suspended, user));
  }
  sections.push(await memberships(id, principal, group));
  sections.push(await customFields(id));
  if (user && can('users:read')) sections.push(await roles(id));
  if (can('users:delete') && principal['is-primary'] !== 'true' && String(id) !== session.current.id) {
    sections.push(h('section', { class: 'card' }, h('h2', {}, 'Delete'),
      button(group ? 'Delete this group' : 'Delete this user', async () => {
        if (!confirm(`Delete ${principal.name} for good?`)) return;
        await call('principals-delete', { 'principal-id': id });
        toast(`${principal.name} is deleted.`);
        go('principals');
      }, { class: 'danger', id: 'delete' })));
  }
  show(...sections);
}

function editForm(id, p, group) {
  const c = p.ownerDocument.querySelector('contact');
  const fields = group
    ? [field('Name', 'name', { value: text(p, 'name'), required: true }),
      field('Description', 'description', { type: 'textarea', value: text(p, 'description') })]
    : [field('Login', 'login', { value: text(p, 'login'), required: true }),
      field('First name', 'first-name', { value: text(p, 'first-name') || text(c, 'first-name') }),
      field('Last name', 'last-name', { value: text(p, 'last-name') || text(c, 'last-name') }),
      field('E-mail', 'email', { type: 'email', value: text(p, 'email') })];
  if (!can('users:update') && String(id) !== session.current.id) {
    return h('section', { class: 'card' }, fields.map(f => { f.querySelectorAll('input, textarea').forEach(i => { i.readOnly = true; }); return f; }));
  }
  return form({ id: 'edit' }, fields, 'Save', async v => {
    await call('principal-update', { 'principal-id': id, ...v });
    toast('Saved.');
    go('principal/' + id);
  });
}

/** Suspension is a state, not an edit: sent without the version, so a reset just made does not make it stale. */
function statusSection(id, suspended, user) {
  const out = h('div', { id: 'password-result' });
  return h('section', { class: 'card' }, h('h2', {}, 'Status and password'),
    h('p', {}, suspended ? `Suspended since ${suspended}: cannot sign in.` : 'Active.'),
    h('div', { class: 'actions' },
      suspended
        ? button('Reactivate', async () => {
          await call('principal-reactivate', { 'principal-id': id });
          toast('Reactivated.');
          go('principal/' + id);
        }, { id: 'reactivate' })
        : button('Suspend', async () => {
          await call('principal-suspend', { 'principal-id': id });
          toast('Suspended: its sessions have ended.');
          go('principal/' + id);
        }, { id: 'suspend', class: 'danger' }),
      user ? button('Reset password and show it', async () => {
        const d = await call('principal-password-reset', { 'principal-id': id });
        out.replaceChildren(secret('The temporary password logs in once, to choose a new one.', text(d, 'password')));
      }, { id: 'reset-show' }) : null,
      user ? button('Reset password and mail it', async () => {
        await call('principal-password-reset', { 'principal-id': id, 'send-email': 'true' });
        out.replaceChildren(h('p', { class: 'message', role: 'status' }, 'A temporary password is mailed to the user.'));
      }, { id: 'reset-mail' }) : null),
    out);
}

/** "Member of" (groups holding it) and, for a group, its members; with groups:update, add and remove. */
async function memberships(id, principal, group) {
  const of = rows(await call('principal-list', { 'principal-id': id, 'filter-is-member': 'true' }));
  const editable = can('groups:update');
  const change = async (groupId, memberId, member) => {
    await call('group-membership-update', [['group-id', groupId], ['principal-id', memberId], ['is-member', String(member)]]);
    toast(member ? 'Added.' : 'Removed.');
    go('principal/' + id);
  };
  const item = (q, remove) => h('li', {}, h('a', { href: `#/principal/${q['principal-id']}` }, q.name),
    editable ? button('Remove', remove, { 'aria-label': `Remove ${q.name}` }) : null);
  const parts = [h('h2', {}, 'Member of'),
    h('ul', { class: 'plain', id: 'member-of' }, of.length ? of.map(g => item(g, () => change(g['principal-id'], id, false)))
      : h('li', { class: 'muted' }, 'No group.'))];
  if (editable) parts.push(finder('Add to a group', 'group', g => change(g['principal-id'], id, true), 'add-to-group'));
  if (group) {
    const members = rows(await call('principal-list', { 'group-id': id, 'filter-is-member': 'true' }));
    parts.push(h('h2', {}, 'Members'),
      h('ul', { class: 'plain', id: 'members' }, members.length ? members.map(m => item(m, () => change(id, m['principal-id'], false)))
        : h('li', { class: 'muted' }, 'No member.')));
    if (editable) parts.push(finder('Add a member (user or group)', '', m => change(id, m['principal-id'], true), 'add-member'));
  }
  return h('section', { class: 'card' }, parts);
}

/** A small search for a principal to pick (type '' for any, 'group' for groups). */
function finder(label, type, pick, id) {
  const results = h('ul', { class: 'plain' });
  const f = form({ id, class: 'toolbar' }, [h('div', {}, field(label, 'q', {}))], 'Find', async v => {
    const params = { 'filter-rows': 10, 'sort-name': 'asc' };
    if (v.q) params['filter-like-name'] = v.q;
    if (type) params['filter-type'] = type;
    const found = rows(await call('principal-list', params));
    results.replaceChildren(...(found.length ? found.map(q => h('li', {}, `${q.name} (${typeLabel(q)})`,
      button('Add', () => pick(q), { 'aria-label': `Add ${q.name}` }))) : [h('li', { class: 'muted' }, 'Nobody matches.')]));
    results.querySelector('button')?.focus();
  });
  return h('div', {}, f, results);
}

async function customFields(id) {
  const defs = [...(await call('custom-fields')).querySelectorAll('custom-fields > field')]
    .filter(f => f.getAttribute('object-type') === 'object-type-principal');
  if (!defs.length) return h('section', { class: 'card' }, h('h2', {}, 'Custom fields'), h('p', { class: 'muted' }, 'The account has none.'));
  const values = {};
  const doc = await call('acl-field-info', { 'acl-id': id }).catch(() => null);
  for (const f of doc ? doc.querySelectorAll('acl-fields > field') : []) values[f.getAttribute('field-id')] = text(f, 'value');
  const inputs = defs.map(d => field(text(d, 'name'), 'x-' + d.getAttribute('field-id'), { value: values[d.getAttribute('field-id')] || '' }));
  if (!can('fields:manage')) {
    inputs.forEach(f => f.querySelectorAll('input').forEach(i => { i.readOnly = true; }));
    return h('section', { class: 'card' }, h('h2', {}, 'Custom fields'), inputs);
  }
  return h('section', {}, h('h2', {}, 'Custom fields'), form({ id: 'custom-values' }, inputs, 'Save values', async v => {
    const trios = [];
    for (const [name, value] of Object.entries(v)) trios.push(['acl-id', id], ['field-id', name], ['value', value]);
    await call('acl-field-update', trios);
    toast('Saved.');
  }));
}

async function roles(id) {
  const held = [...(await call('user-roles', { 'principal-id': id })).querySelectorAll('role')].map(r => r.textContent);
  const editable = can('users:update') && String(id) !== session.current.id;
  const change = async (param, role) => {
    await call('user-roles-update', { 'principal-id': id, [param]: role });
    toast(param === 'add-role' ? `Role ${role} given.` : `Role ${role} taken away.`);
    go('principal/' + id);
  };
  const parts = [h('h2', {}, 'Roles'), h('ul', { class: 'plain', id: 'roles' }, held.length
    ? held.map(r => h('li', {}, r, editable ? button('Remove', () => change('remove-role', r), { 'aria-label': `Remove role ${r}` }) : null))
    : h('li', { class: 'muted' }, 'No role.'))];
  if (editable && can('roles:list')) {
    const all = [...(await call('role-list', { 'filter-rows': 100 })).querySelectorAll('role')].map(r => r.getAttribute('name'))
      .filter(r => !held.includes(r));
    if (all.length) {
      parts.push(form({ id: 'add-role', class: 'toolbar' }, [h('div', {}, field('Give a role', 'role', { options: all.map(r => [r, r]) }))],
        'Give', v => change('add-role', v.role)));
    }
  }
  return h('section', { class: 'card' }, parts);
}
