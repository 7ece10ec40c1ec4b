// What happened and who is locked out: the audit trail and the login locks.
import { call, text, attrs } from './api.js';
import { h, show, field, form, table, button, toast } from './ui.js';
import { go } from './app.js';

const PAGE = 50;

/** #/audit?actor=&object=&kind=&start=N: newest first. */
export async function trail(query) {
  const start = Math.max(0, Number(query.start) || 0);
  const params = { 'filter-start': start, 'filter-rows': PAGE + 1 };
  if (query.actor) params['filter-like-actor-login'] = query.actor;
  if (query.object) params['filter-like-object-name'] = query.object;
  if (query.kind) params['filter-like-kind'] = query.kind;
  const here = { actor: query.actor, object: query.object, kind: query.kind };
  let events = [];
  let problem = null;
  try {
    events = [...(await call('audit-event-list', params)).querySelectorAll('audit-events > event')].map(e => ({
      ...attrs(e), actor: text(e, 'actor-login'), object: text(e, 'object-name'), details: text(e, 'details')
    }));
  } catch (error) {
    problem = error;
  }
  const more = events.length > PAGE;
  events = events.slice(0, PAGE);
  show(h('h1', {}, 'Audit trail'),
    form({ id: 'audit-filter', role: 'search', class: 'card toolbar' }, [
      h('div', {}, field('Actor (login contains)', 'actor', { value: query.actor || '' })),
      h('div', {}, field('Object (name contains)', 'object', { value: query.object || '' })),
      h('div', {}, field('Kind contains (e.g. membership, login)', 'kind', { value: query.kind || '' }))
    ], 'Filter', v => go('audit', { actor: v.actor.trim(), object: v.object.trim(), kind: v.kind.trim() })),
    problem ? h('p', { class: 'message bad', role: 'alert' }, problem.message) : null,
    table([
      { label: 'When', value: e => e['occurred-at'].replace('T', ' ').replace(/\.\d+/, '') },
      { label: 'Kind', value: e => e.kind },
      { label: 'Actor', value: e => e.actor || '—' },
      { label: 'Object', value: e => e.object || e['object-id'] || '—' },
      { label: 'From', value: e => [e.face, e.address].filter(Boolean).join(' · ') },
      { label: 'Details', value: e => h('pre', {}, e.details) }
    ], events, { label: 'Audit events', empty: 'No event matches.' }),
    h('div', { class: 'pager' },
      button('Newer', () => go('audit', { ...here, start: Math.max(0, start - PAGE) }), { disabled: start === 0 }),
      button('Older', () => go('audit', { ...here, start: start + PAGE }), { disabled: !more })));
}

/** #/locks: failed-login counters over their limit now, and clearing them. */
export async function locks() {
  const list = [...(await call('login-lock-list')).querySelectorAll('login-locks > lock')].map(attrs);
  show(h('h1', {}, 'Login locks'),
    h('p', { class: 'muted' }, 'Logins and addresses refused for now after too many failed sign-ins.'),
    table([
      { label: 'Login', value: l => l.login || 'every login' },
      { label: 'Address', value: l => l.address || 'every address' },
      { label: 'Failures', value: l => l.failures },
      { label: 'Minutes left', value: l => l['minutes-left'] },
      { label: '', value: l => button('Clear', async () => {
        await call('login-lock-clear', { login: l.login, address: l.address });
        toast('Cleared.');
        go('locks');
      }, { 'aria-label': `Clear the lock of ${l.login || l.address}` }) }
    ], list, { label: 'Login locks', empty: 'Nobody is locked out.' }));
}
