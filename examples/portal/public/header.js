// The account entry at the top right of the header (manual 002, 2-2): signed in, the member's
// name, which leads to 「ログアウトしてもよろしいですか？」; signed out, 「ログイン」; nothing
// during a flow.
import { catalog } from './i18n.js';
import { go } from './nav.js';
import { fill, h, navLink } from './ui.js';

const ht = catalog({
  ja: {
    account: '{name}（ログアウト）',
    login: 'ログイン',
  },
  en: {
    account: '{name} (log out)',
    login: 'Log in',
  },
});

const slot = () => document.getElementById('account');

/** The name the portal calls the member by: the display name, else the user ID. */
export function memberName(session) {
  const name = typeof session?.displayName === 'string' ? session.displayName.trim() : '';
  return name !== '' ? name : (session?.userId ?? '');
}

/** Signed in: the member's name, a button to the logout confirmation. */
export function showSignedIn(session) {
  const name = memberName(session);
  const element = slot();
  if (!element) return;
  fill(
    element,
    h(
      'button',
      {
        type: 'button',
        class: 'account',
        id: 'account-button',
        'aria-label': ht('account', { name }),
        onclick: () => go('logout'),
      },
      h('span', { class: 'account-icon', 'aria-hidden': 'true' }),
      h('span', { class: 'account-name' }, name),
    ),
  );
}

/** Signed out (login, the "forgot" pages, mailed links): 「ログイン」. */
export function showSignedOut() {
  const element = slot();
  if (element)
    fill(element, navLink(ht('login'), 'login', { class: 'account', id: 'account-login' }));
}

/** No entry: inside a flow (each step has its own 「ログアウト」) and on mailed links. */
export function hideAccount() {
  const element = slot();
  if (element) fill(element);
}
