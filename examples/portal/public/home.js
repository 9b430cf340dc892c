// The portal home (greeting the member by name), the terms re-acceptance of an open session and
// the logout confirmation the name at the top right leads to (manual 002, 2-2).
import { api } from './api.js';
import { memberName, showSignedIn } from './header.js';
import { t } from './i18n.js';
import { loginScreen } from './login.js';
import { go, mark } from './nav.js';
import { form, h, show, title } from './ui.js';

/** The portal home: the greeting and the member's service menu. */
export async function home() {
  const r = await api('GET', '/session');
  if (!r.ok) return go('login');
  const session = r.data.session;
  showSignedIn(session);
  // New terms published while this session was open (R-ENR-6): accepted before going on.
  const version = session.termsVersionToAccept;
  if (version) return updatedTerms(version);
  document.body.dataset.step = 'home';
  show(
    ...title(t('welcome', { name: memberName(session) })),
    // The ID to log in with, beside the name (members forget it; seed 002 Q1).
    h('p', { class: 'muted', id: 'home-user-id' }, t('yourUserId', { userId: session.userId })),
    h('nav', { class: 'menu', 'aria-label': t('menu') }, [
      h('div', { class: 'tile' }, t('menuNotice')),
      h('div', { class: 'tile' }, t('menuMedical')),
      h('div', { class: 'tile' }, t('menuCheckup')),
    ]),
    h('button', { class: 'secondary', onclick: () => go('settings') }, t('settings')),
  );
}

/** The tenant's new terms, for a member already signed in. */
function updatedTerms(version) {
  document.body.dataset.step = 'session-terms';
  show(
    ...title(t('terms'), t('termsUpdated')),
    h(
      'div',
      { class: 'terms', tabindex: 0 },
      `${t('termsBody')}\n${t('termsVersion', { version })}`,
    ),
    form([], t('agree'), async () => {
      const r = await api('POST', '/session/terms', { version });
      if (!r.ok) return r.error;
      return home();
    }),
  );
}

/**
 * 「ログアウトしてもよろしいですか？」 with 「ログアウトする」 and 「キャンセル」; once logged out,
 * the login screen (and 「ログイン」 at the top right).
 */
export async function logoutConfirm() {
  const r = await api('GET', '/session');
  if (!r.ok) return go('login');
  showSignedIn(r.data.session);
  document.body.dataset.step = 'logout';
  show(
    ...title(t('logout'), t('logoutConfirm')),
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        onclick: async () => {
          await api('POST', '/logout', {});
          mark('login');
          loginScreen(t('loggedOut'));
        },
      },
      t('doLogout'),
    ),
    h('button', { type: 'button', class: 'secondary', onclick: () => go('home') }, t('cancel')),
  );
}
