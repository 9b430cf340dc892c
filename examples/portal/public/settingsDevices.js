// Settings: the member's devices (rename, remove, add).
import { api, tenant } from './api.js';
import { factorSetup, setupTitle } from './factors.js';
import { t } from './i18n.js';
import { withStepUp } from './stepUp.js';
import { errorBox, field, fill, form, h, linkButton, showError } from './ui.js';
export async function drawDevices(container) {
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
