// Settings, 認証デバイス: the member's devices (rename, remove after a confirmation, add one)
// and, where the tenant has them, the recovery codes.
import { api, tenant } from './api.js';
import { factorSetup, setupTitle } from './factors.js';
import { lang, t } from './i18n.js';
import { recoveryCodesSettings } from './recoveryCodes.js';
import { card, settingsSection, st } from './settings.js';
import { withStepUp } from './stepUp.js';
import { errorBox, field, fill, form, h, showError } from './ui.js';

/** The devices section. */
export function devicesSettings() {
  return settingsSection('devices', async () => {
    const devices = h('div', { id: 'devices' });
    await drawDevices(devices);
    return [card(t('devices'), devices), recoveryCodesSettings(withStepUp)];
  });
}

const when = (ms) =>
  new Date(ms).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

/** A plain button of the given class. */
const button = (className, label, onclick) =>
  h('button', { type: 'button', class: className, onclick }, label);

/** One device: its name, kind and dates, 「名前を変更」 and 「削除」 (which asks first). */
function deviceRow(f, container, box) {
  const path = `/settings/factors/${encodeURIComponent(f.id)}`;
  const redraw = () => drawDevices(container);
  const rename = () =>
    fill(
      item,
      form(
        [field(t('deviceName'), { name: 'label', value: f.label, id: `rename-${f.id}` })],
        t('send'),
        async (v) => {
          const u = await api('PATCH', path, { label: v.label ?? '' });
          if (!u.ok) return u.error;
          await redraw();
        },
        [button('secondary', t('cancel'), redraw)],
      ),
    );
  // The server asks first (「「iPhone」を削除してもよろしいですか？」): its question, then
  // 「削除する」 or 「キャンセル」.
  const remove = async () => {
    const first = await withStepUp(() => api('DELETE', path, {}));
    if (first.ok) return redraw();
    if (first.error.code !== 'CONFIRMATION_REQUIRED') return showError(box, first.error);
    fill(
      item,
      h('p', { class: 'confirm', role: 'alert' }, first.error.message),
      button('danger', t('removeConfirm'), async () => {
        const done = await withStepUp(() => api('DELETE', path, { confirm: true }));
        if (!done.ok) return showError(box, done.error);
        await redraw();
      }),
      button('secondary', t('cancel'), redraw),
    );
    item.querySelector('button.danger')?.focus();
  };
  const item = h(
    'li',
    { class: 'device', 'data-kind': f.kind },
    h('strong', { class: 'device-label' }, f.label),
    h('span', { class: 'muted' }, ` ${t(`factor_${f.kind}`)}`),
    h(
      'p',
      { class: 'hint' },
      st('labelled', { label: t('createdAt'), value: when(f.createdAt) }),
      h('br'),
      st('labelled', {
        label: t('lastUsed'),
        value: f.lastUsedAt ? when(f.lastUsedAt) : t('never'),
      }),
    ),
    h(
      'div',
      { class: 'actions' },
      button('secondary', t('rename'), rename),
      button('remove', t('remove'), remove),
    ),
  );
  return item;
}

/** Draws the device list and the 「デバイスを追加」 buttons into `container`. */
export async function drawDevices(container) {
  const box = errorBox();
  const r = await api('GET', '/settings/factors');
  const factors = r.ok ? r.data.factors : [];
  // Email codes go to the one verified address: a member who has them is not offered them again.
  const offered = tenant.factors.filter(
    (kind) => kind !== 'email-otp' || !factors.some((f) => f.kind === 'email-otp'),
  );
  const add = offered.map((kind) =>
    button('secondary', `${t('addDevice')}: ${t(`factor_${kind}`)}`, () =>
      addDevice(kind, container),
    ),
  );
  fill(
    container,
    box,
    h(
      'ul',
      { class: 'devices' },
      factors.map((f) => deviceRow(f, container, box)),
    ),
    ...add,
  );
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
  const back = button('secondary', t('cancel'), () => drawDevices(container));
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
    container.prepend(box);
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
