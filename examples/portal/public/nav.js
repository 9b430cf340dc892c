// Client-side navigation under the tenant's root (`/t/<tenant>/<page>`).
import { root } from './api.js';

let router = () => {};

/** Sets the function that draws the page for the current URL. */
export function setRouter(fn) {
  router = fn;
}

/** The page name after the tenant root (`login`, `flow`, `settings`...). */
export function currentPage() {
  return location.pathname.startsWith(root) ? location.pathname.slice(root.length) : '';
}

/** Goes to `page` and draws it. */
export function go(page) {
  history.pushState(null, '', root + page);
  return router();
}

/** Changes the URL without drawing (the screen is already drawn). */
export function mark(page) {
  if (currentPage() !== page) history.pushState(null, '', root + page);
}

/** Redraws on back/forward. */
addEventListener('popstate', () => router());
