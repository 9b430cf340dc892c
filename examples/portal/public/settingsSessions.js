// Settings: the signed-in devices and 「すべての端末からログアウト」.
import { api } from './api.js';
import { t } from './i18n.js';
import { go } from './nav.js';
import { confirmed } from './settings.js';
import { withStepUp } from './stepUp.js';
import { errorBox, fill, h, linkButton, showError } from './ui.js';
export async function drawSessions(container) {
  const box = errorBox();
  const r = await withStepUp(() => api('GET', '/settings/sessions'));
  const list = r.ok ? r.data.sessions : [];
  const when = (ms) => new Date(ms).toLocaleString();
  fill(
    container,
    h(
      'ul',
      { class: 'sessions' },
      list.map((s) =>
        h(
          'li',
          {},
          `${when(s.createdAt)} `,
          s.current
            ? h('strong', {}, t('thisDevice'))
            : linkButton(t('endSession'), async () => {
                await api('DELETE', `/settings/sessions/${encodeURIComponent(s.id)}`, {});
                await drawSessions(container);
              }),
        ),
      ),
    ),
    box,
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
