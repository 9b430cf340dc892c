// Settings (R-SET-1..3): a short menu of sections (profile, password, devices, signed-in
// devices), each its own screen with the way back to the menu at its top.
import { api, tenant } from './api.js';
import { showSignedIn } from './header.js';
import { catalog, t } from './i18n.js';
import { go } from './nav.js';
import { fill, h, navLink, show, title } from './ui.js';

/** Settings texts (the section names of the menu). */
export const st = catalog({
  ja: {
    profile: 'プロフィール',
    profileAbout: 'ユーザID・メールアドレス',
    password: 'パスワード',
    passwordAbout: 'パスワードの変更',
    devices: '認証デバイス',
    passkey: '生体認証（パスキー）',
    totp: '認証アプリ',
    'email-otp': 'メールでワンタイムパスワード',
    recoveryCodes: 'リカバリーコード',
    listJoin: '・',
    sessions: 'ログイン中の端末',
    sessionsAbout: 'ログイン中の端末の確認・ログアウト',
    backToSettings: '設定に戻る',
    labelled: '{label}：{value}',
  },
  en: {
    profile: 'Profile',
    profileAbout: 'User ID and email address',
    password: 'Password',
    passwordAbout: 'Change your password',
    devices: 'Authentication devices',
    passkey: 'passkeys',
    totp: 'authenticator apps',
    'email-otp': 'email codes',
    recoveryCodes: 'recovery codes',
    listJoin: ', ',
    sessions: 'Signed-in devices',
    sessionsAbout: 'See where you are signed in and sign out',
    backToSettings: 'Back to settings',
    labelled: '{label}: {value}',
  },
});

/** The menu's sections: name, page, and a few words on what is inside. */
const SECTIONS = [
  { name: 'profile', about: () => st('profileAbout') },
  { name: 'password', about: () => st('passwordAbout') },
  {
    name: 'devices',
    about: (codes) =>
      [...tenant.factors, ...(codes ? ['recoveryCodes'] : [])]
        .map((kind) => st(kind))
        .join(st('listJoin'))
        .replace(/^./, (first) => first.toUpperCase()),
  },
  { name: 'sessions', about: () => st('sessionsAbout') },
];

/**
 * The session of the signed-in member (its name drawn at the top right), or null after
 * sending a signed-out visitor to the login screen.
 */
export async function signedInSession() {
  const me = await api('GET', '/session');
  if (!me.ok) {
    go('login');
    return null;
  }
  showSignedIn(me.data.session);
  return me.data.session;
}

/** The settings menu. */
export async function settings() {
  const session = await signedInSession();
  if (session === null) return;
  const codes = await api('GET', '/settings/recovery-codes');
  const withCodes = codes.ok && codes.data.enabled === true;
  document.body.dataset.step = 'settings';
  show(
    navLink(t('backHome'), 'home', { class: 'back' }),
    ...title(t('settings')),
    h(
      'ul',
      { class: 'menu-list' },
      SECTIONS.map((section) =>
        h(
          'li',
          {},
          navLink(
            [
              h('span', { class: 'menu-name' }, st(section.name)),
              h('span', { class: 'menu-about' }, section.about(withCodes)),
            ],
            `settings/${section.name}`,
            { class: 'menu-item', id: `settings-${section.name}` },
          ),
        ),
      ),
    ),
  );
}

/**
 * Draws one section: the way back to the menu, its title, then `draw(session)`'s nodes. The
 * session is checked first, as on every page of a signed-in member.
 */
export async function settingsSection(name, draw) {
  const session = await signedInSession();
  if (session === null) return;
  document.body.dataset.step = `settings-${name}`;
  const nodes = await draw(session);
  show(navLink(st('backToSettings'), 'settings', { class: 'back' }), ...title(st(name)), ...nodes);
}

/** A card inside a section, titled unless `heading` is null (the section's own title). */
export function card(heading, ...children) {
  return h(
    'section',
    { class: 'card' },
    heading === null ? null : h('h2', {}, heading),
    ...children,
  );
}

/** Shows a success in a form's message area. */
export function ok(box, message) {
  fill(box, h('p', {}, message));
  box.className = 'success';
  box.hidden = false;
}
