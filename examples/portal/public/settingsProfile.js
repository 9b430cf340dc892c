// Settings, プロフィール: change the user ID (R-SET-1) and the email address (R-SET-3, a link
// to the new address confirms it).
import { api } from './api.js';
import { showSignedIn } from './header.js';
import { t } from './i18n.js';
import { card, ok, settingsSection } from './settings.js';
import { withStepUp } from './stepUp.js';
import { field, form, h } from './ui.js';

/** The profile section. */
export function profileSettings() {
  return settingsSection('profile', (session) => [
    card(
      t('changeUserId'),
      form(
        [field(t('userId'), { name: 'userId', id: 'new-user-id', value: session.userId })],
        t('send'),
        async (v, box) => {
          const r = await withStepUp(() =>
            api('POST', '/settings/user-id', { userId: v.userId ?? '' }),
          );
          if (!r.ok) return r.error;
          // The name at the top right is the user ID when there is no display name.
          showSignedIn({ ...session, userId: r.data.userId ?? session.userId });
          ok(box, t('saved'));
        },
      ),
    ),
    card(
      t('changeEmail'),
      form(
        [
          // Seed 002 3-5: the current address is shown; the member replaces it.
          field(t('email'), {
            name: 'email',
            type: 'email',
            id: 'new-email',
            autocomplete: 'email',
            value: session.email ?? undefined,
          }),
          h(
            'label',
            { class: 'check' },
            h('input', { type: 'checkbox', name: 'keepOthers', value: 'yes' }),
            t('keepOtherSessions'),
          ),
        ],
        t('send'),
        async (v, box) => {
          const r = await withStepUp(() =>
            api('POST', '/settings/email', {
              email: v.email ?? '',
              keepOtherSessions: v.keepOthers === 'yes',
            }),
          );
          if (!r.ok) return r.error;
          ok(box, t('emailChangeSent'));
        },
      ),
    ),
  ]);
}
