// 「スマートデバイスを機種変更・紛失した場合」 at a password reset (R-REC-2, seed 002 Q14: "set it up
// again through 'forgot password'"): when the flow offers it, the member proves the birth date,
// chooses a method and sets up the new phone; the old passkeys and authenticators are removed.
import { api } from './api.js';
import { lang } from './i18n.js';
import { errorBox, h, showError } from './ui.js';

const texts = {
  ja: {
    lost: 'スマートデバイスを機種変更・紛失した場合',
    explain:
      '生年月日を確認したうえで、新しいスマートデバイスを設定します。これまでの認証デバイス（パスキー・認証アプリ）は削除されます。',
  },
  en: {
    lost: 'Changed or lost your phone?',
    explain:
      'Confirm your birth date, then set up your new phone. Your old devices (passkeys and authenticator apps) will be removed.',
  },
};

/**
 * The choice under a reset's factor proof, or `null` when the flow does not offer it.
 * `next(answer)` draws the flow's next screen; `ended(error)` handles a flow that is gone.
 */
export function lostDeviceChoice(flow, next, ended) {
  if (!flow?.lostDevice) return null;
  const text = texts[lang] ?? texts.ja;
  const box = errorBox();
  return h(
    'div',
    { class: 'lost-device' },
    box,
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        id: 'lost-device',
        'aria-describedby': 'lost-device-help',
        onclick: async () => {
          const r = await api('POST', '/flow/lost-device', {});
          if (r.ok) return next(r.data);
          if (r.error.code === 'FLOW_EXPIRED' || r.error.code === 'FLOW_NOT_FOUND') {
            return ended(r.error);
          }
          return showError(box, r.error);
        },
      },
      text.lost,
    ),
    h('p', { class: 'muted', id: 'lost-device-help' }, text.explain),
  );
}
