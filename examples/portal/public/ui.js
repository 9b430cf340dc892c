// Tiny DOM helpers: build elements, draw a screen, show API errors.
import { t } from './i18n.js';

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

/** A labelled input. */
export function field(label, attrs, hint) {
  const id = attrs.id ?? attrs.name;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, ...attrs }),
    hint ? h('p', { class: 'hint' }, hint) : null,
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

/** Hides the error area. */
export function clearError(box) {
  box.hidden = true;
  box.replaceChildren();
}

/**
 * A form whose submit runs `action` with the form values, disabling the button meanwhile;
 * a returned error is shown above the button.
 */
export function form(children, submitLabel, action, extra = []) {
  const box = errorBox();
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const element = h('form', { novalidate: true }, children, box, button, extra);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError(box);
    button.disabled = true;
    try {
      const values = Object.fromEntries(new FormData(element).entries());
      const error = await action(values, box);
      if (error) showError(box, error);
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
