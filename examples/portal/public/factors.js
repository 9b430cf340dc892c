// Factor ceremonies shared by first login, login, adding a device and step-up:
// TOTP (QR + grouped key + code), passkeys (WebAuthn JSON options) and email codes.
import { t } from './i18n.js';
import { clearError, cooldown, errorBox, field, form, h, showError } from './ui.js';

/**
 * The TOTP setup form: QR code, 「スキャンできませんか？」 key, device name, code. On a phone (the
 * device that must scan the code) the key is shown open, with a copy button and an
 * `otpauth://` link that opens the authenticator app on the same phone.
 */
export function totpSetup(client, complete) {
  const phone = window.matchMedia('(pointer: coarse)').matches;
  const copied = h('span', { class: 'hint', role: 'status' });
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        await navigator.clipboard.writeText(client.manualKey.replace(/\s+/g, ''));
        copied.textContent = t('keyCopied');
      },
    },
    t('copyKey'),
  );
  return [
    h('p', {}, t('totpScan')),
    h('img', { class: 'qr', src: client.qrDataUrl, alt: 'QR code', width: 220, height: 220 }),
    h('a', { class: 'button secondary', href: client.uri }, t('openInApp')),
    h(
      'details',
      { class: 'manual-key', ...(phone ? { open: true } : {}) },
      h('summary', {}, t('cantScan')),
      h('p', {}, t('manualKey')),
      h('code', { class: 'key', 'data-testid': 'manual-key' }, client.manualKey),
      copy,
      copied,
      h('p', { class: 'hint' }, `${client.issuer} / ${client.account}`),
    ),
    form(
      [
        field(t('deviceName'), { name: 'label', required: true, placeholder: t('deviceNameHint') }),
        field(t('code'), { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code' }),
      ],
      t('run'),
      (v) => complete(v.label, v.code),
    ),
  ];
}

/**
 * The code form of email OTP (setup or login), with resend and its cooldown. `resend()` returns
 * the API answer of the call that mails a new code.
 */
export function emailCodeEntry(client, { complete, resend, withLabel }) {
  const resendButton = h('button', { type: 'button', class: 'secondary' }, t('resend'));
  const entry = form(
    [
      h('p', {}, t('emailCodeSent', { email: client.sentTo ?? '' })),
      withLabel
        ? h('input', { type: 'hidden', name: 'label', value: client.defaultLabel ?? 'email' })
        : null,
      field(t('code'), { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code' }),
    ],
    t('run'),
    (v) => complete(v.label, v.code),
    [resendButton],
  );
  // A refused resend (cooldown, hourly cap, mail down) says why, next to the button.
  const resendError = errorBox();
  resendButton.addEventListener('click', async () => {
    const r = await resend();
    if (r.ok) {
      clearError(resendError);
      const seconds = r.data.client?.resendAfterSeconds;
      if (seconds) cooldown(resendButton, seconds);
      return;
    }
    showError(resendError, r.error);
    const wait = Number(r.error?.details?.retryAfterSeconds);
    if (wait > 0) cooldown(resendButton, wait);
  });
  if (client.resendAfterSeconds) cooldown(resendButton, client.resendAfterSeconds);
  return [entry, resendError];
}

/** A TOTP code form (login or step-up). */
export function totpEntry(complete, label) {
  return [
    h('p', {}, t('enterTotp')),
    label ? h('p', { class: 'device' }, label) : null,
    form(
      [field(t('code'), { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code' })],
      t('run'),
      (v) => complete(v.code),
    ),
  ];
}

/**
 * Registers a passkey with the browser: the RegistrationResponseJSON, or `{ error: name }`
 * when the browser refused (the server answers with the member's message, e.g. cancelled).
 */
export async function createPasskey(options) {
  try {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options);
    const credential = await navigator.credentials.create({ publicKey });
    return credential.toJSON();
  } catch (error) {
    return { error: error?.name ?? 'UnknownError' };
  }
}

/** Signs in with a passkey: the AuthenticationResponseJSON, or `{ error: name }`. */
export async function getPasskey(options) {
  try {
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options);
    const credential = await navigator.credentials.get({ publicKey });
    return credential.toJSON();
  } catch (error) {
    return { error: error?.name ?? 'UnknownError' };
  }
}

/**
 * After a failed or cancelled browser dialog the submit button of `element` reads
 * 「再試行してください」, the button the error message tells the member to press.
 */
function offerRetry(element, error) {
  if (error) element.querySelector('button[type=submit]').textContent = t('retry');
  return error;
}

/**
 * The passkey setup form: the name first, then the browser's dialog (ACCEPTANCE 57). Each press
 * calls `begin(label)`, which asks the server to begin again: it refuses an empty or taken name
 * before any dialog opens, and answers a fresh challenge for every attempt (a challenge serves
 * one attempt, so a retry never reuses the options of a failed or cancelled dialog).
 */
export function passkeySetup({ begin, complete }) {
  const element = form(
    [field(t('passkeyName'), { name: 'label', required: true, value: defaultPasskeyName() })],
    t('registerPasskey'),
    async (v) => {
      const label = v.label ?? '';
      const begun = await begin(label);
      if (!begun.ok) return begun.error;
      const response = await createPasskey(begun.data.client?.options);
      return offerRetry(element, await complete(label, response));
    },
  );
  return [h('p', {}, t('passkeyHint')), element];
}

/**
 * The passkey button of a login or a step-up. The first press answers the challenge already
 * begun (`options`); after a failed or cancelled dialog the button reads 「再試行してください」 and
 * each press first calls `begin()` for a fresh challenge (ACCEPTANCE 57).
 */
export function passkeyPrompt(options, { label, begin, verify }) {
  let fresh = options ?? null;
  const element = form([], label, async () => {
    if (fresh === null) {
      const again = await begin();
      if (!again.ok) return again.error;
      fresh = again.data.client?.options ?? null;
    }
    const response = await getPasskey(fresh);
    fresh = null;
    return offerRetry(element, await verify(response));
  });
  return element;
}

function defaultPasskeyName() {
  const ua = navigator.userAgent;
  if (/iPhone/.test(ua)) return 'iPhone';
  if (/Android/.test(ua)) return 'Android';
  if (/Mac/.test(ua)) return 'Mac';
  return 'PC';
}

/**
 * The setup form for whichever factor `kind` is. `begin(label)` is the passkey's begin (a
 * ceremony per attempt); TOTP and email codes show the `client` of the ceremony already begun.
 */
export function factorSetup(kind, client, { begin, complete, resend }) {
  if (kind === 'totp') return totpSetup(client, complete);
  if (kind === 'passkey') return passkeySetup({ begin, complete });
  return emailCodeEntry(client, { complete, resend, withLabel: true });
}

/** The setup title for `kind`. */
export function setupTitle(kind) {
  return t(kind === 'totp' ? 'setupTotp' : kind === 'passkey' ? 'setupPasskey' : 'setupEmailOtp');
}
