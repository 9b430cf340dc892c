// Settings, ログイン中の端末: every signed-in browser (its browser and OS, sign-in time, last
// use, 「この端末」), ending one, and 「すべての端末からログアウト」 after a confirmation.
import { api } from './api.js';
import { catalog, lang, t } from './i18n.js';
import { go } from './nav.js';
import { card, settingsSection, st } from './settings.js';
import { withStepUp } from './stepUp.js';
import { confirmed, errorBox, fill, h, showError } from './ui.js';

const dt = catalog({
  ja: {
    unknownDevice: '不明な端末',
    mobile: 'スマートフォン',
    tablet: 'タブレット',
    desktop: 'パソコン',
    signedInAt: 'ログイン',
    lastSeenAt: '最終利用',
  },
  en: {
    unknownDevice: 'Unknown device',
    mobile: 'Smartphone',
    tablet: 'Tablet',
    desktop: 'Computer',
    signedInAt: 'Signed in',
    lastSeenAt: 'Last used',
  },
});

/** The sessions section. */
export function sessionsSettings() {
  return settingsSection('sessions', async () => {
    const sessions = h('div', { id: 'sessions' });
    await drawSessions(sessions);
    return [card(null, sessions)];
  });
}

const when = (ms) =>
  new Date(ms).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

/**
 * What a session was signed in from: 「Safari・iOS」, else its kind of device, else
 * 「不明な端末」 (the API may not say: `device` is absent or null).
 */
export function deviceName(device) {
  const parts = [device?.browser, device?.os].filter((p) => typeof p === 'string' && p !== '');
  if (parts.length > 0) return parts.join(lang === 'ja' ? '・' : ' · ');
  if (device?.type === 'mobile' || device?.type === 'tablet' || device?.type === 'desktop') {
    return dt(device.type);
  }
  return dt('unknownDevice');
}

function sessionRow(s, container) {
  const end = async () => {
    await api('DELETE', `/settings/sessions/${encodeURIComponent(s.id)}`, {});
    await drawSessions(container);
  };
  return h(
    'li',
    { class: 'session' },
    h(
      'p',
      { class: 'session-device' },
      h('span', {}, deviceName(s.device)),
      s.current ? h('strong', { class: 'badge' }, t('thisDevice')) : null,
    ),
    h(
      'p',
      { class: 'hint' },
      st('labelled', { label: dt('signedInAt'), value: when(s.createdAt) }),
      h('br'),
      st('labelled', { label: dt('lastSeenAt'), value: when(s.lastSeenAt) }),
    ),
    s.current
      ? null
      : h('button', { type: 'button', class: 'secondary', onclick: end }, t('endSession')),
  );
}

/** Draws the session list and 「すべての端末からログアウト」 into `container`. */
export async function drawSessions(container) {
  const box = errorBox();
  const r = await withStepUp(() => api('GET', '/settings/sessions'));
  const list = r.ok ? r.data.sessions : [];
  fill(
    container,
    box,
    h(
      'ul',
      { class: 'sessions' },
      list.map((s) => sessionRow(s, container)),
    ),
    confirmed(
      t('logoutEverywhere'),
      t('logoutEverywhereConfirm'),
      t('doLogoutEverywhere'),
      async () => {
        const out = await api('POST', '/logout-everywhere', {});
        if (!out.ok) return showError(box, out.error);
        go('login');
      },
    ),
  );
  if (!r.ok) showError(box, r.error);
}
