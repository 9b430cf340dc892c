// The portal home, the logout confirmation, and settings (R-SET-1..3) with step-up prompts.
import { api, tenant } from './api.js';
import { emailCodeEntry, factorSetup, passkeyPrompt, setupTitle, totpEntry } from './factors.js';
import { t } from './i18n.js';
import { go } from './nav.js';
import {
  canUseRecoveryCode,
  recoveryChoice,
  recoveryCodeEntry,
  recoveryCodesSettings,
} from './recoveryCodes.js';
import { passwordRules } from './screens.js';
import { errorBox, field, fill, form, h, linkButton, show, showError, title } from './ui.js';

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

/** Runs `call`; when the API asks for re-authentication, asks for each proof, then retries. */
async function withStepUp(call) {
  let r = await call();
  if (!r.ok && r.error.code === 'REAUTHENTICATION_REQUIRED') {
    const done = await stepUp(r.error.details?.required ?? ['password']);
    if (!done) return r;
    r = await call();
  }
  return r;
}

/**
 * The step-up dialog (R-SET-2): the password, then a second factor. Any of the member's devices
 * proves it, so with several the member picks one (a passkey member with a TOTP app may use
 * the app, ACCEPTANCE 58). A wrong code stays on the same form for another try; a failed
 * passkey dialog is retried with a fresh challenge.
 */
function stepUp(required) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'step-up' });
    document.body.append(dialog);
    const finish = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const proofs = [...required];
    let useCode = () => null;
    const head = () => [h('h2', {}, t('stepUp')), h('p', {}, t('stepUpBody'))];
    const cancel = () => linkButton(t('cancel'), () => finish(false));
    const next = async () => {
      const proof = proofs.shift();
      if (proof === undefined) return finish(true);
      if (proof === 'password') {
        fill(
          dialog,
          ...head(),
          form(
            [field(t('password'), { name: 'password', type: 'password', id: 'step-up-password' })],
            t('confirm'),
            async (v) => {
              const r = await api('POST', '/step-up/password', { password: v.password ?? '' });
              if (!r.ok) return r.error;
              await next();
            },
          ),
          cancel(),
        );
        return;
      }
      const list = await api('GET', '/settings/factors');
      const own = list.ok ? list.data.factors : [];
      // 「リカバリーコードを使う」 is offered beside the devices (R-REC-1, ACCEPTANCE 58).
      const code = { factor: 'recovery-code' };
      useCode = (await canUseRecoveryCode())
        ? () => recoveryChoice(() => begin(code, { kind: 'recovery-code' }, own))
        : () => null;
      if (own.length > 1) return pick(own);
      return begin(own[0] ? { credentialId: own[0].id } : { factor: proof }, own[0], own);
    };
    /** 「認証に使うデバイスを選んでください」: every device of the member, with its kind. */
    const pick = (own) =>
      fill(
        dialog,
        ...head(),
        h('p', {}, t('pickDevice')),
        h(
          'ul',
          { class: 'devices' },
          own.map((f) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'device-choice',
                  'data-kind': f.kind,
                  onclick: () => begin({ credentialId: f.id }, f, own),
                },
                f.label,
                h('span', { class: 'muted' }, ` (${t(`factor_${f.kind}`)})`),
              ),
            ),
          ),
        ),
        useCode(),
        cancel(),
      );
    const begin = async (which, device, own) => {
      const again = own.length > 1 ? linkButton(t('otherDevice'), () => pick(own)) : null;
      const r = await api('POST', '/step-up/challenge', which);
      if (!r.ok) {
        const box = errorBox();
        fill(dialog, ...head(), box, again, cancel());
        return showError(box, r.error);
      }
      const verify = async (response) => {
        const v = await api('POST', '/step-up/challenge/verify', { response: response ?? '' });
        if (!v.ok) return v.error;
        await next();
      };
      const client = r.data.client ?? {};
      const kind = device?.kind ?? which.factor;
      const body =
        kind === 'recovery-code'
          ? recoveryCodeEntry(verify)
          : kind === 'passkey'
            ? passkeyPrompt(client.options, {
                label: t('usePasskeyStepUp'),
                begin: () => api('POST', '/step-up/challenge', which),
                verify,
              })
            : kind === 'email-otp'
              ? emailCodeEntry(client, {
                  complete: (_label, code) => verify(code),
                  resend: () => api('POST', '/step-up/challenge', which),
                })
              : totpEntry(verify, client.label ?? device?.label);
      const code = kind === 'recovery-code' ? null : useCode();
      fill(dialog, ...head(), body, code, again, cancel());
    };
    dialog.showModal();
    void next();
  });
}

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

async function drawDevices(container) {
  const box = errorBox();
  const r = await api('GET', '/settings/factors');
  const factors = r.ok ? r.data.factors : [];
  const row = (f) => {
    const rename = linkButton(t('rename'), () => {
      fill(
        item,
        form(
          [field(t('deviceName'), { name: 'label', value: f.label, id: `rename-${f.id}` })],
          t('send'),
          async (v) => {
            const u = await api('PATCH', `/settings/factors/${encodeURIComponent(f.id)}`, {
              label: v.label ?? '',
            });
            if (!u.ok) return u.error;
            await drawDevices(container);
          },
        ),
      );
    });
    const remove = linkButton(t('remove'), async () => {
      const path = `/settings/factors/${encodeURIComponent(f.id)}`;
      const first = await withStepUp(() => api('DELETE', path, {}));
      if (first.ok) return drawDevices(container);
      if (first.error.code !== 'CONFIRMATION_REQUIRED') return showError(box, first.error);
      fill(
        item,
        h('p', { class: 'confirm' }, first.error.message),
        h(
          'button',
          {
            class: 'danger',
            onclick: async () => {
              const done = await withStepUp(() => api('DELETE', path, { confirm: true }));
              if (!done.ok) return showError(box, done.error);
              await drawDevices(container);
            },
          },
          t('removeConfirm'),
        ),
        linkButton(t('cancel'), () => drawDevices(container)),
      );
    });
    const item = h(
      'li',
      { class: 'device', 'data-kind': f.kind },
      h('strong', {}, f.label),
      h('span', { class: 'muted' }, ` ${t(`factor_${f.kind}`)}`),
      h('div', { class: 'actions' }, rename, remove),
    );
    return item;
  };
  // Email codes go to the one verified address: a member who has them is not offered them again.
  const offered = tenant.factors.filter(
    (kind) => kind !== 'email-otp' || !factors.some((f) => f.kind === 'email-otp'),
  );
  const add = offered.map((kind) =>
    h(
      'button',
      { class: 'secondary', onclick: () => addDevice(kind, container) },
      `${t('addDevice')}: ${t(`factor_${kind}`)}`,
    ),
  );
  fill(container, h('ul', { class: 'devices' }, factors.map(row)), box, ...add);
  if (!r.ok) showError(box, r.error);
}

async function addDevice(kind, container) {
  const complete = async (label, response) => {
    const c = await api('POST', '/settings/factors/complete', {
      label: label ?? '',
      response: response ?? '',
    });
    if (!c.ok) return c.error;
    await drawDevices(container);
  };
  const back = linkButton(t('cancel'), () => drawDevices(container));
  if (kind === 'passkey') {
    // The name first; each press begins again (step-up when needed) for a fresh challenge.
    fill(
      container,
      h('h3', {}, setupTitle(kind)),
      ...factorSetup(
        kind,
        {},
        {
          begin: (label) =>
            withStepUp(() => api('POST', '/settings/factors', { factor: kind, label })),
          complete,
        },
      ),
      back,
    );
    return;
  }
  const box = errorBox();
  const r = await withStepUp(() => api('POST', '/settings/factors', { factor: kind }));
  if (!r.ok) {
    container.append(box);
    return showError(box, r.error);
  }
  fill(
    container,
    h('h3', {}, setupTitle(kind)),
    ...factorSetup(kind, r.data.client ?? {}, {
      complete,
      resend: () => api('POST', '/settings/factors', { factor: kind }),
    }),
    back,
  );
}

async function drawSessions(container) {
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

/**
 * A destructive action behind a confirmation: the button shows the question, the action's own
 * button and 「キャンセル」 in its place.
 */
function confirmed(label, question, confirmLabel, act) {
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
