// The portal home, the terms re-acceptance of an open session and the logout confirmation.
import { api } from './api.js';
import { t } from './i18n.js';
import { go } from './nav.js';
import { form, h, linkButton, show, title } from './ui.js';
/** The portal home: the member's service menu. */
export async function home() {
  const r = await api('GET', '/session');
  if (!r.ok) return go('login');
  // New terms published while this session was open (R-ENR-6): accepted before going on.
  const version = r.data.session.termsVersionToAccept;
  if (version) return updatedTerms(version);
  document.body.dataset.step = 'home';
  show(
    ...title(t('welcome', { userId: r.data.session.userId })),
    h('nav', { class: 'menu', 'aria-label': t('menu') }, [
      h('div', { class: 'tile' }, t('menuNotice')),
      h('div', { class: 'tile' }, t('menuMedical')),
      h('div', { class: 'tile' }, t('menuCheckup')),
    ]),
    h('button', { class: 'secondary', onclick: () => go('settings') }, t('settings')),
    h('button', { class: 'secondary', onclick: () => go('logout') }, t('logout')),
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

/** 「ログアウトしてもよろしいですか？」 */
export function logoutConfirm() {
  show(
    ...title(t('logout'), t('logoutConfirm')),
    h(
      'button',
      {
        class: 'primary',
        onclick: async () => {
          await api('POST', '/logout', {});
          go('login');
        },
      },
      t('doLogout'),
    ),
    linkButton(t('cancel'), () => go('home')),
  );
}
