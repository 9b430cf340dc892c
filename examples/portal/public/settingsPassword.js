// Settings, パスワード: change the password (R-SET-2: the current one, re-authentication when
// the last one is old); every other session ends.
import { api } from './api.js';
import { passwordRules } from './enrollSteps.js';
import { t } from './i18n.js';
import { card, ok, settingsSection } from './settings.js';
import { withStepUp } from './stepUp.js';
import { field, form } from './ui.js';

/** The password section. */
export function passwordSettings() {
  return settingsSection('password', () => [
    card(
      t('changePassword'),
      passwordRules(),
      form(
        [
          field(t('currentPassword'), {
            name: 'currentPassword',
            type: 'password',
            id: 'current-password',
            autocomplete: 'current-password',
          }),
          field(
            t('newPassword'),
            {
              name: 'password',
              type: 'password',
              id: 'change-password',
              autocomplete: 'new-password',
            },
            t('passwordSignsOutOthers'),
          ),
          field(t('confirmPassword'), {
            name: 'confirmation',
            type: 'password',
            id: 'change-confirmation',
            autocomplete: 'new-password',
          }),
        ],
        t('send'),
        async (v, box) => {
          const r = await withStepUp(() =>
            api('POST', '/settings/password', {
              currentPassword: v.currentPassword ?? '',
              password: v.password ?? '',
              confirmation: v.confirmation ?? '',
            }),
          );
          if (!r.ok) return r.error;
          ok(box, t('saved'));
        },
      ),
    ),
  ]);
}
