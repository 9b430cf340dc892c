// Settings (R-SET-1..3): user ID, password, email, devices, recovery codes, sessions.
import { api } from './api.js';
import { passwordRules } from './enrollSteps.js';
import { t } from './i18n.js';
import { go } from './nav.js';
import { recoveryCodesSettings } from './recoveryCodes.js';
import { drawDevices } from './settingsDevices.js';
import { drawSessions } from './settingsSessions.js';
import { withStepUp } from './stepUp.js';
import { field, fill, form, h, linkButton, show, title } from './ui.js';

function section(heading, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, heading), ...children);
}

function ok(box, message) {
  fill(box, h('p', {}, message));
  box.className = 'success';
  box.hidden = false;
}

/** Settings: user ID, password, email, devices, sessions. */
export async function settings() {
  const me = await api('GET', '/session');
  if (!me.ok) return go('login');
  document.body.dataset.step = 'settings';
  const devices = h('div', { id: 'devices' });
  const sessions = h('div', { id: 'sessions' });
  show(
    ...title(t('settings')),
    linkButton(t('backHome'), () => go('home')),
    section(
      t('changeUserId'),
      form(
        [field(t('userId'), { name: 'userId', id: 'new-user-id', value: me.data.session.userId })],
        t('send'),
        async (v, box) => {
          const r = await withStepUp(() =>
            api('POST', '/settings/user-id', { userId: v.userId ?? '' }),
          );
          if (!r.ok) return r.error;
          ok(box, t('saved'));
        },
      ),
    ),
    section(
      t('changePassword'),
      passwordRules(),
      form(
        [
          field(t('currentPassword'), {
            name: 'currentPassword',
            type: 'password',
            id: 'current-password',
          }),
          field(t('newPassword'), { name: 'password', type: 'password', id: 'change-password' }),
          field(t('confirmPassword'), {
            name: 'confirmation',
            type: 'password',
            id: 'change-confirmation',
          }),
          h('p', { class: 'hint' }, t('passwordSignsOutOthers')),
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
    section(
      t('changeEmail'),
      form(
        [
          field(t('email'), { name: 'email', type: 'email', id: 'new-email' }),
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
    section(t('devices'), devices),
    recoveryCodesSettings(withStepUp),
    section(t('sessions'), sessions),
  );
  await Promise.all([drawDevices(devices), drawSessions(sessions)]);
}

/**
 * A destructive action behind a confirmation: the button shows the question, the action's own
 * button and 「キャンセル」 in its place.
 */
export function confirmed(label, question, confirmLabel, act) {
  const slot = h('div', { class: 'confirm-slot' });
  const ask = () =>
    fill(
      slot,
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () =>
            fill(
              slot,
              h('p', { class: 'confirm' }, question),
              h('button', { type: 'button', class: 'danger', onclick: act }, confirmLabel),
              linkButton(t('cancel'), ask),
            ),
        },
        label,
      ),
    );
  ask();
  return slot;
}
