// Small DOM helpers of the console: elements, forms with errors next to their fields, keyboard-usable tables.
import { ApiError, invalidText } from './api.js';

/** h('button', {class: 'primary', onclick: f}, 'Save'): an element with properties, attributes and children. */
export function h(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Replaces the main area with `nodes` and moves the focus there (for screen readers and keyboards). */
export function show(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined && n !== false));
  window.scrollTo(0, 0);
  main.focus({ preventScroll: true });
}

export function toast(message) {
  const t = document.getElementById('toast');
  t.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.textContent = ''; }, 5000);
}

let fieldIds = 0;

/**
 * A labelled input whose `<invalid field=…>` error appears under it: `name` is the API parameter.
 * opts: {type, value, required, options: [[value, label]], autocomplete, help}.
 */
export function field(label, name, opts = {}) {
  const id = `f${++fieldIds}-${name}`;
  let input;
  if (opts.options) {
    input = h('select', { id, name }, opts.options.map(([v, l]) => h('option', { value: v, selected: String(v) === String(opts.value ?? '') }, l)));
  } else if (opts.type === 'textarea') {
    input = h('textarea', { id, name, rows: 3 }, opts.value ?? '');
  } else if (opts.type === 'checkbox') {
    input = h('input', { id, name, type: 'checkbox', checked: !!opts.value });
    return h('div', { class: 'field' }, h('label', { class: 'inline', for: id }, input, label),
      h('span', { class: 'error', id: id + '-error', dataset: { for: name } }));
  } else {
    input = h('input', { id, name, type: opts.type || 'text', value: opts.value ?? '', autocomplete: opts.autocomplete || 'off' });
  }
  if (opts.required) input.required = true;
  input.setAttribute('aria-describedby', id + '-error');
  return h('div', { class: 'field' }, h('label', { for: id }, label), input,
    opts.help ? h('small', { class: 'muted' }, opts.help) : null,
    h('span', { class: 'error', id: id + '-error', dataset: { for: name } }));
}

/** The values of a form's named inputs (checkboxes as 'true'/'false'). */
export function values(form) {
  const o = {};
  for (const e of form.querySelectorAll('input[name], select[name], textarea[name]')) {
    o[e.name] = e.type === 'checkbox' ? String(e.checked) : e.value;
  }
  return o;
}

/** Clears a form's errors; with an ApiError, writes each `<invalid>` next to its field and the rest on top. */
export function showErrors(form, error) {
  for (const e of form.querySelectorAll('.error')) e.textContent = '';
  for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
  const top = form.querySelector('.form-error');
  if (top) top.textContent = '';
  if (!error) return;
  const unplaced = [];
  if (error instanceof ApiError && error.invalid.length) {
    let first = null;
    for (const i of error.invalid) {
      const slot = form.querySelector(`.error[data-for="${CSS.escape(i.field)}"]`);
      if (slot) {
        slot.textContent = invalidText(i);
        const input = form.querySelector(`[name="${CSS.escape(i.field)}"]`);
        if (input) { input.setAttribute('aria-invalid', 'true'); first = first || input; }
      } else {
        unplaced.push(`${i.field}: ${invalidText(i)}`);
      }
    }
    if (first) first.focus();
  } else {
    unplaced.push(error.message || String(error));
  }
  if (unplaced.length && top) top.textContent = unplaced.join(' ');
  else if (unplaced.length) toast(unplaced.join(' '));
}

/** A form whose submit runs `onsubmit(values)`; errors land next to their fields. */
export function form(props, children, submitLabel, onsubmit) {
  const f = h('form', { class: 'card', novalidate: true, ...props }, h('p', { class: 'error form-error', role: 'alert' }),
    children, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, submitLabel)));
  f.addEventListener('submit', async e => {
    e.preventDefault();
    showErrors(f, null);
    const button = f.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await onsubmit(values(f), f);
    } catch (error) {
      showErrors(f, error);
    } finally {
      button.disabled = false;
    }
  });
  return f;
}

/**
 * A table of rows; `columns` = [{label, value: row => text|Node, sort: 'name'}]. With `open`, each row is
 * focusable: Enter or a click opens it, the arrow keys move between rows. `sort` = {key, dir, onsort}.
 */
export function table(columns, rows, { open, sort, empty = 'Nothing to show.', label } = {}) {
  const head = h('tr', {}, columns.map(c => {
    if (!c.sort || !sort) return h('th', { scope: 'col' }, c.label);
    const active = sort.key === c.sort;
    const dir = active ? sort.dir : 'none';
    return h('th', { scope: 'col', 'aria-sort': dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none' },
      h('button', { type: 'button', onclick: () => sort.onsort(c.sort, active && sort.dir === 'asc' ? 'desc' : 'asc') },
        c.label, active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''));
  }));
  const body = h('tbody', {}, rows.length ? rows.map(r => {
    const tr = h('tr', open ? { tabindex: 0 } : {}, columns.map(c => h('td', { 'data-label': c.label }, c.value(r))));
    if (open) {
      tr.addEventListener('click', e => { if (!e.target.closest('button, a, input')) open(r); });
      tr.addEventListener('keydown', e => {
        if (e.target !== tr) return;
        if (e.key === 'Enter') { e.preventDefault(); open(r); }
        if (e.key === 'ArrowDown') { e.preventDefault(); tr.nextElementSibling?.focus(); }
        if (e.key === 'ArrowUp') { e.preventDefault(); tr.previousElementSibling?.focus(); }
      });
    }
    return tr;
  }) : h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, empty)));
  return h('table', { class: 'responsive', 'aria-label': label }, h('thead', {}, head), body);
}

/** A button that runs `action` once at a time and reports its failure. */
export function button(label, action, props = {}) {
  const b = h('button', { type: 'button', ...props }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await action();
    } catch (error) {
      toast(error.message || String(error));
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/** A secret the server shows once (a temporary password, a client secret). */
export function secret(label, value) {
  return h('div', { class: 'message', role: 'alert' }, h('p', {}, label, ' It is shown only this once:'),
    h('p', {}, h('code', { class: 'secret', 'data-secret': '' }, value)));
}
