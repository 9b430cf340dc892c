// Tiny DOM helpers: build elements, draw a screen, show API errors.
import { root } from './api.js';
import { clearFieldErrors, showFormError } from './fieldErrors.js';
import { t } from './i18n.js';
import { go } from './nav.js';

/** `h('p', { class: 'x' }, 'text', child)`: an element; `on*` attributes become listeners. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces the children of `element` (arrays flattened, empty values skipped). */
export function fill(element, ...nodes) {
  const kept = nodes.flat(Number.POSITIVE_INFINITY).filter((n) => n !== null && n !== undefined);
  element.replaceChildren(...kept.filter((n) => n !== false));
}

/** Replaces the screen. */
export function show(...nodes) {
  const main = document.getElementById('app');
  fill(main, ...nodes);
  // A counter of drawn screens: tests wait for it to move instead of sleeping.
  document.body.dataset.screen = String(Number(document.body.dataset.screen ?? 0) + 1);
  const focus = main.querySelector('input:not([type=hidden]), button');
  focus?.focus();
  window.scrollTo(0, 0);
}

/** A labelled input; its hint (if any) describes it, and so will its errors. */
export function field(label, attrs, hint) {
  const id = attrs.id ?? attrs.name;
  const hintId = hint ? `${id}-hint` : null;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, 'aria-describedby': hintId, ...attrs }),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
  );
}

/** An error area: filled by {@link showError}, emptied by {@link clearError}. */
export function errorBox() {
  return h('div', { class: 'error', role: 'alert', hidden: true });
}

/** Shows an API error (`{ code, message, details: { issues } }`) in `box`. */
export function showError(box, error) {
  const issues = error?.details?.issues ?? [];
  const listed = issues.map((issue) => issue.message);
  const message = error?.message ?? String(error);
  // A validation answer's message repeats its issues: show the list alone then.
  const lead = listed.length > 0 && listed.join('\n') === message ? null : h('p', {}, message);
  fill(
    box,
    lead,
    listed.length > 0
      ? h(
          'ul',
          {},
          listed.map((text) => h('li', {}, text)),
        )
      : null,
  );
  box.dataset.code = error?.code ?? '';
  box.hidden = false;
}

/** Hides the error area (an area that showed a success becomes an error area again). */
export function clearError(box) {
  box.hidden = true;
  box.className = 'error';
  box.replaceChildren();
}

/**
 * A form whose submit runs `action` with the form values, disabling the button meanwhile.
 * A returned error is shown at the inputs it is about (see fieldErrors.js), the rest in the
 * alert area at the top of the form, which `action` also gets (to show a success there).
 */
export function form(children, submitLabel, action, extra = []) {
  const box = errorBox();
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const element = h('form', { novalidate: true }, box, children, button, extra);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError(box);
    clearFieldErrors(element);
    button.disabled = true;
    try {
      const values = Object.fromEntries(new FormData(element).entries());
      const error = await action(values, box);
      if (error) showFormError(element, error, (general) => showError(box, general));
    } finally {
      button.disabled = false;
    }
  });
  return element;
}

/** A screen title and optional lead text. */
export function title(text, lead) {
  return [h('h1', {}, text), lead ? h('p', { class: 'lead' }, lead) : null];
}

/** A button that looks like a link. */
export function linkButton(label, onclick) {
  return h('button', { type: 'button', class: 'link', onclick }, label);
}

/** A link to a page of the tenant, drawn in place (`go`), a real link for a new tab. */
export function navLink(label, page, attrs = {}) {
  return h(
    'a',
    {
      href: root + page,
      ...attrs,
      onclick: (event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        go(page);
      },
    },
    label,
  );
}

/**
 * A destructive action behind a confirmation: the button shows the question, the action's own
 * button and 「キャンセル」 in its place.
 */
export function confirmed(label, question, confirmLabel, act) {
  const slot = h('div', { class: 'confirm-slot' });
  const ask = () =>
    fill(
      slot,
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () => {
            fill(
              slot,
              h('p', { class: 'confirm', role: 'alert' }, question),
              h('button', { type: 'button', class: 'danger', onclick: act }, confirmLabel),
              h('button', { type: 'button', class: 'secondary', onclick: ask }, t('cancel')),
            );
            slot.querySelector('button.danger')?.focus();
          },
        },
        label,
      ),
    );
  ask();
  return slot;
}

/** Seconds as a countdown on `button` (for resend cooldowns). */
export function cooldown(button, seconds, labelKey = 'resend') {
  let left = Math.ceil(seconds);
  // The first tick runs before the button is on the screen; later ones stop once it is gone.
  const tick = (first = false) => {
    if (!first && !button.isConnected) return;
    if (left <= 0) {
      button.disabled = false;
      button.textContent = t(labelKey);
      return;
    }
    button.disabled = true;
    button.textContent = t('resendIn', { s: left });
    left -= 1;
    setTimeout(tick, 1000);
  };
  tick(true);
}
